using ReflectBot.Journeys.Learn;

namespace ReflectBot.Understanding.Recognition;

/// <summary>How the recognizer came to its reading of a message, and so how far the bot may act on it.</summary>
public enum Certainty
{
    /// <summary>A number or a card button: an answer to whatever was asked, for the prompt to read. No intent.</summary>
    Answer,

    /// <summary>The whole message is a command, a menu word or one of the examples: act on it.</summary>
    Exact,

    /// <summary>The model is confident: act on it.</summary>
    Sure,

    /// <summary>The model leans one way but not far: ask "did you mean ...?" with <see cref="RecognizedMessage.Alternatives"/>.</summary>
    Unsure,

    /// <summary>In scope, but no reading stands out: say honestly that it wasn't understood.</summary>
    Unknown,

    /// <summary>Far from anything the bot is for ("what's the weather?"): say so kindly. The intent is <c>none</c>.</summary>
    OutOfScope,
}

/// <summary>
/// ReflectBot's typed reading of one message (what the SDK's generated LUIS classes are to a LUIS result): the intent,
/// how sure, the runners-up, the details named, and for a question the Learn entries that may answer it.
/// </summary>
public sealed record RecognizedMessage(
    string Intent,
    float Score,
    Certainty Certainty,
    IReadOnlyList<RankedIntent> Alternatives,
    MessageEntities Entities,
    IReadOnlyList<LearnMatch> Learn,
    bool UsedModel)
{
    /// <summary>An answer to the prompt (a number, a card button): nothing to recognise.</summary>
    public static RecognizedMessage Answer { get; } = new(IntentNames.None, 1, Certainty.Answer, [], MessageEntities.None, [], false);

    /// <summary>No text at all (a typing indicator, an event).</summary>
    public static RecognizedMessage Nothing { get; } = new(IntentNames.None, 0, Certainty.Unknown, [], MessageEntities.None, [], false);

    /// <summary>The bot may act on <see cref="Intent"/> without asking.</summary>
    public bool IsConfident => Certainty is Certainty.Exact or Certainty.Sure;

    /// <summary>Confidently <paramref name="intent"/>.</summary>
    public bool Is(string intent) => IsConfident && Intent == intent;
}
