using System.Globalization;

namespace ReflectBot.Understanding.Patterns;

internal sealed partial class TextNormaliser
{
    /// <summary>Longest word for which the one-letter form of stretched letters, or the typed apostrophe, is tried.</summary>
    private const int MaxStretchedWord = 48;

    /// <summary>Splits <paramref name="input"/> into tokens; <paramref name="text"/> needs input.Length chars, <paramref name="tokens"/> input.Length entries.</summary>
    public int Tokenise(ReadOnlySpan<char> input, Span<char> text, Span<Token> tokens)
    {
        // Locals rather than a state object: this loop runs once per character of every message.
        var length = 0;
        var count = 0;
        var clause = 0;
        var sentence = 0;
        var tokenStart = -1;
        var clausePending = false;
        var sentencePending = false;
        var run = 0;
        var previous = '\0';

        // A word as typed can become several tokens ("I'm" -> i m): each quotes all of it.
        var typedStart = -1;
        var typedFirstToken = 0;

        // The same word with every stretched letter cut to one ("dieeee" -> die), tried when the
        // two-letter form ("diee") is not a word the data knows.
        Span<char> single = stackalloc char[MaxStretchedWord];
        var singleLength = 0;
        var stretched = false;
        var singleOverflow = false;
        var apostropheAt = -1;

        // One step past the end, as if a space followed, so the last word ends in the one place words end.
        for (var i = 0; i <= input.Length; i++)
        {
            var c = i < input.Length ? input[i] : ' ';
            if (c is '`' or > '\u007F' && IsApostrophe(c))
            {
                c = '\'';
            }

            var letterOrDigit = char.IsLetterOrDigit(c);
            if (letterOrDigit || (tokenStart >= 0 && JoinsDigits(c, input, i)))
            {
                var lower = letterOrDigit ? char.ToLowerInvariant(c) : c;
                if (tokenStart < 0)
                {
                    if (typedStart < 0)
                    {
                        if (clausePending && count > 0)
                        {
                            clause++;
                        }

                        sentence += sentencePending ? 1 : 0;
                        clausePending = false;
                        sentencePending = false;
                        typedStart = i;
                        typedFirstToken = count;
                    }

                    tokenStart = length;
                    run = 0;
                    previous = '\0';
                    singleLength = 0;
                    stretched = false;
                    singleOverflow = false;
                    apostropheAt = -1;
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

            if (char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark)
            {
                // Zero-width joiners and combining marks: invisible, so they must not split a word.
                continue;
            }

            var split = false;
            if (c == '\'' && tokenStart >= 0 && i + 1 < input.Length && char.IsLetter(input[i + 1]))
            {
                if (!SplitsAtApostrophe(input[(i + 1)..]))
                {
                    // "don't", "he's", "o'clock": the apostrophe simply disappears, but "let's" may be a word of its own.
                    if (apostropheAt < 0 && _apostropheWords)
                    {
                        apostropheAt = length - tokenStart;
                    }

                    continue;
                }

                // "he'll", "I'm": the word splits, so the rewrites can expand the ending.
                split = true;
            }

            if (tokenStart >= 0)
            {
                var span = text[tokenStart..length];
                var id = WordId(span, stretched && !singleOverflow ? single[..singleLength] : [], apostropheAt, out var rewritten);
                ref var token = ref tokens[count++];
                token.Id = id;
                token.Start = rewritten ? -1 : tokenStart;
                token.Length = rewritten ? 0 : span.Length;
                token.Clause = clause;
                token.Sentence = sentence;
                token.SourceStart = typedStart;
                token.SourceEnd = i;
                tokenStart = -1;
            }

            if (split)
            {
                continue;
            }

            if (typedStart >= 0)
            {
                // A word typed as one that became several ("I'm" -> i m): every part quotes all of it.
                for (var t = typedFirstToken; t < count - 1; t++)
                {
                    tokens[t].SourceEnd = i;
                }

                typedStart = -1;
            }

            if (i < input.Length && _symbolWords && SymbolAt(input, i) is var symbolLength and > 0)
            {
                // An emoji or symbol the data names ("🙄") is a word; any other is a space.
                var id = _vocabulary.Lookup(input.Slice(i, symbolLength));
                if (id != Vocabulary.Unknown)
                {
                    clause += clausePending && count > 0 ? 1 : 0;
                    sentence += sentencePending ? 1 : 0;
                    (clausePending, sentencePending) = (false, false);
                    input.Slice(i, symbolLength).CopyTo(text[length..]);
                    tokens[count++] = new Token
                    {
                        Id = id, Start = length, Length = symbolLength, Clause = clause, Sentence = sentence, SourceStart = i, SourceEnd = i + symbolLength,
                    };
                    length += symbolLength;
                }

                i += symbolLength - 1;
                continue;
            }

            if (IsClauseBreak(c, input, i))
            {
                clausePending = true;
                sentencePending |= count > 0 && IsSentenceEnd(c);
            }
        }

        // Clause words ("but", "though") start a clause of their own, like punctuation.
        var shift = 0;
        for (var t = 0; t < count; t++)
        {
            if (t > 0 && _vocabulary.IsClauseWord(tokens[t].Id))
            {
                shift++;
            }

            tokens[t].Clause += shift;
        }

        return count;
    }

    /// <summary>The id of a word just read: as typed, then with its typed apostrophe, unstretched, or corrected (those count as rewritten).</summary>
    private int WordId(ReadOnlySpan<char> word, ReadOnlySpan<char> unstretched, int apostropheAt, out bool rewritten)
    {
        rewritten = true;
        if (apostropheAt >= 0 && WithApostrophe(word, apostropheAt) is var typed and not Vocabulary.Unknown)
        {
            return typed;
        }

        var id = _vocabulary.Lookup(word);
        if (id != Vocabulary.Unknown)
        {
            rewritten = false;
            return id;
        }

        if (!unstretched.IsEmpty && _vocabulary.Lookup(unstretched) is var single and not Vocabulary.Unknown)
        {
            return single;
        }

        var corrected = _typos.Correct(unstretched.IsEmpty ? word : unstretched);
        rewritten = corrected != Vocabulary.Unknown;
        return corrected;
    }

    /// <summary>The word with its typed apostrophe put back, when the data knows it that way ("let's"); else unknown.</summary>
    private int WithApostrophe(ReadOnlySpan<char> word, int at)
    {
        if (word.Length >= MaxStretchedWord)
        {
            return Vocabulary.Unknown;
        }

        Span<char> typed = stackalloc char[MaxStretchedWord];
        word[..at].CopyTo(typed);
        typed[at] = '\'';
        word[at..].CopyTo(typed[(at + 1)..]);
        return _vocabulary.Lookup(typed[..(word.Length + 1)]);
    }

    private static int SymbolAt(ReadOnlySpan<char> input, int i)
    {
        if (char.IsHighSurrogate(input[i]))
        {
            return i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]) ? 2 : 0;
        }

        return char.GetUnicodeCategory(input[i]) == UnicodeCategory.OtherSymbol ? 1 : 0;
    }
}
