using System.Text.Json.Nodes;

namespace ReflectBot.Framework.Builder;

/// <summary>
/// Reads what a message means, once per turn, before the dialogs (the SDK's <c>Microsoft.Bot.Builder.IRecognizer</c>:
/// LUIS, CLU and Orchestrator recognizers have this shape).
/// </summary>
public interface IRecognizer
{
    Task<RecognizerResult> RecognizeAsync(ITurnContext turnContext, CancellationToken cancellationToken);

    /// <summary>The result converted to a bot's own typed view (the SDK's generated LUIS classes do this).</summary>
    async Task<T> RecognizeAsync<T>(ITurnContext turnContext, CancellationToken cancellationToken)
        where T : IRecognizerConvert, new()
    {
        var result = new T();
        result.Convert(await RecognizeAsync(turnContext, cancellationToken).ConfigureAwait(false));
        return result;
    }
}

/// <summary>A typed view filled from a <see cref="RecognizerResult"/>.</summary>
public interface IRecognizerConvert
{
    void Convert(object result);
}

/// <summary>An intent's score, 0 to 1.</summary>
public sealed class IntentScore
{
    public double? Score { get; set; }

    public IDictionary<string, object> Properties { get; } = new Dictionary<string, object>(StringComparer.Ordinal);
}

/// <summary>What a recognizer made of a message: intents with scores and the entities it found (the SDK's shape).</summary>
public class RecognizerResult
{
    public string? Text { get; set; }

    /// <summary>The text as the recognizer read it, when it changed it (e.g. a spelling fixed).</summary>
    public string? AlteredText { get; set; }

    public IDictionary<string, IntentScore> Intents { get; init; } = new Dictionary<string, IntentScore>(StringComparer.Ordinal);

    /// <summary>Entity name → array of values, as LUIS returns them.</summary>
    public JsonObject Entities { get; init; } = [];

    public IDictionary<string, object> Properties { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>The intent with the highest score, or ("None", 0) when there is none.</summary>
    public (string Intent, double Score) GetTopScoringIntent()
    {
        var best = ("None", 0.0);
        foreach (var (name, score) in Intents)
        {
            if ((score.Score ?? 0) > best.Item2)
            {
                best = (name, score.Score ?? 0);
            }
        }

        return best;
    }
}
