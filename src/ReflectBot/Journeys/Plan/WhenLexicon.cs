using ReflectBot.Content;

namespace ReflectBot.Journeys.Plan;

/// <summary>What one word or phrase of a "when" means.</summary>
public enum WhenWordKind
{
    /// <summary>A day counted from today ("today" 0, "tomorrow" 1), maybe with a time ("tonight").</summary>
    RelativeDay,
    Weekday,
    Weekend,
    NextWeek,
    /// <summary>A part of the day with its usual time ("evening" 19:00, "after dinner" 20:00).</summary>
    PartOfDay,
    /// <summary>"next" before a weekday or the weekend: the one after this one.</summary>
    Next,
    /// <summary>"in" before an amount and a unit ("in two days").</summary>
    In,
    /// <summary>A unit of "in ..." with its length in days.</summary>
    Unit,
    /// <summary>A number said in words that a number reader would miss ("a couple of" 2).</summary>
    Amount,
    Am,
    Pm,
    /// <summary>"at" before a bare hour, which makes the hour a time.</summary>
    At,
    /// <summary>"o'clock" after a bare hour.</summary>
    OClock,
}

/// <summary>One entry of the lexicon: the words of the phrase and what they mean.</summary>
public sealed record WhenWord(IReadOnlyList<string> Tokens, WhenWordKind Kind, int Number = 0, TimeOnly? Time = null, DayOfWeek Day = DayOfWeek.Sunday);

/// <summary>
/// The words the <see cref="WhenRecognizer"/> knows, read from the <c>when.words</c> section of <c>plan.yaml</c>
/// so another language (or a counsellor's "after the school run") is a content change, not a code change.
/// </summary>
public sealed class WhenLexicon
{
    public WhenLexicon(IEnumerable<WhenWord> words)
    {
        // Longest phrases first, so "day after tomorrow" wins over "tomorrow" and "after dinner" over "dinner".
        Words = words.OrderByDescending(w => w.Tokens.Count).ToList();
        MaxPhraseLength = Words.Count == 0 ? 0 : Words[0].Tokens.Count;
    }

    public IReadOnlyList<WhenWord> Words { get; }

    public int MaxPhraseLength { get; }

    /// <summary>The lexicon from <c>when.words</c> in plan.yaml: every phrase is split into the tokens the recogniser reads.</summary>
    public static WhenLexicon From(WhenWords words)
    {
        var list = new List<WhenWord>();
        foreach (var entry in words.RelativeDays)
        {
            list.AddRange(Phrases(entry.Phrases, WhenWordKind.RelativeDay, entry.Days, entry.Time));
        }

        foreach (var entry in words.Weekdays)
        {
            list.AddRange(Phrases(entry.Phrases, WhenWordKind.Weekday, day: entry.Day));
        }

        foreach (var entry in words.PartsOfDay)
        {
            list.AddRange(Phrases(entry.Phrases, WhenWordKind.PartOfDay, time: entry.Time));
        }

        foreach (var entry in words.Units)
        {
            list.AddRange(Phrases(entry.Phrases, WhenWordKind.Unit, entry.Days));
        }

        foreach (var entry in words.Amounts)
        {
            list.AddRange(Phrases(entry.Phrases, WhenWordKind.Amount, entry.Number));
        }

        list.AddRange(Phrases(words.Weekend, WhenWordKind.Weekend));
        list.AddRange(Phrases(words.NextWeek, WhenWordKind.NextWeek));
        list.AddRange(Phrases(words.Next, WhenWordKind.Next));
        list.AddRange(Phrases(words.In, WhenWordKind.In));
        list.AddRange(Phrases(words.Am, WhenWordKind.Am));
        list.AddRange(Phrases(words.Pm, WhenWordKind.Pm));
        list.AddRange(Phrases(words.At, WhenWordKind.At));
        list.AddRange(Phrases(words.Oclock, WhenWordKind.OClock));
        return new WhenLexicon(list);
    }

    private static IEnumerable<WhenWord> Phrases(IReadOnlyList<string> phrases, WhenWordKind kind, int number = 0, TimeOnly? time = null, DayOfWeek day = DayOfWeek.Sunday) =>
        phrases.Select(p => new WhenWord(WhenRecognizer.Tokenize(p), kind, number, time, day));
}

/// <summary>The <c>when.words</c> section of <c>plan.yaml</c>, as written.</summary>
[Content]
public sealed partial record WhenWords
{
    public required IReadOnlyList<RelativeDayWords> RelativeDays { get; init; }
    public required IReadOnlyList<WeekdayWords> Weekdays { get; init; }
    public required IReadOnlyList<PartOfDayWords> PartsOfDay { get; init; }
    public required IReadOnlyList<UnitWords> Units { get; init; }
    public required IReadOnlyList<AmountWords> Amounts { get; init; }
    public required IReadOnlyList<string> Weekend { get; init; }
    public required IReadOnlyList<string> NextWeek { get; init; }
    public required IReadOnlyList<string> Next { get; init; }
    public required IReadOnlyList<string> In { get; init; }
    public required IReadOnlyList<string> Am { get; init; }
    public required IReadOnlyList<string> Pm { get; init; }
    public required IReadOnlyList<string> At { get; init; }
    public required IReadOnlyList<string> Oclock { get; init; }

    /// <summary>Every phrase, in every section, has words the recogniser can read.</summary>
    private void Validate(ContentNode node)
    {
        foreach (var (_, section) in node.Entries)
        {
            var phrases = section.Items().SelectMany(item => item.IsMap ? item.Get("phrases").Items() : [item]);
            foreach (var phrase in phrases.Where(p => WhenRecognizer.Tokenize(p.Text()).Count == 0))
            {
                throw phrase.Error("the phrase has no words the recogniser can read");
            }
        }
    }
}

/// <summary>A day counted from today ("tomorrow" 1), maybe with a time ("tonight" 20:00).</summary>
[Content]
public sealed partial record RelativeDayWords
{
    public required IReadOnlyList<string> Phrases { get; init; }
    public required int Days { get; init; }
    public TimeOnly? Time { get; init; }
}

[Content]
public sealed partial record WeekdayWords
{
    public required DayOfWeek Day { get; init; }
    public required IReadOnlyList<string> Phrases { get; init; }
}

/// <summary>A part of the day with its usual time ("after dinner" 20:00).</summary>
[Content]
public sealed partial record PartOfDayWords
{
    public required IReadOnlyList<string> Phrases { get; init; }
    public required TimeOnly Time { get; init; }
}

/// <summary>A unit of "in …" with its length in days.</summary>
[Content]
public sealed partial record UnitWords
{
    public required IReadOnlyList<string> Phrases { get; init; }
    public required int Days { get; init; }
}

/// <summary>A number said in words ("a couple of" 2).</summary>
[Content]
public sealed partial record AmountWords
{
    public required IReadOnlyList<string> Phrases { get; init; }
    public required int Number { get; init; }
}
