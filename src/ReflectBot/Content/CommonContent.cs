namespace ReflectBot.Content;

/// <summary>The words used everywhere (<c>common.yaml</c>): welcome, menu, help, global commands.</summary>
[Content(File = "common.yaml")]
public sealed partial record CommonContent
{
    public required WelcomeTexts Welcome { get; init; }
    public required MenuTexts Menu { get; init; }
    public required string Help { get; init; }
    public required CommandWords Commands { get; init; }
    public required string Cancelled { get; init; }
    public required string StartingOver { get; init; }
    public required string StackReset { get; init; }
    public required string Error { get; init; }

    /// <summary>Said when a turn ran past its time limit and was dropped: nothing of it was kept.</summary>
    public required string TookTooLong { get; init; }
    public required string TooLong { get; init; }
    public required string NotUnderstood { get; init; }

    /// <summary>The short line Teams shows under a card once an <c>Action.Execute</c> on it went through.</summary>
    public required string CardActionReceived { get; init; }
}

[Content]
public sealed partial record WelcomeTexts
{
    public required string Greeting { get; init; }

    [Fills("retentionDays")]
    public required string Disclaimer { get; init; }
    public required string Returning { get; init; }
}

[Content]
public sealed partial record MenuTexts
{
    public required string Prompt { get; init; }
    public required string Retry { get; init; }
    public required string AfterBranch { get; init; }
}

/// <summary>Words that work at any prompt; the whole message must match (case and punctuation ignored).</summary>
[Content]
public sealed partial record CommandWords
{
    public required IReadOnlyList<string> Help { get; init; }
    public required IReadOnlyList<string> Menu { get; init; }
    public required IReadOnlyList<string> StartOver { get; init; }
    public required IReadOnlyList<string> Cancel { get; init; }
}
