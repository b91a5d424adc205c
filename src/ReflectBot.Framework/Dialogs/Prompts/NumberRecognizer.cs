using System.Globalization;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>
/// Finds numbers in what people type: digits ("7", "-3", "2.5", "1,000"), English words ("zero" to
/// "nineteen", "twenty" to "ninety", "twenty five", "twenty-five", "a hundred", "one hundred and five",
/// "two thousand"), ratings ("7 out of 10", "7/10" → 7) and hedges ("about 6" → 6).
/// </summary>
public static class NumberRecognizer
{
    private enum Kind { Number, Word, Separator }

    private readonly record struct Token(Kind Kind, string Text, double Value);

    private enum Part { None, Unit, Teen, Ten, Hundred, Thousand }

    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4,
        ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
    };

    private static readonly Dictionary<string, int> Teens = new(StringComparer.Ordinal)
    {
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>The first number in <paramref name="text"/>, wherever it stands.</summary>
    public static bool TryRecognize(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var tokens = Tokenize(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (TryReadNumber(tokens, i, out value, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True only when the whole of <paramref name="text"/> is one number ("2", "two", "twenty-one").</summary>
    public static bool TryParseExact(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var tokens = Tokenize(text);

        // Closing punctuation ("2.", "two!") does not make it less of a number.
        while (tokens.Count > 0 && tokens[^1].Kind == Kind.Separator)
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        return tokens.Count > 0 && TryReadNumber(tokens, 0, out value, out var consumed) && consumed == tokens.Count;
    }

    private static bool TryReadNumber(List<Token> tokens, int start, out double value, out int consumed)
    {
        value = 0;
        consumed = 0;
        var sign = 1;
        var i = start;
        if (tokens[i] is { Kind: Kind.Word, Text: "minus" or "negative" } && i + 1 < tokens.Count)
        {
            sign = -1;
            i++;
        }

        if (tokens[i].Kind == Kind.Number)
        {
            value = sign * tokens[i].Value;
            consumed = i + 1 - start;
            return true;
        }

        if (TryReadWords(tokens, i, out var words, out var used))
        {
            value = sign * words;
            consumed = i + used - start;
            return true;
        }

        return false;
    }

    /// <summary>Reads a run of number words; stops at the first word that cannot continue the number.</summary>
    private static bool TryReadWords(List<Token> tokens, int start, out double value, out int consumed)
    {
        long total = 0;
        long current = 0;
        var last = Part.None;
        var i = start;
        var end = start;

        while (i < tokens.Count && tokens[i].Kind == Kind.Word)
        {
            var word = tokens[i].Text;
            var next = i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Word ? tokens[i + 1].Text : null;

            if (Units.TryGetValue(word, out var unit) && last is Part.None or Part.Ten or Part.Hundred or Part.Thousand)
            {
                current += unit;
                last = Part.Unit;
            }
            else if (Teens.TryGetValue(word, out var teen) && last is Part.None or Part.Hundred or Part.Thousand)
            {
                current += teen;
                last = Part.Teen;
            }
            else if (Tens.TryGetValue(word, out var ten) && last is Part.None or Part.Hundred or Part.Thousand)
            {
                current += ten;
                last = Part.Ten;
            }
            else if (word == "hundred" && last is Part.None or Part.Unit or Part.Teen && current % 100 == current)
            {
                current = (current == 0 ? 1 : current) * 100;
                last = Part.Hundred;
            }
            else if (word == "thousand" && last != Part.Thousand)
            {
                total += (current == 0 ? 1 : current) * 1000;
                current = 0;
                last = Part.Thousand;
            }
            else if (word is "a" or "an" && last == Part.None && next is "hundred" or "thousand")
            {
                // "a hundred": the multiplier below supplies the one.
                i++;
                continue;
            }
            else if (word == "and" && last is Part.Hundred or Part.Thousand && next is not null && IsNumberWord(next))
            {
                i++;
                continue;
            }
            else
            {
                break;
            }

            i++;
            end = i;
        }

        value = total + current;
        consumed = end - start;
        return consumed > 0;
    }

    private static bool IsNumberWord(string word) =>
        Units.ContainsKey(word) || Teens.ContainsKey(word) || Tens.ContainsKey(word);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsDigit(c) || (c is '.' && NextIsDigit(text, i)) || (c is '-' or '+' or '\u2212' && StartsNumber(text, i)))
            {
                tokens.Add(ReadNumeral(text, ref i));
            }
            else if (char.IsLetter(c))
            {
                var start = i;
                while (i < text.Length && (char.IsLetter(text[i]) || text[i] is '\'' or '\u2019'))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Word, text[start..i].ToLowerInvariant(), 0));
            }
            else
            {
                // A hyphen between words ("twenty-five") only joins them; anything else separates.
                if (c != '-' || tokens.Count == 0 || tokens[^1].Kind != Kind.Word)
                {
                    tokens.Add(new Token(Kind.Separator, c.ToString(), 0));
                }

                i++;
            }
        }

        return tokens;
    }

    /// <summary>A sign starts a number only at the start of a word: "-3" but not "well-3".</summary>
    private static bool StartsNumber(string text, int i) =>
        (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '~')
        && (NextIsDigit(text, i) || (i + 2 < text.Length && text[i + 1] == '.' && char.IsDigit(text[i + 2])));

    private static bool NextIsDigit(string text, int i) => i + 1 < text.Length && char.IsDigit(text[i + 1]);

    private static Token ReadNumeral(string text, ref int i)
    {
        var negative = text[i] is '-' or '\u2212';
        if (text[i] is '-' or '+' or '\u2212')
        {
            i++;
        }

        var digits = new System.Text.StringBuilder();
        var seenPoint = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsDigit(c))
            {
                digits.Append(c);
                i++;
            }
            else if (c == ',' && !seenPoint && digits.Length > 0 && IsThousandsGroup(text, i))
            {
                i++;
            }
            else if (c == '.' && !seenPoint && NextIsDigit(text, i))
            {
                seenPoint = true;
                digits.Append('.');
                i++;
            }
            else
            {
                break;
            }
        }

        // "7/10" is a rating: the number meant is the 7.
        if (i + 1 < text.Length && text[i] == '/' && char.IsDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && (char.IsDigit(text[i]) || (text[i] == '.' && NextIsDigit(text, i))))
            {
                i++;
            }
        }

        var value = double.Parse(digits.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new Token(Kind.Number, digits.ToString(), negative ? -value : value);
    }

    /// <summary>"1,000" groups thousands; "1,5" or "1, 2" does not.</summary>
    private static bool IsThousandsGroup(string text, int comma)
    {
        for (var k = 1; k <= 3; k++)
        {
            if (comma + k >= text.Length || !char.IsDigit(text[comma + k]))
            {
                return false;
            }
        }

        return comma + 4 >= text.Length || !char.IsDigit(text[comma + 4]);
    }
}
