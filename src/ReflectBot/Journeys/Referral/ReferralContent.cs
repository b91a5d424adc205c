using ReflectBot.Content;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Journeys.Referral;

/// <summary>The "find a therapist" conversation's words (dialogs/en-US/referral.yaml), read and checked once.</summary>
[Content(File = "referral.yaml")]
public sealed partial record ReferralContent
{
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

    /// <summary>This conversation's button on the main menu.</summary>
    public required ChoiceWords Menu { get; init; }

    public required string Intro { get; init; }
    public required string IntroOffered { get; init; }
    public required string Again { get; init; }
    public required string Retry { get; init; }

    [ContentKey("topics")]
    [Keys(Topics.Kinds, Topics.Choose, Topics.Partner, Topics.Where, Topics.Plan, Topics.Done)]
    public required IReadOnlyList<ChoiceItem> TopicItems { get; init; }
    public required ReferralList Kinds { get; init; }
    public required ReferralList Choose { get; init; }
    public required ReferralList Partner { get; init; }
    public required WhereTexts Where { get; init; }
    public required ReferralPlanTexts Plan { get; init; }
    public required string Bye { get; init; }

    /// <summary>How a message asks for a therapist from anywhere in the conversation.</summary>
    public required TherapistRequestTexts Request { get; init; }

    public IReadOnlyList<Choice> TopicChoices => field ??= [.. TopicItems.Select(t => t.ToChoice())];

    public TherapistRequestWords RequestWords => field ??= new(Request.MaxWords, Request.Asks, Request.For);

    /// <summary>The heading and items of the kinds / choose / partner topics.</summary>
    public ReferralList ListFor(string topic) => topic switch
    {
        Topics.Kinds => Kinds,
        Topics.Choose => Choose,
        _ => Partner,
    };
}

/// <summary>A heading and its list, shown as one message.</summary>
[Content]
public sealed partial record ReferralList
{
    public required string Heading { get; init; }
    public required IReadOnlyList<string> Items { get; init; }
}

[Content]
public sealed partial record WhereTexts
{
    public required string Heading { get; init; }
    public required string FallbackNote { get; init; }

    [Fills("name", "website")]
    public required string Item { get; init; }

    [Fills("website", "note")]
    public required string WithNote { get; init; }
}

[Content]
public sealed partial record ReferralPlanTexts
{
    public required string Step { get; init; }
    public required string Added { get; init; }
    public required string Already { get; init; }
    public required string Offer { get; init; }
    public required string Declined { get; init; }
}

/// <summary>The words of a request for a therapist (see <see cref="TherapistRequestWords"/>).</summary>
[Content]
public sealed partial record TherapistRequestTexts
{
    [AtLeast(1)]
    public required int MaxWords { get; init; }
    public required IReadOnlyList<string> Asks { get; init; }
    public required IReadOnlyList<string> For { get; init; }
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
