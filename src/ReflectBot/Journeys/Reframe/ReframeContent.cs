using ReflectBot.Content;

namespace ReflectBot.Journeys.Reframe;

/// <summary>The "Say it with "I feel"" conversation (<c>reframe.yaml</c>); hints on wording come from the analyser's files.</summary>
[Content(File = "reframe.yaml")]
public sealed partial record ReframeContent
{
    /// <summary>The four parts of a statement, in the order they are built; also the keys of the review's "change" choices.</summary>
    public static readonly string[] Parts = ["observation", "feeling", "need", "request"];

    /// <summary>The review choice that saves rather than changes a part.</summary>
    public const string SaveKey = "save";

    /// <summary>This conversation's button on the main menu.</summary>
    public required ChoiceWords Menu { get; init; }

    public required string Intro { get; init; }
    public required TextQuestion Draft { get; init; }
    public required NoticedTexts Noticed { get; init; }

    /// <summary>How many tries a step gets before the bot gently moves on with what the user wrote.</summary>
    [AtLeast(1)]
    public required int MaxTries { get; init; }
    public required string MovingOn { get; init; }
    public required TextQuestion Observation { get; init; }
    public required FeelingTexts Feeling { get; init; }
    public required NeedTexts Need { get; init; }
    public required RequestTexts Request { get; init; }
    public required StatementTexts Statement { get; init; }
    public required ReviewTexts Review { get; init; }
    public required string Saved { get; init; }
    public required ChoiceQuestion<ChoiceItem> Next { get; init; }
}

[Content]
public sealed partial record NoticedTexts
{
    public required string Intro { get; init; }

    /// <summary>Put before each note (a space follows it).</summary>
    public required string Bullet { get; init; }

    [AtLeast(1)]
    public required int MaxNotes { get; init; }
    public required string Gentle { get; init; }
    public required string Next { get; init; }
}

[Content]
public sealed partial record FeelingTexts
{
    public required string Prompt { get; init; }
    public required string FamilyPrompt { get; init; }

    [AtLeast(1)]
    public required int ShowWords { get; init; }
}

[Content]
public sealed partial record NeedTexts
{
    public required string Prompt { get; init; }
    public required string SuggestedPrompt { get; init; }
    public required string GroupPrompt { get; init; }

    [AtLeast(1)]
    public required int ShowNeeds { get; init; }

    /// <summary>Taken off the start of a typed need, since the statement already says "because I need".</summary>
    public required IReadOnlyList<string> DropPrefixes { get; init; }
}

[Content]
public sealed partial record RequestTexts
{
    public required string Prompt { get; init; }
    public required string Retry { get; init; }

    /// <summary>A request that starts with one of these is kept as written; others are <see cref="Wrapped"/>.</summary>
    public required IReadOnlyList<string> Openers { get; init; }

    /// <summary>Requests that start like this end with a question mark.</summary>
    public required IReadOnlyList<string> QuestionOpeners { get; init; }

    [Needs("request")]
    public required string Wrapped { get; init; }
}

[Content]
public sealed partial record StatementTexts
{
    [Needs("feeling", "observation", "need", "request")]
    public required string Text { get; init; }

    /// <summary>Joins two feelings: "hurt and lonely".</summary>
    public required string And { get; init; }
    public required string Intro { get; init; }
    public required string Title { get; init; }
}

[Content]
public sealed partial record ReviewTexts
{
    public required string Prompt { get; init; }
    public required string Retry { get; init; }

    /// <summary>Save, or change one of the four parts (the keys are <see cref="ReframeContent.Parts"/>).</summary>
    [Keys("save", "observation", "feeling", "need", "request")]
    public required IReadOnlyList<ChoiceItem> Choices { get; init; }
}
