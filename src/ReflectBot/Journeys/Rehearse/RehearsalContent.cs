using ReflectBot.Content;

namespace ReflectBot.Journeys.Rehearse;

/// <summary>How open the role-played partner is right now, from shut down to fully open.</summary>
public enum PartnerStage
{
    Closed,
    Guarded,
    Opening,
    Open,
}

/// <summary>One thing the partner can say, with a stable id so a rehearsal can avoid repeating it.</summary>
public sealed record PartnerLine(string Id, string Text);

/// <summary>
/// The rehearsal's words (<c>rehearsal/rehearsal.yaml</c>) and each partner style's lines
/// (<c>rehearsal/partner-{style}.yaml</c>).
/// </summary>
[Content]
public sealed partial record RehearsalContent : IContentFile<RehearsalContent>
{
    public const string OwnTopicKey = "own";
    public const int MaxOpenness = 10;

    /// <summary>This conversation's button on the main menu.</summary>
    public required ChoiceWords Menu { get; init; }

    public required string Intro { get; init; }
    public required RehearsalTopicQuestion Topic { get; init; }
    public required ChoiceQuestion<PartnerStyle> Style { get; init; }

    [Fills("topic", "style")]
    public required string Setup { get; init; }
    public required string YourTurn { get; init; }
    public required OpennessLevels Openness { get; init; }

    [Fills("line", "shift")]
    public required string PartnerSays { get; init; }
    public required ShiftTexts Shifts { get; init; }

    [Fills("tip")]
    public required string CoachSays { get; init; }
    public required IReadOnlyList<string> NeutralTips { get; init; }
    public required RehearsalCommands Commands { get; init; }
    public required string CoachingOff { get; init; }
    public required string CoachingOn { get; init; }

    [AtLeast(1)]
    public required int MaxLines { get; init; }
    public required string MaxLinesReached { get; init; }
    public required string NothingSaid { get; init; }
    public required ScorecardTexts Scorecard { get; init; }

    public static RehearsalContent Load(ContentSource source)
    {
        var content = Bind(source.LocaleFile(Path.Combine("rehearsal", "rehearsal.yaml")));
        var styles = content.Style.Choices.Select(style => style with { Lines = PartnerLines.Load(source, style.Key) }).ToList();
        return content with { Style = content.Style with { Choices = styles } };
    }

    public PartnerStyle StyleOf(string key) =>
        Style.Choices.FirstOrDefault(s => s.Key == key) ?? Style.Choices[0];

    public RehearsalTopic? TopicOf(string key) => Topic.Choices.FirstOrDefault(t => t.Key == key);

    /// <summary>The stage an openness level falls in.</summary>
    public PartnerStage StageFor(int openness) =>
        openness >= Openness.Open ? PartnerStage.Open
        : openness >= Openness.Opening ? PartnerStage.Opening
        : openness >= Openness.Guarded ? PartnerStage.Guarded
        : PartnerStage.Closed;

    /// <summary>The YAML key of a stage: <c>closed</c>, <c>guarded</c> ...</summary>
    public static string StageKey(PartnerStage stage) => ContentNode.ContentKey(stage.ToString());
}

[Content]
public sealed partial record RehearsalTopicQuestion
{
    public required string Prompt { get; init; }
    public required string Retry { get; init; }

    /// <summary>The topics; the one with key <c>own</c> asks for the user's own.</summary>
    [Keys(RehearsalContent.OwnTopicKey, OthersAllowed = true)]
    public required IReadOnlyList<RehearsalTopic> Choices { get; init; }
    public required string OwnPrompt { get; init; }
}

/// <summary>Something the user can practise saying: the menu entry and how the setup describes it.</summary>
[Content]
public sealed partial record RehearsalTopic : ChoiceItem
{
    [Fills("topic")]
    public required string About { get; init; }
}

/// <summary>
/// A way the partner tends to react. <see cref="Start"/> is their openness (0 … 10) at the first line;
/// a line's warmth score times <see cref="Gain"/> (warm) or <see cref="Loss"/> (harsh) moves it.
/// </summary>
[Content]
public sealed partial record PartnerStyle : ChoiceItem
{
    public required string Describe { get; init; }

    [Between(0, RehearsalContent.MaxOpenness)]
    public required int Start { get; init; }
    public required double Gain { get; init; }
    public required double Loss { get; init; }

    /// <summary>What the partner can say at each stage, from <c>partner-{key}.yaml</c>.</summary>
    [ContentIgnore]
    public IReadOnlyDictionary<PartnerStage, IReadOnlyList<PartnerLine>> Lines { get; init; } = new Dictionary<PartnerStage, IReadOnlyList<PartnerLine>>();
}

/// <summary>The lowest openness of each stage, rising from 0, and the most one line can move it.</summary>
[Content]
public sealed partial record OpennessLevels
{
    public required int Closed { get; init; }
    public required int Guarded { get; init; }
    public required int Opening { get; init; }
    public required int Open { get; init; }

    [AtLeast(1)]
    public required int MaxStep { get; init; }

    private void Validate(ContentNode node)
    {
        if (Closed != 0 || !(Closed < Guarded && Guarded < Opening && Opening < Open && Open <= RehearsalContent.MaxOpenness))
        {
            throw node.Error("stage thresholds must start at 0 for closed and rise through guarded, opening and open");
        }
    }
}

[Content]
public sealed partial record ShiftTexts
{
    public required IReadOnlyList<string> Warmer { get; init; }
    public required IReadOnlyList<string> Cooler { get; init; }
}

[Content]
public sealed partial record RehearsalCommands
{
    public required IReadOnlyList<string> Stop { get; init; }
    public required IReadOnlyList<string> CoachingOff { get; init; }
    public required IReadOnlyList<string> CoachingOn { get; init; }
}

[Content]
public sealed partial record ScorecardTexts
{
    [Fills("lines", "iStatements", "blame", "requests", "movement", "strongest", "tryNext")]
    public required string Text { get; init; }

    [Fills("from", "to")]
    public required string Moved { get; init; }

    [Fills("to")]
    public required string Stayed { get; init; }
    public required IReadOnlyDictionary<PartnerStage, string> Stages { get; init; }
    public required TryNextTexts TryNext { get; init; }
    public required ScorecardSaveTexts Save { get; init; }
}

/// <summary>The "next time, try" suggestions, picked from what the rehearsal lacked most.</summary>
[Content]
public sealed partial record TryNextTexts
{
    public required string Blame { get; init; }
    public required string NoIStatement { get; init; }
    public required string NoRequest { get; init; }
    public required string NoNeed { get; init; }
    public required string KeepGoing { get; init; }
}

[Content]
public sealed partial record ScorecardSaveTexts
{
    public required string Prompt { get; init; }
    public required string Saved { get; init; }
    public required string NotSaved { get; init; }
}

/// <summary>One partner style's lines by stage (<c>rehearsal/partner-{style}.yaml</c>).</summary>
[Content]
public sealed partial record PartnerLines
{
    /// <summary>Each style needs at least this many lines per stage, so two rehearsals do not read the same.</summary>
    public const int MinLinesPerStage = 8;

    public required IReadOnlyDictionary<PartnerStage, IReadOnlyList<string>> Lines { get; init; }

    /// <summary>The lines of style <paramref name="key"/>, each with an id from its place (saved rehearsals only use ids to avoid repeats).</summary>
    public static IReadOnlyDictionary<PartnerStage, IReadOnlyList<PartnerLine>> Load(ContentSource source, string key) =>
        Bind(source.LocaleFile(Path.Combine("rehearsal", $"partner-{key}.yaml"))).Lines.ToDictionary(
            stage => stage.Key,
            stage => (IReadOnlyList<PartnerLine>)[.. stage.Value.Select((text, i) => new PartnerLine($"{key}.{RehearsalContent.StageKey(stage.Key)}.{i}", text))]);

    private void Validate(ContentNode node)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (stage, lines) in Lines)
        {
            var list = node.Get("lines").Get(RehearsalContent.StageKey(stage));
            if (lines.Count < MinLinesPerStage)
            {
                throw list.Error($"needs at least {MinLinesPerStage} lines so rehearsals vary; it has {lines.Count}");
            }

            var items = list.Items();
            for (var i = 0; i < lines.Count; i++)
            {
                if (!seen.Add(lines[i]))
                {
                    throw items[i].Error("this line appears twice for this partner");
                }
            }
        }
    }
}
