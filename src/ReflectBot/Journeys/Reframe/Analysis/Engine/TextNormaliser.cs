using System.Globalization;

namespace ReflectBot.Journeys.Reframe.Analysis.Engine;

/// <summary>
/// Turns raw chat text into lower-case word tokens once per call: typographic apostrophes become
/// plain ones, contractions and common chat spellings are rewritten from the lexicon ("dont",
/// "don't" and "don’t" all become "do not"), and clause and sentence boundaries are recorded so
/// patterns can anchor to the start of a clause.
/// </summary>
internal sealed class TextNormaliser
{
    private readonly Dictionary<string, string[]> _rewrites;
    private readonly HashSet<string> _clauseJoiners;

    public TextNormaliser(Dictionary<string, string[]> rewrites, HashSet<string> clauseJoiners)
    {
        _rewrites = rewrites;
        _clauseJoiners = clauseJoiners;
    }

    /// <summary>Longest text analysed; beyond this a chat message is not a message any more.</summary>
    public const int MaxChars = 10_000;

    public static bool IsApostrophe(char c) =>
        c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4' or '\u2032';

    /// <summary>Tokens of a lexicon entry or pattern word, normalised the same way as user text.</summary>
    public string[] Words(string phrase) => Tokenise(phrase).Tokens.Select(t => t.Text).ToArray();

    public TokenizedText Tokenise(string? text)
    {
        text ??= "";
        var truncated = false;
        if (text.Length > MaxChars)
        {
            // Never cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(text[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
            text = text[..cut];
            truncated = true;
        }

        var tokens = new List<Token>(text.Length / 5 + 4);
        var sentence = 0;
        var clauseStart = true;
        var sentencePending = false;
        var i = 0;
        var n = text.Length;

        while (i < n)
        {
            var c = text[i];

            if (IsWordChar(c))
            {
                var start = i;
                i++;
                while (i < n)
                {
                    var d = text[i];
                    if (IsWordChar(d))
                    {
                        i++;
                    }
                    else if (IsApostrophe(d) && i + 1 < n && char.IsLetter(text[i + 1]))
                    {
                        i++;
                    }
                    else if (d is '.' or ':' or ',' && char.IsDigit(text[i - 1]) && i + 1 < n && char.IsDigit(text[i + 1]))
                    {
                        // 7:30, 7.30 and 1,000 stay one word.
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                if (sentencePending)
                {
                    sentence++;
                    sentencePending = false;
                }

                AddWord(tokens, text, start, i, sentence, clauseStart);
                clauseStart = false;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
            {
                // Emoji (🙄) are words here: an eye-roll says as much as "whatever".
                if (sentencePending)
                {
                    sentence++;
                    sentencePending = false;
                }

                tokens.Add(new Token(text.Substring(i, 2), i, i + 2, sentence, clauseStart, false, clauseStart));
                clauseStart = false;
                i += 2;
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol)
            {
                if (sentencePending)
                {
                    sentence++;
                    sentencePending = false;
                }

                tokens.Add(new Token(c.ToString(), i, i + 1, sentence, clauseStart, false, clauseStart));
                clauseStart = false;
                i++;
                continue;
            }

            if (IsSentenceEnd(c))
            {
                EndClause(tokens, ref clauseStart);
                if (tokens.Count > 0)
                {
                    sentencePending = true;
                }
            }
            else if (IsClauseBreak(c, text, i))
            {
                EndClause(tokens, ref clauseStart);
            }

            i++;
        }

        if (tokens.Count > 0)
        {
            tokens[^1] = tokens[^1] with { ClauseEnd = true };
        }

        // A clause also starts after "and", "but", "because"...: "I'm hurt and you never call".
        for (var t = 1; t < tokens.Count; t++)
        {
            if (!tokens[t].SoftStart && tokens[t].Sentence == tokens[t - 1].Sentence && _clauseJoiners.Contains(tokens[t - 1].Text))
            {
                tokens[t] = tokens[t] with { SoftStart = true };
            }
        }

        return new TokenizedText(text, tokens.ToArray(), truncated);
    }

    private void AddWord(List<Token> tokens, string text, int start, int end, int sentence, bool clauseStart)
    {
        var word = string.Create(end - start, (text, start), static (span, state) =>
        {
            var source = state.text.AsSpan(state.start, span.Length);
            for (var k = 0; k < span.Length; k++)
            {
                var ch = source[k];
                span[k] = IsApostrophe(ch) ? '\'' : char.ToLowerInvariant(ch);
            }
        });

        if (_rewrites.TryGetValue(word, out var replacement))
        {
            for (var k = 0; k < replacement.Length; k++)
            {
                var first = k == 0 && clauseStart;
                tokens.Add(new Token(replacement[k], start, end, sentence, first, false, first));
            }

            return;
        }

        if (word.EndsWith("'s", StringComparison.Ordinal) && word.Length > 2)
        {
            // Possessives: "partner's" is about the partner.
            word = word[..^2];
        }

        tokens.Add(new Token(word, start, end, sentence, clauseStart, false, clauseStart));
    }

    private static void EndClause(List<Token> tokens, ref bool clauseStart)
    {
        if (tokens.Count > 0 && !clauseStart)
        {
            tokens[^1] = tokens[^1] with { ClauseEnd = true };
        }

        clauseStart = true;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or '\u2026' or '\n' or '\r';

    private static bool IsClauseBreak(char c, string text, int i) => c switch
    {
        ',' or ';' or ':' or '(' or ')' or '[' or ']' or '"' or '\u201C' or '\u201D' or '\u2014' or '\u2013' or '/' => true,
        // "check-in" and "eye-roll" are one thought; a free-standing dash breaks a clause.
        '-' => !(i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1])),
        _ => false,
    };
}
