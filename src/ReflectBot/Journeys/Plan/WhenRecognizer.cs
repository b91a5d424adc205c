using System.Globalization;
using System.Text.RegularExpressions;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Journeys.Plan;

/// <summary>
/// What a "when" answer was read as. <see cref="Text"/> is always the user's own words; <see cref="At"/> is the
/// moment in the user's time zone when the words name one (a day, with a time when <see cref="HasTime"/>).
/// </summary>
public sealed record WhenResult(string Text, DateTimeOffset? At, bool HasTime)
{
    public bool IsRecognized => At is not null;
}

/// <summary>
/// Reads plain "when" answers for a plan: weekdays ("Sunday", "next Friday"), days from today ("tomorrow",
/// "tonight", "in two days", "next week", "this weekend"), parts of the day ("evening", "after dinner") and clock
/// times ("7pm", "7:30 pm", "19:00", "at 8"), in any order ("after dinner tomorrow"). Words come from a
/// <see cref="WhenLexicon"/>. Times resolve in the user's time zone; anything unrecognised is kept as written.
/// </summary>
public sealed partial class WhenRecognizer(WhenLexicon lexicon)
{
    /// <summary>Reads <paramref name="text"/> relative to <paramref name="now"/> in <paramref name="zone"/> (UTC when null).</summary>
    public WhenResult Recognize(string text, DateTimeOffset now, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        var tokens = Tokenize(text);
        var reading = Read(tokens);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = reading.ClockTime is { } clock ? AdjustHour(clock, reading) : reading.PartTime;

        DateOnly? date = null;
        if (reading.DayOffset is { } offset)
        {
            date = today.AddDays(offset);
        }
        else if (reading.Weekday is { } weekday)
        {
            var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;

            // "Sunday" on a Sunday means today unless its time has passed; "next Sunday" on a Sunday means in a week.
            if (ahead == 0 && (reading.Next || (time is { } t && t <= TimeOnly.FromDateTime(local.DateTime))))
            {
                ahead = 7;
            }

            date = today.AddDays(ahead);
        }
        else if (reading.Weekend)
        {
            // "This weekend" on a Sunday is today; otherwise the coming Saturday, or the one after for "next weekend".
            var ahead = today.DayOfWeek == DayOfWeek.Sunday ? 0 : ((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7;
            if (reading.Next)
            {
                ahead = today.DayOfWeek == DayOfWeek.Sunday ? 6 : ahead + 7;
            }

            date = today.AddDays(ahead);
        }
        else if (reading.NextWeek)
        {
            var ahead = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
            date = today.AddDays(ahead == 0 ? 7 : ahead);
        }
        else if (time is { } onlyTime)
        {
            // A time alone is the next time the clock shows it.
            date = onlyTime > TimeOnly.FromDateTime(local.DateTime) ? today : today.AddDays(1);
        }

        if (date is not { } day)
        {
            return new WhenResult(text, null, false);
        }

        var wallClock = day.ToDateTime(time ?? TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new WhenResult(text, new DateTimeOffset(wallClock, zone.GetUtcOffset(wallClock)), time is not null);
    }

    /// <summary>The user's time zone from the activity's <c>localTimezone</c> (an IANA or Windows id), else UTC.</summary>
    public static TimeZoneInfo ZoneOf(string? localTimezone) =>
        !string.IsNullOrWhiteSpace(localTimezone) && TimeZoneInfo.TryFindSystemTimeZoneById(localTimezone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Lower-case words, numbers and clock times ("7pm", "19:00", "7.30"); the same split the lexicon uses.</summary>
    public static List<string> Tokenize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : TokenPattern().Matches(text.ToLowerInvariant().Replace('\u2019', '\'')).Select(m => m.Value).ToList();

    private Reading Read(List<string> tokens)
    {
        var reading = new Reading();
        var pendingNext = false;
        var pendingIn = false;
        int? pendingAmount = null;
        var pendingAt = false;
        for (var i = 0; i < tokens.Count;)
        {
            if (ClockPattern().Match(tokens[i]) is { Success: true } clock)
            {
                var hour = int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture);
                var minute = clock.Groups["m"].Success ? int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
                var suffix = clock.Groups["ampm"].Value;
                var next = i + 1 < tokens.Count ? Match(tokens, i + 1) : null;
                var isTime = suffix.Length > 0 || clock.Groups["m"].Success || pendingAt
                    || next?.Kind is WhenWordKind.Am or WhenWordKind.Pm or WhenWordKind.OClock;
                var consumed = 1;
                if (next?.Kind is WhenWordKind.Am or WhenWordKind.Pm or WhenWordKind.OClock)
                {
                    suffix = next.Kind switch { WhenWordKind.Am => "am", WhenWordKind.Pm => "pm", _ => suffix };
                    consumed += next.Tokens.Count;
                }

                if (isTime && hour <= 23 && minute <= 59 && !(suffix.Length > 0 && (hour == 0 || hour > 12)))
                {
                    reading.ClockTime = new TimeOnly(suffix switch
                    {
                        "pm" when hour < 12 => hour + 12,
                        "am" when hour == 12 => 0,
                        _ => hour,
                    }, minute);
                    reading.ClockHasMeridiem = suffix.Length > 0 || hour > 12 || hour == 0;
                }
                else if (pendingIn)
                {
                    pendingAmount = int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture);
                }

                pendingAt = false;
                i += consumed;
                continue;
            }

            var word = Match(tokens, i);
            if (word is null)
            {
                // A number word after "in" ("in two days").
                if (pendingIn && NumberRecognizer.TryParseExact(tokens[i], out var n) && double.IsInteger(n) && n is > 0 and < 1000)
                {
                    pendingAmount = (int)n;
                }

                i++;
                continue;
            }

            switch (word.Kind)
            {
                case WhenWordKind.RelativeDay:
                    reading.DayOffset = word.Number;
                    reading.PartTime ??= word.Time;
                    break;
                case WhenWordKind.Weekday:
                    reading.Weekday = word.Day;
                    reading.Next |= pendingNext;
                    break;
                case WhenWordKind.Weekend:
                    reading.Weekend = true;
                    reading.Next |= pendingNext;
                    break;
                case WhenWordKind.NextWeek:
                    reading.NextWeek = true;
                    break;
                case WhenWordKind.PartOfDay:
                    reading.PartTime = word.Time;
                    break;
                case WhenWordKind.Next:
                    pendingNext = true;
                    i += word.Tokens.Count;
                    continue;
                case WhenWordKind.In:
                    pendingIn = true;
                    pendingAmount = null;
                    i += word.Tokens.Count;
                    continue;
                case WhenWordKind.Amount:
                    if (pendingIn)
                    {
                        pendingAmount = word.Number;
                        i += word.Tokens.Count;
                        continue;
                    }

                    break;
                case WhenWordKind.Unit:
                    if (pendingIn)
                    {
                        reading.DayOffset = (pendingAmount ?? 1) * word.Number;
                    }

                    break;
                case WhenWordKind.At:
                    pendingAt = true;
                    i += word.Tokens.Count;
                    continue;
            }

            pendingNext = false;
            pendingIn = false;
            pendingAmount = null;
            pendingAt = false;
            i += word.Tokens.Count;
        }

        return reading;
    }

    /// <summary>"At 7" without am or pm: in the evening when an evening part of day is named, else 1–7 as afternoon or evening.</summary>
    private static TimeOnly AdjustHour(TimeOnly clock, Reading reading)
    {
        if (reading.ClockHasMeridiem || clock.Hour >= 12)
        {
            return clock;
        }

        var afternoon = reading.PartTime is { Hour: >= 12 } || (reading.PartTime is null && clock.Hour is >= 1 and <= 7);
        return afternoon ? clock.AddHours(12) : clock;
    }

    /// <summary>The longest lexicon phrase starting at <paramref name="start"/>, or null.</summary>
    private WhenWord? Match(List<string> tokens, int start)
    {
        foreach (var word in lexicon.Words)
        {
            if (start + word.Tokens.Count > tokens.Count)
            {
                continue;
            }

            var same = true;
            for (var j = 0; j < word.Tokens.Count && same; j++)
            {
                same = tokens[start + j] == word.Tokens[j];
            }

            if (same)
            {
                return word;
            }
        }

        return null;
    }

    private sealed class Reading
    {
        public int? DayOffset { get; set; }
        public DayOfWeek? Weekday { get; set; }
        public bool Weekend { get; set; }
        public bool NextWeek { get; set; }
        public bool Next { get; set; }
        public TimeOnly? PartTime { get; set; }
        public TimeOnly? ClockTime { get; set; }
        public bool ClockHasMeridiem { get; set; }
    }

    [GeneratedRegex(@"\d{1,2}[:.]\d{2}(?:am|pm)?|\d+(?:am|pm)?|\p{L}+(?:'\p{L}+)?")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.](?<m>\d{2}))?(?<ampm>am|pm)?$")]
    private static partial Regex ClockPattern();
}
