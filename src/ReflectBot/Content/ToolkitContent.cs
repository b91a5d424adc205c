using ReflectBot.Dialogs.Journey;

namespace ReflectBot.Content;

/// <summary>"My toolkit" (<c>toolkit.yaml</c>): how saved statements, plans and rehearsals are shown.</summary>
public sealed class ToolkitContent : IBotContent
{
    public required IReadOnlyList<string> Commands { get; init; }
    public required string Empty { get; init; }
    public required string Intro { get; init; }
    public required string Title { get; init; }
    public required int ShowLatest { get; init; }
    public required string DateFormat { get; init; }
    public required string StatementsHeading { get; init; }
    public required string StatementItem { get; init; }
    public required string PlanHeading { get; init; }
    public required string RehearsalsHeading { get; init; }
    public required string RehearsalItem { get; init; }

    public static ToolkitContent Load(ContentSource source) => Read(source.LocaleFile("toolkit.yaml"));

    public static ToolkitContent Read(ContentNode root)
    {
        var latestNode = root.Get("showLatest");
        var latest = latestNode.Int();
        if (latest < 1)
        {
            throw latestNode.Error("expected at least 1");
        }

        var statements = root.Get("statements");
        var rehearsals = root.Get("rehearsals");
        return new ToolkitContent
        {
            Commands = root.Get("commands").Texts(),
            Empty = root.Get("empty").Text(),
            Intro = root.Get("intro").Text(),
            Title = root.Get("title").Text(),
            ShowLatest = latest,
            DateFormat = root.Get("dateFormat").DatePattern(),
            StatementsHeading = statements.Get("heading").Text(),
            StatementItem = statements.Get("item").Template("text"),
            PlanHeading = root.Get("plans").Get("heading").Text(),
            RehearsalsHeading = rehearsals.Get("heading").Text(),
            RehearsalItem = rehearsals.Get("item").Template("topic"),
        };
    }

    public string FormatDate(DateTimeOffset date) => date.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture);
}
