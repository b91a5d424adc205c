namespace ReflectBot.Understanding.Patterns;

internal sealed partial class TextNormaliser
{
    /// <summary>Longest word for which the one-letter form of stretched letters, or the typed apostrophe, is tried.</summary>
    private const int MaxStretchedWord = 48;

    /// <summary>Splits <paramref name="input"/> into tokens; <paramref name="text"/> needs input.Length chars, <paramref name="tokens"/> input.Length entries.</summary>
    public int Tokenise(ReadOnlySpan<char> input, Span<char> text, Span<Token> tokens)
    {
        // The same word with every stretched letter cut to one ("dieeee" -> die), tried when the
        // two-letter form ("diee") is not a word the data knows.
        Span<char> single = stackalloc char[MaxStretchedWord];
        var state = new Reader(text, tokens, single);

        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (IsApostrophe(c))
            {
                c = '\'';
            }

            if (char.IsLetterOrDigit(c))
            {
                state.AddLetter(char.ToLowerInvariant(c), i);
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // Zero-width joiners and combining marks: invisible, so they must not split a word.
                continue;
            }

            if (c == '\'' && state.InWord && i + 1 < input.Length && char.IsLetter(input[i + 1]))
            {
                if (SplitsAtApostrophe(input[(i + 1)..]))
                {
                    EndToken(ref state, i);
                }
                else
                {
                    // "don't", "he's", "o'clock": the apostrophe simply disappears (but "let's" may be a word of its own).
                    state.DropApostrophe(_vocabulary.HasApostropheWords);
                }

                continue;
            }

            if (state.InWord && JoinsDigits(c, input, i))
            {
                state.AddMark(c);
                continue;
            }

            EndToken(ref state, i);
            state.EndTypedWord(i);
            if (_vocabulary.HasSymbolWords && SymbolAt(input, i) is var length and > 0)
            {
                // An emoji or symbol the data names ("🙄") is a word; any other is a space.
                var id = _vocabulary.Lookup(input.Slice(i, length));
                if (id != Vocabulary.Unknown)
                {
                    state.AddSymbol(id, input.Slice(i, length), i);
                }

                i += length - 1;
                continue;
            }

            if (IsClauseBreak(c, input, i))
            {
                state.BreakClause(IsSentenceEnd(c));
            }
        }

        EndToken(ref state, input.Length);
        state.EndTypedWord(input.Length);
        var count = state.Count;

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

    private static int SymbolAt(ReadOnlySpan<char> input, int i)
    {
        if (char.IsHighSurrogate(input[i]))
        {
            return i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]) ? 2 : 0;
        }

        return char.GetUnicodeCategory(input[i]) == System.Globalization.UnicodeCategory.OtherSymbol ? 1 : 0;
    }

    /// <summary>Ends the word being read, if any: looks it up, then tries its unstretched form, the typed apostrophe, a typo.</summary>
    private void EndToken(ref Reader state, int end)
    {
        if (!state.InWord)
        {
            return;
        }

        var span = state.CurrentWord;
        var id = _vocabulary.Lookup(span);
        if (state.ApostropheAt >= 0 && span.Length < MaxStretchedWord)
        {
            Span<char> typed = stackalloc char[span.Length + 1];
            span[..state.ApostropheAt].CopyTo(typed);
            typed[state.ApostropheAt] = '\'';
            span[state.ApostropheAt..].CopyTo(typed[(state.ApostropheAt + 1)..]);
            if (_vocabulary.Lookup(typed) is var withApostrophe and not Vocabulary.Unknown)
            {
                state.EndWord(withApostrophe, rewritten: true, end);
                return;
            }
        }

        var unstretched = state.Unstretched;
        if (id == Vocabulary.Unknown && !unstretched.IsEmpty)
        {
            var single = _vocabulary.Lookup(unstretched);
            if (single != Vocabulary.Unknown)
            {
                state.EndWord(single, rewritten: true, end);
                return;
            }
        }

        if (id == Vocabulary.Unknown)
        {
            var corrected = _typos.Correct(unstretched.IsEmpty ? span : unstretched);
            if (corrected != Vocabulary.Unknown)
            {
                state.EndWord(corrected, rewritten: true, end);
                return;
            }
        }

        state.EndWord(id, rewritten: false, end);
    }

    /// <summary>Where tokenising stands: the word being read, the clause and sentence it belongs to.</summary>
    private ref struct Reader(Span<char> text, Span<Token> tokens, Span<char> single)
    {
        private readonly Span<char> _text = text;
        private readonly Span<Token> _tokens = tokens;
        private readonly Span<char> _single = single;
        private int _length;
        private int _clause;
        private int _sentence;
        private bool _clausePending;
        private bool _sentencePending;
        private int _tokenStart = -1;
        private int _typedStart = -1;
        private int _typedFirstToken;
        private int _run;
        private char _previous;
        private int _singleLength;
        private bool _stretched;
        private bool _singleOverflow;

        public int Count { get; private set; }

        public readonly bool InWord => _tokenStart >= 0;

        /// <summary>Where in the current word an apostrophe was dropped, when the data has words with one; else -1.</summary>
        public int ApostropheAt { get; private set; } = -1;

        public readonly ReadOnlySpan<char> CurrentWord => _text[_tokenStart.._length];

        public readonly ReadOnlySpan<char> Unstretched => _stretched && !_singleOverflow ? _single[.._singleLength] : [];

        public void AddLetter(char lower, int at)
        {
            if (_tokenStart < 0)
            {
                StartWord(at);
                _tokenStart = _length;
                _run = 0;
                _previous = '\0';
                _singleLength = 0;
                _stretched = false;
                _singleOverflow = false;
                ApostropheAt = -1;
            }

            _run = lower == _previous ? _run + 1 : 1;
            _previous = lower;

            // "soooo" and "pleeease": a third repeat of a letter is emphasis, not spelling.
            if (_run >= 3 && char.IsLetter(lower))
            {
                if (_run == 3 && _singleLength > 0)
                {
                    _singleLength--;
                    _stretched = true;
                }

                return;
            }

            AddMark(lower);
        }

        /// <summary>A character of the word as it is: a letter, or the ':' of "7:30".</summary>
        public void AddMark(char c)
        {
            if (_singleLength < _single.Length)
            {
                _single[_singleLength++] = c;
            }
            else
            {
                _singleOverflow = true;
            }

            _text[_length++] = c;
            if (!char.IsLetter(c))
            {
                _previous = c;
                _run = 1;
            }
        }

        public void DropApostrophe(bool remember)
        {
            if (remember && ApostropheAt < 0)
            {
                ApostropheAt = _length - _tokenStart;
            }
        }

        public void BreakClause(bool sentence)
        {
            _clausePending = true;
            _sentencePending |= sentence && Count > 0;
        }

        public void EndWord(int id, bool rewritten, int end)
        {
            _tokens[Count++] = new Token
            {
                Id = id,
                Start = rewritten ? -1 : _tokenStart,
                Length = rewritten ? 0 : _length - _tokenStart,
                Clause = _clause,
                Sentence = _sentence,
                SourceStart = _typedStart,
                SourceEnd = end,
            };
            _tokenStart = -1;
            ApostropheAt = -1;
        }

        /// <summary>After a word typed as one ("I'm" → i m), every part quotes all of it.</summary>
        public void EndTypedWord(int end)
        {
            if (_typedStart < 0)
            {
                return;
            }

            for (var t = _typedFirstToken; t < Count; t++)
            {
                _tokens[t].SourceStart = _typedStart;
                _tokens[t].SourceEnd = end;
            }

            _typedStart = -1;
        }

        public void AddSymbol(int id, ReadOnlySpan<char> symbol, int at)
        {
            StartWord(at);
            symbol.CopyTo(_text[_length..]);
            _tokens[Count++] = new Token
            {
                Id = id, Start = _length, Length = symbol.Length, Clause = _clause, Sentence = _sentence, SourceStart = at, SourceEnd = at + symbol.Length,
            };
            _length += symbol.Length;
            _typedStart = -1;
        }

        private void StartWord(int at)
        {
            if (_typedStart < 0)
            {
                if (_clausePending && Count > 0)
                {
                    _clause++;
                }

                if (_sentencePending)
                {
                    _sentence++;
                }

                _clausePending = false;
                _sentencePending = false;
                _typedStart = at;
                _typedFirstToken = Count;
            }
        }
    }
}
