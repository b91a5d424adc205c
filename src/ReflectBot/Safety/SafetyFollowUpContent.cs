using ReflectBot.Content;

namespace ReflectBot.Safety;

// The safety.yaml sections written ahead of the screener's who/when work (issue 12). The bot does not say them yet;
// binding them now keeps their placeholders and answer keys checked at start-up like the rest of the file.

/// <summary>Someone is worried about another person (safety.yaml <c>forOther</c>).</summary>
[Content]
public sealed partial record ForOtherTexts
{
    public required IReadOnlyDictionary<string, CrisisReplyText> Replies { get; init; }
    public required ForOtherQuestion Question { get; init; }

    /// <summary>After "they're safe for now": a few things that help, by kind of worry.</summary>
    [Fills("emergency")]
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Tips { get; init; }

    [Fills("emergency")]
    public required string NotSafe { get; init; }

    [Fills("emergency", "line")]
    public required string Unsure { get; init; }

    [Fills("line")]
    public required string Me { get; init; }
}

[Content]
public sealed partial record ForOtherQuestion
{
    public required string Text { get; init; }

    [Keys("safe-now", "not-safe", "unsure", "me")]
    public required IReadOnlyList<ChoiceItem> Choices { get; init; }
}

/// <summary>Gentle questions after a past attempt or past self-harm (safety.yaml <c>followUp</c>).</summary>
[Content]
public sealed partial record FollowUpTexts
{
    public required string Past { get; init; }

    [Fills("line")]
    public required string PastOk { get; init; }
    public required string PastNow { get; init; }
    public required FollowUpQuestions Questions { get; init; }

    [Keys(SafetyContent.Answers.Yes, SafetyContent.Answers.No, SafetyContent.Answers.Unsure)]
    public required IReadOnlyList<ChoiceItem> Choices { get; init; }

    [Fills("emergency", "line")]
    public required string HighRisk { get; init; }

    [Fills("emergency", "line")]
    public required string LowerRisk { get; init; }
}

[Content]
public sealed partial record FollowUpQuestions
{
    public required string ThoughtsNow { get; init; }
    public required string How { get; init; }
    public required string Intent { get; init; }
    public required string SafeTonight { get; init; }
}
