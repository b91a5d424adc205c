namespace ReflectBot.Understanding.Patterns;

/// <summary>A rewrite from screening.yaml: a spelling, slang word or contraction and its canonical words.</summary>
internal sealed record Rewrite(int[] From, int[] To);

/// <summary>
/// Turns raw message text into canonical words, once per message and without allocating:
/// lower-case; typographic apostrophes folded; "don't" → dont, "I'm" → i m (then rewritten to i am);
/// letters stretched three or more times cut to two ("sooooo" → soo); emoji, symbols and punctuation
/// become word breaks, and . , ; : ! ? ( ) dashes and line breaks also end a clause; invisible format
/// characters vanish. A word the data does not know that is one typing slip from a typo-tolerant risk word
/// becomes that word (<see cref="TypoCorrector"/>). Then the data's rewrites map misspellings and slang to
/// canonical words.
/// </summary>
internal sealed class TextNormaliser(Vocabulary vocabulary, Rewrite[][] rewritesByFirstWord, int longestRewriteOutput, TypoCorrector typos)
{
    /// <summary>How many tokens <see cref="Rewrite"/> can produce from <paramref name="tokenCount"/> tokens at most.</summary>
    public int MaxRewrittenCount(int tokenCount) => tokenCount * Math.Max(1, longestRewriteOutput);

    /// <summary>Splits <paramref name="input"/> into tokens; <paramref name="text"/> needs input.Length chars, <paramref name="tokens"/> input.Length entries.</summary>
    public int Tokenise(ReadOnlySpan<char> input, Span<char> text, Span<Token> tokens)
    {
        var length = 0;
        var count = 0;
        var clause = 0;
        var tokenStart = -1;
        var breakPending = false;
        var run = 0;
        var previous = '\0';

        // The same word with every stretched letter cut to one ("dieeee" -> die), tried when the
        // two-letter form ("diee") is not a word the data knows.
        Span<char> single = stackalloc char[MaxStretchedWord];
        var singleLength = 0;
        var stretched = false;
        var singleOverflow = false;

        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c is '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4' or '\u2032' or '\uFF07')
            {
                c = '\'';
            }

            if (char.IsLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                if (tokenStart < 0)
                {
                    if (breakPending && count > 0)
                    {
                        clause++;
                    }

                    breakPending = false;
                    tokenStart = length;
                    run = 0;
                    previous = '\0';
                    singleLength = 0;
                    stretched = false;
                    singleOverflow = false;
                }

                run = lower == previous ? run + 1 : 1;
                previous = lower;

                // "soooo" and "pleeease": a third repeat of a letter is emphasis, not spelling.
                if (run >= 3 && char.IsLetter(lower))
                {
                    if (run == 3 && singleLength > 0)
                    {
                        singleLength--;
                        stretched = true;
                    }

                    continue;
                }

                if (singleLength < MaxStretchedWord)
                {
                    single[singleLength++] = lower;
                }
                else
                {
                    singleOverflow = true;
                }

                text[length++] = lower;
                continue;
            }

            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                // Zero-width joiners and marks: invisible, so they must not split a word.
                continue;
            }

            if (c == '\'' && tokenStart >= 0 && i + 1 < input.Length && char.IsLetter(input[i + 1]))
            {
                if (SplitsAtApostrophe(input[(i + 1)..]))
                {
                    count = EndToken(text, tokens, count, ref tokenStart, length, clause, stretched && !singleOverflow ? single[..singleLength] : []);
                }

                // Otherwise "don't", "he's", "o'clock": the apostrophe simply disappears.
                continue;
            }

            count = EndToken(text, tokens, count, ref tokenStart, length, clause, stretched && !singleOverflow ? single[..singleLength] : []);
            if (IsClauseBreak(c, input, i))
            {
                breakPending = true;
            }
        }

        count = EndToken(text, tokens, count, ref tokenStart, length, clause, stretched && !singleOverflow ? single[..singleLength] : []);

        // Clause words ("but", "though") start a clause of their own, like punctuation.
        var shift = 0;
        for (var t = 0; t < count; t++)
        {
            if (t > 0 && vocabulary.IsClauseWord(tokens[t].Id))
            {
                shift++;
            }

            tokens[t].Clause += shift;
        }

        return count;
    }

    /// <summary>Applies the data's rewrites, longest match first, in one left-to-right pass.</summary>
    public int Rewrite(ReadOnlySpan<Token> input, Span<Token> output)
    {
        var count = 0;
        var i = 0;
        while (i < input.Length)
        {
            var id = input[i].Id;
            Rewrite? applied = null;
            if (id >= 0 && id < rewritesByFirstWord.Length)
            {
                foreach (var rewrite in rewritesByFirstWord[id])
                {
                    if (Matches(rewrite.From, input, i))
                    {
                        applied = rewrite;
                        break;
                    }
                }
            }

            if (applied is null)
            {
                output[count++] = input[i++];
                continue;
            }

            var clause = input[i].Clause;
            foreach (var to in applied.To)
            {
                output[count++] = new Token { Id = to, Start = -1, Length = 0, Clause = clause };
            }

            i += applied.From.Length;
        }

        return count;
    }

    private static bool Matches(int[] from, ReadOnlySpan<Token> input, int at)
    {
        if (at + from.Length > input.Length)
        {
            return false;
        }

        var clause = input[at].Clause;
        for (var k = 0; k < from.Length; k++)
        {
            if (input[at + k].Id != from[k] || input[at + k].Clause != clause)
            {
                return false;
            }
        }

        return true;
    }

    private int EndToken(Span<char> text, Span<Token> tokens, int count, ref int tokenStart, int length, int clause, ReadOnlySpan<char> unstretched)
    {
        if (tokenStart < 0)
        {
            return count;
        }

        var span = text[tokenStart..length];
        var id = vocabulary.Lookup(span);
        if (id == Vocabulary.Unknown && !unstretched.IsEmpty)
        {
            var single = vocabulary.Lookup(unstretched);
            if (single != Vocabulary.Unknown)
            {
                tokens[count] = new Token { Id = single, Start = -1, Length = 0, Clause = clause };
                tokenStart = -1;
                return count + 1;
            }
        }

        if (id == Vocabulary.Unknown)
        {
            var corrected = typos.Correct(unstretched.IsEmpty ? span : unstretched);
            if (corrected != Vocabulary.Unknown)
            {
                tokens[count] = new Token { Id = corrected, Start = -1, Length = 0, Clause = clause };
                tokenStart = -1;
                return count + 1;
            }
        }

        tokens[count] = new Token { Id = id, Start = tokenStart, Length = span.Length, Clause = clause };
        tokenStart = -1;
        return count + 1;
    }

    /// <summary>Longest word for which the one-letter form of stretched letters is tried.</summary>
    private const int MaxStretchedWord = 48;

    /// <summary>"he'll", "I'd", "I'm", "you're", "I've" split so the rewrites can expand the ending.</summary>
    private static bool SplitsAtApostrophe(ReadOnlySpan<char> rest)
    {
        var end = 0;
        while (end < rest.Length && char.IsLetter(rest[end]))
        {
            end++;
        }

        var suffix = rest[..end];
        return suffix.Equals("ll", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("d", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("m", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("re", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("ve", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsClauseBreak(char c, ReadOnlySpan<char> input, int i) => c switch
    {
        '.' or ',' or ';' or ':' or '!' or '?' or '\n' or '\r' or '(' or ')' or '\u2026' or '\u2013' or '\u2014' => true,
        // A hyphen between spaces is a dash ("fine - not really"); inside a word ("self-harm") it is not.
        '-' => (i == 0 || char.IsWhiteSpace(input[i - 1])) && (i + 1 >= input.Length || char.IsWhiteSpace(input[i + 1])),
        _ => false,
    };
}
