using ReflectBot.Dialogs.Journey;
using ReflectBot.Recognizers;

namespace ReflectBot.Content;

/// <summary>A strategy the user can pick, with an example that fills <c>{example}</c> in the "what exactly" question.</summary>
public sealed record StrategyChoice(ChoiceItem Choice, string Example);

/// <summary>The "Plan next steps" conversation (<c>plan.yaml</c>).</summary>
public sealed class PlanContent : IBotContent
{
    public required string Intro { get; init; }
    public required int MaxSteps { get; init; }
    public required string StrategyPrompt { get; init; }
    public required string StrategyPromptNext { get; init; }
    public required string StrategyRetry { get; init; }
    public required IReadOnlyList<StrategyChoice> Strategies { get; init; }
    public required string WhatPrompt { get; init; }
    public required string WhatRetry { get; init; }
    public required string WhenPrompt { get; init; }
    public required string WhenRetry { get; init; }
    public required string WhenRecognised { get; init; }
    public required string WhenKept { get; init; }
    public required string DateFormat { get; init; }
    public required string DateTimeFormat { get; init; }
    public required WhenLexicon WhenWords { get; init; }
    public required string ObstaclePrompt { get; init; }
    public required string ObstacleRetry { get; init; }
    public required string AnotherPrompt { get; init; }
    public required string AnotherRetry { get; init; }
    public required ChoiceItem AnotherYes { get; init; }
    public required ChoiceItem AnotherNo { get; init; }
    public required string SummaryIntro { get; init; }
    public required string SummaryTitle { get; init; }
    public required string SummaryHeading { get; init; }
    public required string SummaryWhat { get; init; }
    public required string SummaryWhen { get; init; }
    public required string SummaryWhenRecognised { get; init; }
    public required string SummaryObstacle { get; init; }
    public required string Saved { get; init; }
    public required string Closing { get; init; }

    public static PlanContent Load(ContentSource source) => Read(source.LocaleFile("plan.yaml"));

    public static PlanContent Read(ContentNode root)
    {
        var strategy = root.Get("strategy");
        var what = root.Get("what");
        var when = root.Get("when");
        var obstacle = root.Get("obstacle");
        var another = root.Get("another");
        var summary = root.Get("summary");

        var maxNode = root.Get("maxSteps");
        var maxSteps = maxNode.Int();
        if (maxSteps < 1)
        {
            throw maxNode.Error("a plan needs room for at least one step");
        }

        return new PlanContent
        {
            Intro = root.Get("intro").Text(),
            MaxSteps = maxSteps,
            StrategyPrompt = strategy.Get("prompt").Text(),
            StrategyPromptNext = strategy.Get("promptNext").Text(),
            StrategyRetry = strategy.Get("retry").Text(),
            Strategies = strategy.Get("choices").ReadKeyed(n => new StrategyChoice(ChoiceItem.Read(n), n.Get("example").Text()), s => s.Choice.Key),
            WhatPrompt = what.Get("prompt").Template("strategy"),
            WhatRetry = what.Get("retry").Text(),
            WhenPrompt = when.Get("prompt").Text(),
            WhenRetry = when.Get("retry").Text(),
            WhenRecognised = when.Get("recognised").Template("when"),
            WhenKept = when.Get("kept").Template("when"),
            DateFormat = when.Get("dateFormat").DatePattern(),
            DateTimeFormat = when.Get("dateTimeFormat").DatePattern(),
            WhenWords = WhenLexicon.Read(when.Get("words")),
            ObstaclePrompt = obstacle.Get("prompt").Text(),
            ObstacleRetry = obstacle.Get("retry").Text(),
            AnotherPrompt = another.Get("prompt").Text(),
            AnotherRetry = another.Get("retry").Text(),
            AnotherYes = ConfirmChoice(another.Get("yes"), "yes"),
            AnotherNo = ConfirmChoice(another.Get("no"), "no"),
            SummaryIntro = summary.Get("intro").Text(),
            SummaryTitle = summary.Get("title").Text(),
            SummaryHeading = summary.Get("heading").Template("strategy"),
            SummaryWhat = summary.Get("what").Template("what"),
            SummaryWhen = summary.Get("when").Template("when"),
            SummaryWhenRecognised = summary.Get("whenRecognised").Template("text", "date"),
            SummaryObstacle = summary.Get("obstacle").Template("obstacle"),
            Saved = summary.Get("saved").Text(),
            Closing = summary.Get("closing").Text(),
        };
    }

    /// <summary>Shows a recognised moment in the content's date pattern, with the time when one was named.</summary>
    public string FormatWhen(DateTimeOffset at, bool hasTime) =>
        at.ToString(hasTime ? DateTimeFormat : DateFormat, System.Globalization.CultureInfo.InvariantCulture);

    private static ChoiceItem ConfirmChoice(ContentNode node, string key) =>
        new(key, node.Get("title").Text(), node.TryGet("synonyms")?.Texts() ?? []);
}
