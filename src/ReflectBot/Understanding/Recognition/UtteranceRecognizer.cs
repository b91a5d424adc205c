using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// ReflectBot's recognizer: reads each message once per turn, before the dialogs, and keeps the reading in the turn
/// state for every dialog and interruption that asks. Numbers and card buttons are answers to the prompt; whole
/// commands and menu words are read exactly; only what is left costs the sentence embedding, which is the one the
/// safety screener shares (<see cref="TurnEmbedding"/>), so the model runs at most once per turn.
/// </summary>
public sealed partial class UtteranceRecognizer(RecognitionModel model, ISentenceEmbedder embedder, ILogger<UtteranceRecognizer> logger) : IRecognizer
{
    private const string TurnStateKey = "ReflectBot.Understanding.RecognizedMessage";

    /// <summary>This turn's reading of the message, computed on the first call.</summary>
    public RecognizedMessage Recognize(ITurnContext turnContext)
    {
        if (turnContext.TurnState.TryGetValue(TurnStateKey, out var held) && held is RecognizedMessage recognized)
        {
            return recognized;
        }

        recognized = ReadNow(turnContext);
        turnContext.TurnState[TurnStateKey] = recognized;
        return recognized;
    }

    public Task<RecognizerResult> RecognizeAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.FromResult(ToResult(PromptInput.GetText(turnContext.Activity), Recognize(turnContext)));

    /// <summary>The SDK-shaped result: intents with scores, entities as LUIS lists them.</summary>
    public static RecognizerResult ToResult(string? text, RecognizedMessage recognized)
    {
        var result = new RecognizerResult { Text = text };
        foreach (var alternative in recognized.Alternatives)
        {
            result.Intents[alternative.Intent] = new Framework.Builder.IntentScore { Score = alternative.Score };
        }

        if (recognized.Certainty == Certainty.OutOfScope)
        {
            result.Intents[IntentNames.None] = new Framework.Builder.IntentScore { Score = 1 };
        }

        var entities = recognized.Entities;
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                result.Entities[name] = new JsonArray(value);
            }
        }

        Add("who", entities.Who);
        Add("topic", entities.Topic);
        Add("topicWords", entities.TopicWords);
        Add("step", entities.Step);
        Add("goal", entities.Goal);
        if (recognized.Learn.Count > 0)
        {
            result.Entities["learn"] = new JsonArray([.. recognized.Learn.Select(m => JsonValue.Create(m.Entry.Id))]);
        }

        result.Properties["certainty"] = recognized.Certainty.ToString();
        return result;
    }

    private RecognizedMessage ReadNow(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        if (!activity.IsType(ActivityTypes.Message))
        {
            return RecognizedMessage.Nothing;
        }

        // A card button carries its choice in value and no text: it answers the prompt it belongs to.
        if (string.IsNullOrWhiteSpace(activity.Text))
        {
            return activity.Value is null ? RecognizedMessage.Nothing : RecognizedMessage.Answer;
        }

        var started = Stopwatch.GetTimestamp();
        var recognized = model.Read(activity.Text, () => Embedding(turnContext));
        LogRecognized(recognized.Intent, recognized.Certainty, recognized.Score, recognized.UsedModel, Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        return recognized;
    }

    private ReadOnlyMemory<float> Embedding(ITurnContext turnContext)
    {
        if (!model.UsesEmbeddings)
        {
            return ReadOnlyMemory<float>.Empty;
        }

        try
        {
            return TurnEmbedding.For(turnContext, embedder).TryGetVector(out var vector) ? vector : ReadOnlyMemory<float>.Empty;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Words alone still give a reading; the type says what broke without quoting the message.
            LogEmbeddingFailed(ex.GetType().Name);
            return ReadOnlyMemory<float>.Empty;
        }
    }

    // Intents and scores only: never the message.
    [LoggerMessage(EventId = 4400, EventName = "MessageRecognized", Level = LogLevel.Debug,
        Message = "Recognized {Intent} ({Certainty}, {Score:F2}; model used: {UsedModel}) in {Microseconds:F0} µs")]
    private partial void LogRecognized(string intent, Certainty certainty, float score, bool usedModel, double microseconds);

    [LoggerMessage(EventId = 4401, EventName = "RecognitionEmbeddingFailed", Level = LogLevel.Warning,
        Message = "The sentence embedding failed for this message ({ExceptionType}); it was read from its words alone")]
    private partial void LogEmbeddingFailed(string exceptionType);
}
