namespace ReflectBot.Content;

/// <summary>How open the role-played partner is right now, from shut down to fully open.</summary>
public enum PartnerStage
{
    Closed,
    Guarded,
    Opening,
    Open,
}

/// <summary>Something the user can practise saying: the menu entry and how the setup describes it.</summary>
public sealed record RehearsalTopic(string Key, string Title, IReadOnlyList<string> Synonyms, string About);

/// <summary>One thing the partner can say, with a stable id so a rehearsal can avoid repeating it.</summary>
public sealed record PartnerLine(string Id, string Text);

/// <summary>
/// A way the partner tends to react. <see cref="Start"/> is their openness (0 … 10) at the first line;
/// a line's warmth score times <see cref="Gain"/> (warm) or <see cref="Loss"/> (harsh) moves it.
/// </summary>
public sealed record PartnerStyle(
    string Key,
    string Title,
    IReadOnlyList<string> Synonyms,
    string Describe,
    int Start,
    double Gain,
    double Loss,
    IReadOnlyDictionary<PartnerStage, IReadOnlyList<PartnerLine>> Lines);

/// <summary>The rehearsal's words and partner lines (<c>rehearsal/*.yaml</c>).</summary>
public sealed class RehearsalContent : IBotContent
{
    public const string OwnTopicKey = "own";
    public const int MaxOpenness = 10;

    /// <summary>Each style needs at least this many lines per stage, so two rehearsals do not read the same.</summary>
    public const int MinLinesPerStage = 8;

    public required string Intro { get; init; }
    public required string TopicPrompt { get; init; }
    public required string TopicRetry { get; init; }
    public required IReadOnlyList<RehearsalTopic> Topics { get; init; }
    public required string OwnTopicPrompt { get; init; }
    public required string StylePrompt { get; init; }
    public required string StyleRetry { get; init; }
    public required IReadOnlyList<PartnerStyle> Styles { get; init; }
    public required string Setup { get; init; }
    public required string YourTurn { get; init; }

    /// <summary>The lowest openness of each stage, ascending.</summary>
    public required IReadOnlyDictionary<PartnerStage, int> StageThresholds { get; init; }
    public required int MaxStep { get; init; }
    public required string PartnerSays { get; init; }
    public required IReadOnlyList<string> WarmerShifts { get; init; }
    public required IReadOnlyList<string> CoolerShifts { get; init; }
    public required string CoachSays { get; init; }
    public required IReadOnlyList<string> NeutralTips { get; init; }
    public required IReadOnlyList<string> StopCommands { get; init; }
    public required IReadOnlyList<string> CoachingOffCommands { get; init; }
    public required IReadOnlyList<string> CoachingOnCommands { get; init; }
    public required string CoachingOffAck { get; init; }
    public required string CoachingOnAck { get; init; }
    public required int MaxLines { get; init; }
    public required string MaxLinesReached { get; init; }
    public required string NothingSaid { get; init; }
    public required string Scorecard { get; init; }
    public required string Moved { get; init; }
    public required string Stayed { get; init; }
    public required IReadOnlyDictionary<PartnerStage, string> StageNames { get; init; }
    public required TryNextTexts TryNext { get; init; }
    public required string SavePrompt { get; init; }
    public required string Saved { get; init; }
    public required string NotSaved { get; init; }

    public PartnerStyle Style(string key) =>
        Styles.FirstOrDefault(s => s.Key == key) ?? Styles[0];

    public RehearsalTopic? Topic(string key) => Topics.FirstOrDefault(t => t.Key == key);

    /// <summary>The stage an openness level falls in.</summary>
    public PartnerStage StageFor(int openness)
    {
        var stage = PartnerStage.Closed;
        foreach (var (candidate, threshold) in StageThresholds)
        {
            if (openness >= threshold && candidate > stage)
            {
                stage = candidate;
            }
        }

        return stage;
    }

    public static RehearsalContent Load(ContentSource source)
    {
        var root = source.LocaleFile(Path.Combine("rehearsal", "rehearsal.yaml"));
        var topic = root.Get("topic");
        var style = root.Get("style");
        var openness = root.Get("openness");
        var shifts = root.Get("shifts");
        var commands = root.Get("commands");
        var scorecard = root.Get("scorecard");
        var tryNext = scorecard.Get("tryNext");
        var save = scorecard.Get("save");

        var topics = topic.Get("choices").Items()
            .Select(c => new RehearsalTopic(c.Get("key").Text(), c.Get("title").Text(), c.TryGet("synonyms")?.Texts() ?? [], c.Get("about").Text()))
            .ToList();
        if (topics.All(t => t.Key != OwnTopicKey))
        {
            throw topic.Get("choices").Error($"needs a choice with key '{OwnTopicKey}' for the user's own topic");
        }

        var thresholds = Enum.GetValues<PartnerStage>().ToDictionary(s => s, s => openness.Get(StageKey(s)).Int());
        if (thresholds[PartnerStage.Closed] != 0 || !IsAscending(thresholds))
        {
            throw openness.Error("stage thresholds must start at 0 for closed and rise through guarded, opening and open");
        }

        var styles = style.Get("choices").Items().Select(c => LoadStyle(source, c)).ToList();
        var stages = scorecard.Get("stages");
        return new RehearsalContent
        {
            Intro = root.Get("intro").Text(),
            TopicPrompt = topic.Get("prompt").Text(),
            TopicRetry = topic.Get("retry").Text(),
            Topics = topics,
            OwnTopicPrompt = topic.Get("ownPrompt").Text(),
            StylePrompt = style.Get("prompt").Text(),
            StyleRetry = style.Get("retry").Text(),
            Styles = styles,
            Setup = root.Get("setup").Text(),
            YourTurn = root.Get("yourTurn").Text(),
            StageThresholds = thresholds,
            MaxStep = openness.Get("maxStep").Int(),
            PartnerSays = root.Get("partnerSays").Text(),
            WarmerShifts = shifts.Get("warmer").Texts(),
            CoolerShifts = shifts.Get("cooler").Texts(),
            CoachSays = root.Get("coachSays").Text(),
            NeutralTips = root.Get("neutralTips").Texts(),
            StopCommands = commands.Get("stop").Texts(),
            CoachingOffCommands = commands.Get("coachingOff").Texts(),
            CoachingOnCommands = commands.Get("coachingOn").Texts(),
            CoachingOffAck = root.Get("coachingOff").Text(),
            CoachingOnAck = root.Get("coachingOn").Text(),
            MaxLines = root.Get("maxLines").Int(),
            MaxLinesReached = root.Get("maxLinesReached").Text(),
            NothingSaid = root.Get("nothingSaid").Text(),
            Scorecard = scorecard.Get("text").Text(),
            Moved = scorecard.Get("moved").Text(),
            Stayed = scorecard.Get("stayed").Text(),
            StageNames = Enum.GetValues<PartnerStage>().ToDictionary(s => s, s => stages.Get(StageKey(s)).Text()),
            TryNext = new TryNextTexts(
                tryNext.Get("blame").Text(),
                tryNext.Get("noIStatement").Text(),
                tryNext.Get("noRequest").Text(),
                tryNext.Get("noNeed").Text(),
                tryNext.Get("keepGoing").Text()),
            SavePrompt = save.Get("prompt").Text(),
            Saved = save.Get("saved").Text(),
            NotSaved = save.Get("notSaved").Text(),
        };
    }

    /// <summary>The YAML key of a stage: <c>closed</c>, <c>guarded</c> ...</summary>
    public static string StageKey(PartnerStage stage) => stage.ToString().ToLowerInvariant();

    private static PartnerStyle LoadStyle(ContentSource source, ContentNode node)
    {
        var key = node.Get("key").Text();
        var start = node.Get("start").Int();
        if (start is < 0 or > MaxOpenness)
        {
            throw node.Get("start").Error($"must be between 0 and {MaxOpenness}");
        }

        var file = source.LocaleFile(Path.Combine("rehearsal", $"partner-{key}.yaml")).Get("lines");
        var lines = new Dictionary<PartnerStage, IReadOnlyList<PartnerLine>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in Enum.GetValues<PartnerStage>())
        {
            var list = file.Get(StageKey(stage));
            var items = list.Items();
            if (items.Count < MinLinesPerStage)
            {
                throw list.Error($"needs at least {MinLinesPerStage} lines so rehearsals vary; it has {items.Count}");
            }

            // Ids come from the position: a saved rehearsal only uses them to avoid repeats.
            lines[stage] = items.Select((item, i) =>
            {
                var text = item.Text();
                if (!seen.Add(text))
                {
                    throw item.Error("this line appears twice for this partner");
                }

                return new PartnerLine($"{key}.{StageKey(stage)}.{i}", text);
            }).ToList();
        }

        return new PartnerStyle(
            key,
            node.Get("title").Text(),
            node.TryGet("synonyms")?.Texts() ?? [],
            node.Get("describe").Text(),
            start,
            node.Get("gain").Number(),
            node.Get("loss").Number(),
            lines);
    }

    private static bool IsAscending(Dictionary<PartnerStage, int> thresholds)
    {
        var previous = -1;
        foreach (var stage in Enum.GetValues<PartnerStage>())
        {
            if (thresholds[stage] <= previous || thresholds[stage] > MaxOpenness)
            {
                return false;
            }

            previous = thresholds[stage];
        }

        return true;
    }
}

/// <summary>The "next time, try" suggestions, picked from what the rehearsal lacked most.</summary>
public sealed record TryNextTexts(string Blame, string NoIStatement, string NoRequest, string NoNeed, string KeepGoing);
