using System.Globalization;
using ReflectBot.Content;
using ReflectBot.Dialogs.Journey;

namespace ReflectBot.Recognizers;

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

    /// <summary>Reads the <c>words</c> map: every phrase is split into the same tokens the recogniser reads.</summary>
    public static WhenLexicon Read(ContentNode words)
    {
        var list = new List<WhenWord>();
        foreach (var node in words.Get("relativeDays").Items())
        {
            var time = node.TryGet("time") is { } t ? ReadTime(t) : (TimeOnly?)null;
            list.AddRange(Phrases(node.Get("phrases"), WhenWordKind.RelativeDay, node.Get("days").Int(), time));
        }

        foreach (var node in words.Get("weekdays").Items())
        {
            var dayNode = node.Get("day");
            if (!Enum.TryParse<DayOfWeek>(dayNode.Text(), ignoreCase: true, out var day))
            {
                throw dayNode.Error($"'{dayNode.Text()}' is not a day of the week (Monday ... Sunday)");
            }

            list.AddRange(Phrases(node.Get("phrases"), WhenWordKind.Weekday, day: day));
        }

        foreach (var node in words.Get("partsOfDay").Items())
        {
            list.AddRange(Phrases(node.Get("phrases"), WhenWordKind.PartOfDay, time: ReadTime(node.Get("time"))));
        }

        foreach (var node in words.Get("units").Items())
        {
            list.AddRange(Phrases(node.Get("phrases"), WhenWordKind.Unit, node.Get("days").Int()));
        }

        foreach (var node in words.Get("amounts").Items())
        {
            list.AddRange(Phrases(node.Get("phrases"), WhenWordKind.Amount, node.Get("number").Int()));
        }

        list.AddRange(Phrases(words.Get("weekend"), WhenWordKind.Weekend));
        list.AddRange(Phrases(words.Get("nextWeek"), WhenWordKind.NextWeek));
        list.AddRange(Phrases(words.Get("next"), WhenWordKind.Next));
        list.AddRange(Phrases(words.Get("in"), WhenWordKind.In));
        list.AddRange(Phrases(words.Get("am"), WhenWordKind.Am));
        list.AddRange(Phrases(words.Get("pm"), WhenWordKind.Pm));
        list.AddRange(Phrases(words.Get("at"), WhenWordKind.At));
        list.AddRange(Phrases(words.Get("oclock"), WhenWordKind.OClock));
        return new WhenLexicon(list);
    }

    private static IEnumerable<WhenWord> Phrases(ContentNode list, WhenWordKind kind, int number = 0, TimeOnly? time = null, DayOfWeek day = DayOfWeek.Sunday)
    {
        foreach (var item in list.Items())
        {
            var tokens = WhenRecognizer.Tokenize(item.Text());
            if (tokens.Count == 0)
            {
                throw item.Error("the phrase has no words the recogniser can read");
            }

            yield return new WhenWord(tokens, kind, number, time, day);
        }
    }

    private static TimeOnly ReadTime(ContentNode node) =>
        TimeOnly.TryParseExact(node.Text(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw node.Error($"expected a time like 19:00, found '{node.Text()}'");
}
