using ReflectBot.Content;

namespace ReflectBot.Journeys.Toolkit;

/// <summary>"My toolkit" (<c>toolkit.yaml</c>): how saved statements, plans and rehearsals are shown.</summary>
[Content(File = "toolkit.yaml")]
public sealed partial record ToolkitContent
{
    /// <summary>This conversation's button on the main menu.</summary>
    public required ChoiceWords Menu { get; init; }

    /// <summary>Words that show the toolkit at any prompt.</summary>
    public required IReadOnlyList<string> Commands { get; init; }
    public required string Empty { get; init; }
    public required string Intro { get; init; }
    public required string Title { get; init; }

    /// <summary>At most this many of each kind are shown, newest first.</summary>
    [AtLeast(1)]
    public required int ShowLatest { get; init; }

    [DatePattern]
    public required string DateFormat { get; init; }
    public required ToolkitStatementTexts Statements { get; init; }
    public required ToolkitPlanTexts Plans { get; init; }
    public required ToolkitRehearsalTexts Rehearsals { get; init; }

    public string FormatDate(DateTimeOffset date) => date.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture);
}

[Content]
public sealed partial record ToolkitStatementTexts
{
    public required string Heading { get; init; }

    [Needs("text")]
    [Fills("date")]
    public required string Item { get; init; }
}

[Content]
public sealed partial record ToolkitPlanTexts
{
    [Fills("date")]
    public required string Heading { get; init; }
}

[Content]
public sealed partial record ToolkitRehearsalTexts
{
    public required string Heading { get; init; }

    [Needs("topic")]
    [Fills("tryNext", "date")]
    public required string Item { get; init; }
}
