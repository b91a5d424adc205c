using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Understanding.Embeddings;

/// <summary>
/// The sentence embedding of this turn's message, computed the first time a feature asks for it and kept in the
/// turn state, so the safety screener and the recognizer share one model run. A turn whose cheap checks settle it
/// (a menu word, a number, a card submission, a short reply) never asks, and so never pays for the model.
/// </summary>
public sealed class TurnEmbedding
{
    private const string TurnStateKey = "ReflectBot.Understanding.TurnEmbedding";

    private readonly ISentenceEmbedder _embedder;
    private readonly string? _text;
    private float[]? _vector;
    private bool _tried;

    private TurnEmbedding(ISentenceEmbedder embedder, string? text)
    {
        _embedder = embedder;
        _text = text;
    }

    /// <summary>How many times the model ran for this turn: 0 or 1.</summary>
    public int ModelRuns { get; private set; }

    /// <summary>This turn's holder, created on first use for the activity's text.</summary>
    public static TurnEmbedding For(ITurnContext turnContext, ISentenceEmbedder embedder)
    {
        if (turnContext.TurnState.TryGetValue(TurnStateKey, out var existing) && existing is TurnEmbedding held)
        {
            return held;
        }

        var activity = turnContext.Activity;
        var text = activity.IsType(ActivityTypes.Message) && !string.IsNullOrWhiteSpace(activity.Text) ? activity.Text : null;
        var created = new TurnEmbedding(embedder, text);
        turnContext.TurnState[TurnStateKey] = created;
        return created;
    }

    /// <summary>A holder for text outside a turn (the screen command, the bench), with the same laziness.</summary>
    public static TurnEmbedding ForText(string? text, ISentenceEmbedder embedder) =>
        new(embedder, string.IsNullOrWhiteSpace(text) ? null : text);

    /// <summary>
    /// The message's unit vector, computing it on the first call. False when the turn has no text or no model,
    /// or the model failed on this message (the caller goes on without it; the failure is the caller's to log).
    /// </summary>
    public bool TryGetVector(out ReadOnlyMemory<float> vector)
    {
        if (!_tried)
        {
            _tried = true;
            if (_text is not null && _embedder.IsAvailable)
            {
                ModelRuns++;
                _vector = _embedder.Embed(_text);
            }
        }

        vector = _vector;
        return _vector is not null;
    }
}
