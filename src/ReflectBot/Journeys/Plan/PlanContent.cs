using ReflectBot.Content;

namespace ReflectBot.Journeys.Plan;

/// <summary>The "Plan next steps" conversation (<c>plan.yaml</c>).</summary>
[Content(File = "plan.yaml")]
public sealed partial record PlanContent
{
    /// <summary>This conversation's button on the main menu.</summary>
    public required ChoiceWords Menu { get; init; }

    public required string Intro { get; init; }

    /// <summary>Most steps a plan can hold.</summary>
    [AtLeast(1)]
    public required int MaxSteps { get; init; }
    public required StrategyQuestion Strategy { get; init; }
    public required WhatTexts What { get; init; }
    public required WhenTexts When { get; init; }
    public required TextQuestion Obstacle { get; init; }
    public required AnotherTexts Another { get; init; }
    public required PlanSummaryTexts Summary { get; init; }

    /// <summary>Shows a recognised moment in the content's date pattern, with the time when one was named.</summary>
    public string FormatWhen(DateTimeOffset at, bool hasTime) =>
        at.ToString(hasTime ? When.DateTimeFormat : When.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
}

[Content]
public sealed partial record StrategyQuestion
{
    public required string Prompt { get; init; }
    public required string PromptNext { get; init; }
    public required string Retry { get; init; }
    public required IReadOnlyList<StrategyChoice> Choices { get; init; }
}

/// <summary>A strategy the user can pick, with an example that fills <c>{example}</c> in the "what exactly" question.</summary>
[Content]
public sealed partial record StrategyChoice : ChoiceItem
{
    public required string Example { get; init; }
}

[Content]
public sealed partial record WhatTexts
{
    [Needs("strategy")]
    [Fills("example")]
    public required string Prompt { get; init; }
    public required string Retry { get; init; }
}

[Content]
public sealed partial record WhenTexts
{
    public required string Prompt { get; init; }
    public required string Retry { get; init; }

    [Needs("when")]
    public required string Recognised { get; init; }

    [Needs("when")]
    public required string Kept { get; init; }

    [DatePattern]
    public required string DateFormat { get; init; }

    [DatePattern]
    public required string DateTimeFormat { get; init; }

    /// <summary>The words the <see cref="WhenRecognizer"/> knows.</summary>
    public required WhenWords Words { get; init; }
}

[Content]
public sealed partial record AnotherTexts
{
    [Fills("left")]
    public required string Prompt { get; init; }
    public required string Retry { get; init; }
    public required ChoiceWords Yes { get; init; }
    public required ChoiceWords No { get; init; }
}

[Content]
public sealed partial record PlanSummaryTexts
{
    public required string Intro { get; init; }
    public required string Title { get; init; }

    [Needs("strategy")]
    [Fills("number")]
    public required string Heading { get; init; }

    [Needs("what")]
    public required string What { get; init; }

    [Needs("when")]
    public required string When { get; init; }

    [Needs("text", "date")]
    public required string WhenRecognised { get; init; }

    [Needs("obstacle")]
    public required string Obstacle { get; init; }
    public required string Saved { get; init; }
    public required string Closing { get; init; }
}
