using System.Text.Json.Serialization;

namespace ReflectBot.Journeys.Signs;

/// <summary>
/// What the user has told the signs conversation so far, by content keys (null where they have not answered, or
/// skipped a question). The conversation's waterfall carries it from step to step, saved with the dialog stack.
/// </summary>
public sealed class SignsAnswers
{
    /// <summary>Whose behaviour: a <c>who</c> choice key.</summary>
    public string Who { get; set; } = "";

    /// <summary>The answer (yes / sometimes / no key) to each sign, by sign key.</summary>
    public Dictionary<string, string> Signs { get; set; } = [];

    public string? Duration { get; set; }

    public string? Talked { get; set; }

    /// <summary>How heavy it is, 0–10; null after three unclear replies.</summary>
    public int? Toll { get; set; }

    public string? Past { get; set; }
}

/// <summary>Where the yes / sometimes / no series is: the sign it asks about now, and the answers so far.</summary>
public sealed record SignSeriesProgress(int Index, string Who, Dictionary<string, string> Answers);

/// <summary>The signs journey's state types, for saving with the dialog stack.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SignsAnswers))]
[JsonSerializable(typeof(SignSeriesProgress))]
internal sealed partial class SignsStateJson : JsonSerializerContext;
