using ReflectBot.Content;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Safety;

/// <summary>The "find a therapist" conversation's words (dialogs/en-US/referral.yaml), read and checked once.</summary>
public sealed class ReferralContent : IBotContent
{
    public const string FileName = "referral.yaml";

    /// <summary>Topic keys (the <c>key</c> of each entry under <c>topics</c>).</summary>
    public static class Topics
    {
        public const string Kinds = "kinds";
        public const string Choose = "choose";
        public const string Partner = "partner";
        public const string Where = "where";
        public const string Plan = "plan";
        public const string Done = "done";
    }

    public required string Intro { get; init; }
    public required string IntroOffered { get; init; }
    public required string Again { get; init; }
    public required string Retry { get; init; }
    public required IReadOnlyList<Choice> TopicChoices { get; init; }

    /// <summary>Heading and items of the kinds / choose / partner topics, by topic key.</summary>
    public required IReadOnlyDictionary<string, (string Heading, IReadOnlyList<string> Items)> Lists { get; init; }

    public required string WhereHeading { get; init; }
    public required string WhereFallbackNote { get; init; }
    public required string DirectoryItem { get; init; }
    public required string DirectoryWithNote { get; init; }
    public required string PlanStep { get; init; }
    public required string PlanAdded { get; init; }
    public required string PlanAlready { get; init; }
    public required string PlanOffer { get; init; }
    public required string PlanDeclined { get; init; }
    public required string Bye { get; init; }

    /// <summary>How a message asks for a therapist from anywhere in the conversation.</summary>
    public required TherapistRequestWords Request { get; init; }

    public static ReferralContent Load(ContentSource source)
    {
        var root = source.LocaleFile(FileName);
        var where = root.Get("where");
        var plan = root.Get("plan");
        var request = root.Get("request");
        var lists = new Dictionary<string, (string, IReadOnlyList<string>)>(StringComparer.Ordinal);
        foreach (var key in new[] { Topics.Kinds, Topics.Choose, Topics.Partner })
        {
            var node = root.Get(key);
            lists[key] = (SafetyContent.Checked(node.Get("heading")), node.Get("items").Items().Select(i => SafetyContent.Checked(i)).ToList());
        }

        var maxWords = request.Get("maxWords");
        return new ReferralContent
        {
            Intro = SafetyContent.Checked(root.Get("intro")),
            IntroOffered = SafetyContent.Checked(root.Get("introOffered")),
            Again = SafetyContent.Checked(root.Get("again")),
            Retry = SafetyContent.Checked(root.Get("retry")),
            TopicChoices = SafetyContent.ReadChoices(root.Get("topics"), Topics.Kinds, Topics.Choose, Topics.Partner, Topics.Where, Topics.Plan, Topics.Done),
            Lists = lists,
            WhereHeading = SafetyContent.Checked(where.Get("heading")),
            WhereFallbackNote = SafetyContent.Checked(where.Get("fallbackNote")),
            DirectoryItem = SafetyContent.Checked(where.Get("item"), "name", "website"),
            DirectoryWithNote = SafetyContent.Checked(where.Get("withNote"), "website", "note"),
            PlanStep = SafetyContent.Checked(plan.Get("step")),
            PlanAdded = SafetyContent.Checked(plan.Get("added")),
            PlanAlready = SafetyContent.Checked(plan.Get("already")),
            PlanOffer = SafetyContent.Checked(plan.Get("offer")),
            PlanDeclined = SafetyContent.Checked(plan.Get("declined")),
            Bye = SafetyContent.Checked(root.Get("bye")),
            Request = new TherapistRequestWords(
                maxWords.Int() is > 0 and var n ? n : throw maxWords.Error("must be at least 1"),
                request.Get("asks").Texts(),
                request.Get("for").Texts()),
        };
    }
}

/// <summary>
/// Recognises "I want a therapist"-type messages: short, with an ask ("i need", "find a") followed later by
/// what is asked for ("therapist", "therapy"), or just the thing itself ("therapist"). Deliberately narrow, so a
/// line like "I find therapy scary" or "you never want to go to therapy" in another conversation is left alone.
/// </summary>
public sealed class TherapistRequestWords
{
    private readonly int _maxWords;
    private readonly string[][] _asks;
    private readonly string[][] _targets;

    public TherapistRequestWords(int maxWords, IEnumerable<string> asks, IEnumerable<string> targets)
    {
        _maxWords = maxWords;
        _asks = [.. asks.Select(Words).Where(w => w.Length > 0)];
        _targets = [.. targets.Select(Words).Where(w => w.Length > 0)];
    }

    public bool Matches(string? text)
    {
        var words = Words(text);
        if (words.Length == 0 || words.Length > _maxWords)
        {
            return false;
        }

        if (_targets.Any(t => t.AsSpan().SequenceEqual(words)))
        {
            return true;
        }

        foreach (var ask in _asks)
        {
            var at = IndexOf(words, ask, 0);
            if (at >= 0 && _targets.Any(t => IndexOf(words, t, at + ask.Length) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Words(string? text) => Phrase.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static int IndexOf(string[] words, string[] sequence, int from)
    {
        for (var i = from; i + sequence.Length <= words.Length; i++)
        {
            if (words.AsSpan(i, sequence.Length).SequenceEqual(sequence))
            {
                return i;
            }
        }

        return -1;
    }
}
