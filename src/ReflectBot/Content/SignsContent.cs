using ReflectBot.Dialogs.Journey;

namespace ReflectBot.Content;

/// <summary>A whose-behaviour answer; <see cref="InWhom"/> fills <c>{inWhom}</c> ("in your partner").</summary>
public sealed record WhoChoice(ChoiceItem Choice, string InWhom);

/// <summary>One sign of emotional distance: the question text, how the summary names it, and roots often linked to it.</summary>
public sealed record SignItem(string Key, string Title, string Summary, IReadOnlyList<string> Roots);

/// <summary>A yes / sometimes / no answer to one sign; <see cref="Weight"/> ranks how clearly it was noticed (0 = not at all).</summary>
public sealed record SignAnswer(ChoiceItem Choice, int Weight);

/// <summary>An answer with the phrase the summary uses for it and whether it points towards a therapist.</summary>
public sealed record SummarisedChoice(ChoiceItem Choice, string Summary, bool SuggestsTherapy);

/// <summary>An answer about painful past experiences; <see cref="Root"/> is named first among the possible roots.</summary>
public sealed record PastChoice(ChoiceItem Choice, bool SuggestsTherapy, string? Root);

/// <summary>A possible root of emotional distance, named in the summary as a possibility.</summary>
public sealed record RootItem(string Key, string Text);

/// <summary>Where to go after the summary; <see cref="OnlyWithReferral"/> entries appear only when a therapist is suggested.</summary>
public sealed record NextChoice(ChoiceItem Choice, bool OnlyWithReferral);

/// <summary>The "Recognise the signs" conversation (<c>signs.yaml</c>).</summary>
public sealed class SignsContent : IBotContent
{
    public required string Intro { get; init; }
    public required string WhoPrompt { get; init; }
    public required string WhoRetry { get; init; }
    public required IReadOnlyList<WhoChoice> Who { get; init; }

    public required string ChecklistTitle { get; init; }
    public required string ChecklistHint { get; init; }
    public required string ChecklistSubmit { get; init; }
    public required string ChecklistRetry { get; init; }
    public required IReadOnlyList<string> NoneWords { get; init; }

    public required string SeriesIntro { get; init; }
    public required string SeriesQuestion { get; init; }
    public required string SeriesRetry { get; init; }
    public required IReadOnlyList<SignAnswer> Answers { get; init; }
    public required IReadOnlyList<SignItem> Signs { get; init; }

    public required string DurationPrompt { get; init; }
    public required string DurationRetry { get; init; }
    public required IReadOnlyList<SummarisedChoice> Durations { get; init; }

    public required string TalkedPrompt { get; init; }
    public required string TalkedRetry { get; init; }
    public required IReadOnlyList<SummarisedChoice> Talked { get; init; }

    public required string TollPrompt { get; init; }
    public required string TollRetry { get; init; }
    public required int HeavyFrom { get; init; }

    public required string PastPrompt { get; init; }
    public required string PastRetry { get; init; }
    public required IReadOnlyList<PastChoice> Past { get; init; }

    public required string SummaryThanks { get; init; }
    public required string SummaryNoticed { get; init; }
    public required string SummaryNoticedNone { get; init; }
    public required string SummaryContext { get; init; }
    public required string SummaryToll { get; init; }
    public required string SummaryHeavy { get; init; }
    public required string SummaryRoots { get; init; }
    public required string SummaryReminder { get; init; }
    public required string And { get; init; }
    public required IReadOnlyList<RootItem> Roots { get; init; }

    public required string NextPrompt { get; init; }
    public required string NextReferralPrompt { get; init; }
    public required string ReasonPersistent { get; init; }
    public required string ReasonHeavy { get; init; }
    public required string ReasonPast { get; init; }
    public required string NextRetry { get; init; }
    public required IReadOnlyList<NextChoice> Next { get; init; }

    public static SignsContent Load(ContentSource source) => Read(source.LocaleFile("signs.yaml"));

    /// <summary>Builds the content from a parsed file; every problem names the file and line.</summary>
    public static SignsContent Read(ContentNode root)
    {
        var who = root.Get("who");
        var signs = root.Get("signs");
        var checklist = signs.Get("checklist");
        var series = signs.Get("series");
        var duration = root.Get("duration");
        var talked = root.Get("talked");
        var toll = root.Get("toll");
        var past = root.Get("past");
        var summary = root.Get("summary");
        var next = root.Get("next");
        var reasons = next.Get("reasons");

        var rootsNode = root.Get("roots");
        var roots = rootsNode.ReadKeyed(n => new RootItem(n.Get("key").Text(), n.Get("text").Text()), r => r.Key);
        var rootKeys = roots.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        var signItems = signs.Get("items").ReadKeyed(n =>
        {
            var rootsOfSign = n.Get("roots");
            var keys = rootsOfSign.Texts();
            foreach (var key in keys.Where(k => !rootKeys.Contains(k)))
            {
                throw rootsOfSign.Error($"'{key}' is not one of the roots listed under 'roots'");
            }

            return new SignItem(n.Get("key").Text(), n.Get("title").Text(), n.Get("summary").Text(), keys);
        }, s => s.Key);

        var heavyNode = toll.Get("heavyFrom");
        var heavyFrom = heavyNode.Int();
        if (heavyFrom is < 0 or > 10)
        {
            throw heavyNode.Error("expected a number from 0 to 10");
        }

        var answers = series.Get("answers").ReadKeyed(n => new SignAnswer(ChoiceItem.Read(n), n.TryGet("weight")?.Int() ?? -1), a => a.Choice.Key);
        // Without weights in the file, the order is the weight: the first answer is the clearest "yes".
        answers = answers.Select((a, i) => a.Weight >= 0 ? a : a with { Weight = answers.Count - 1 - i }).ToList();

        var nextChoices = next.Get("choices").ReadKeyed(n => new NextChoice(ChoiceItem.Read(n), n.Get("onlyWithReferral").Bool()), c => c.Choice.Key);

        return new SignsContent
        {
            Intro = root.Get("intro").Text(),
            WhoPrompt = who.Get("prompt").Text(),
            WhoRetry = who.Get("retry").Text(),
            Who = who.Get("choices").ReadKeyed(n => new WhoChoice(ChoiceItem.Read(n), n.Get("inWhom").Text()), w => w.Choice.Key),
            ChecklistTitle = checklist.Get("title").Text(),
            ChecklistHint = checklist.Get("hint").Text(),
            ChecklistSubmit = checklist.Get("submit").Text(),
            ChecklistRetry = checklist.Get("retry").Text(),
            NoneWords = checklist.Get("none").Texts(),
            SeriesIntro = series.Get("intro").Text(),
            SeriesQuestion = series.Get("question").Template("sign"),
            SeriesRetry = series.Get("retry").Text(),
            Answers = answers,
            Signs = signItems,
            DurationPrompt = duration.Get("prompt").Text(),
            DurationRetry = duration.Get("retry").Text(),
            Durations = duration.Get("choices").ReadKeyed(n => Summarised(n, "persistent"), c => c.Choice.Key),
            TalkedPrompt = talked.Get("prompt").Text(),
            TalkedRetry = talked.Get("retry").Text(),
            Talked = talked.Get("choices").ReadKeyed(n => Summarised(n, "noChange"), c => c.Choice.Key),
            TollPrompt = toll.Get("prompt").Text(),
            TollRetry = toll.Get("retry").Text(),
            HeavyFrom = heavyFrom,
            PastPrompt = past.Get("prompt").Text(),
            PastRetry = past.Get("retry").Text(),
            Past = past.Get("choices").ReadKeyed(n => ReadPast(n, rootKeys), c => c.Choice.Key),
            SummaryThanks = summary.Get("thanks").Text(),
            SummaryNoticed = summary.Get("noticed").Template("signs"),
            SummaryNoticedNone = summary.Get("noticedNone").Text(),
            SummaryContext = summary.Get("context").Template("duration", "talked"),
            SummaryToll = summary.Get("toll").Template("toll"),
            SummaryHeavy = summary.Get("heavy").Text(),
            SummaryRoots = summary.Get("roots").Template("roots"),
            SummaryReminder = summary.Get("reminder").Text(),
            And = summary.Get("and").Text(),
            Roots = roots,
            NextPrompt = next.Get("prompt").Text(),
            NextReferralPrompt = next.Get("referralPrompt").Template("reasons"),
            ReasonPersistent = reasons.Get("persistent").Text(),
            ReasonHeavy = reasons.Get("heavy").Text(),
            ReasonPast = reasons.Get("past").Text(),
            NextRetry = next.Get("retry").Text(),
            Next = nextChoices,
        };
    }

    private static PastChoice ReadPast(ContentNode node, HashSet<string> rootKeys)
    {
        var rootNode = node.TryGet("root");
        var root = rootNode?.Text();
        if (root is not null && !rootKeys.Contains(root))
        {
            throw rootNode!.Error($"'{root}' is not one of the roots listed under 'roots'");
        }

        return new PastChoice(ChoiceItem.Read(node), node.Get("referral").Bool(), root);
    }

    private static SummarisedChoice Summarised(ContentNode node, string flag) =>
        new(ChoiceItem.Read(node), node.Get("summary").Text(), node.Get(flag).Bool());
}
