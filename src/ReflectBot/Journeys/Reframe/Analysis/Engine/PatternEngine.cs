namespace ReflectBot.Journeys.Reframe.Analysis.Engine;

/// <summary>
/// Runs a fixed set of compiled patterns over tokenised text. Patterns are indexed by the words
/// they can start with, so each token only tries the few patterns that could begin there.
/// Immutable after construction and safe to share between threads.
/// </summary>
internal sealed class PatternEngine
{
    private readonly Dictionary<string, Pattern[]> _byFirstWord;
    private readonly Pattern[] _unindexed;

    public PatternEngine(IEnumerable<Pattern> patterns)
    {
        var byFirst = new Dictionary<string, List<Pattern>>(StringComparer.Ordinal);
        var unindexed = new List<Pattern>();
        foreach (var pattern in patterns)
        {
            var first = FirstWords(pattern.Elements, 0);
            if (first is null)
            {
                unindexed.Add(pattern);
                continue;
            }

            foreach (var word in first)
            {
                if (!byFirst.TryGetValue(word, out var list))
                {
                    byFirst[word] = list = new List<Pattern>();
                }

                if (!list.Contains(pattern))
                {
                    list.Add(pattern);
                }
            }
        }

        _byFirstWord = byFirst.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _unindexed = unindexed.ToArray();
    }

    /// <summary>Words a match can start with, or null when any word could start one.</summary>
    private static HashSet<string>? FirstWords(Element[] elements, int index)
    {
        if (index >= elements.Length)
        {
            return null;
        }

        var element = elements[index];
        if (element is AnchorElement or LookaheadElement)
        {
            return FirstWords(elements, index + 1);
        }

        if (element is not WordsElement { Negated: false } words)
        {
            return null;
        }

        var set = new HashSet<string>(words.Words.FirstWords, StringComparer.Ordinal);
        if (!element.Optional)
        {
            return set;
        }

        var rest = FirstWords(elements, index + 1);
        if (rest is null)
        {
            return null;
        }

        set.UnionWith(rest);
        return set;
    }

    /// <summary>
    /// All matches, resolved: per rule, overlapping matches keep the earliest and longest; then
    /// matches step aside for the rules named in their unless-lists. Sorted by position.
    /// </summary>
    public List<RuleMatch> Run(TokenizedText text)
    {
        var raw = new List<RuleMatch>();
        var tokens = text.Tokens;
        var matcher = new Matcher(tokens);
        for (var pos = 0; pos < tokens.Length; pos++)
        {
            matcher.Limit = text.SentenceEnd[pos];
            matcher.SentenceStart = pos == 0 || tokens[pos - 1].Sentence != tokens[pos].Sentence ? pos : matcher.SentenceStart;
            if (_byFirstWord.TryGetValue(tokens[pos].Text, out var candidates))
            {
                TryAll(candidates, pos, matcher, raw, tokens);
            }

            TryAll(_unindexed, pos, matcher, raw, tokens);
        }

        return Resolve(raw);
    }

    private static void TryAll(Pattern[] candidates, int pos, Matcher matcher, List<RuleMatch> raw, Token[] tokens)
    {
        foreach (var pattern in candidates)
        {
            if (matcher.TryMatch(pattern.Elements, pos, out var first, out var end, out var term))
            {
                raw.Add(new RuleMatch(pattern.Rule, first, end, tokens[first].Sentence, term, pattern.HintKey ?? pattern.Rule.HintKey));
            }
        }
    }

    private static List<RuleMatch> Resolve(List<RuleMatch> raw)
    {
        raw.Sort(static (a, b) => a.First != b.First ? a.First.CompareTo(b.First) : b.End.CompareTo(a.End));

        // Earliest-longest per rule: "every single time" wins over "every time" inside it.
        // Sorted by start, so a match overlaps an earlier one of its rule iff it starts before
        // the furthest end that rule has reached.
        var kept = new List<RuleMatch>(raw.Count);
        var reach = new Dictionary<Rule, int>();
        foreach (var match in raw)
        {
            if (reach.TryGetValue(match.Rule, out var end) && match.First < end)
            {
                continue;
            }

            reach[match.Rule] = match.End;
            kept.Add(match);
        }

        // Stepping aside only ever looks within one sentence, and sentences are contiguous here.
        var result = new List<RuleMatch>(kept.Count);
        var from = 0;
        while (from < kept.Count)
        {
            var to = from;
            while (to < kept.Count && kept[to].Sentence == kept[from].Sentence)
            {
                to++;
            }

            for (var i = from; i < to; i++)
            {
                if (!SteppedAside(kept[i], kept, from, to))
                {
                    result.Add(kept[i]);
                }
            }

            from = to;
        }

        return result;
    }

    private static bool SteppedAside(RuleMatch match, List<RuleMatch> sentence, int from, int to)
    {
        var rule = match.Rule;
        if (rule.UnlessOverlapping.Count == 0 && rule.UnlessInSentence.Count == 0 && rule.OnlyWithInSentence.Count == 0)
        {
            return false;
        }

        var companion = rule.OnlyWithInSentence.Count == 0;
        for (var i = from; i < to; i++)
        {
            var other = sentence[i];
            if (other.Rule == rule)
            {
                continue;
            }

            if (rule.UnlessOverlapping.Contains(other.Rule) && other.Overlaps(match))
            {
                return true;
            }

            if (rule.UnlessInSentence.Contains(other.Rule))
            {
                return true;
            }

            companion |= rule.OnlyWithInSentence.Contains(other.Rule);
        }

        return !companion;
    }

    /// <summary>Backtracking matcher over one pattern; reused across positions to avoid allocation.</summary>
    private sealed class Matcher(Token[] tokens)
    {
        private Element[] _elements = [];
        private int _first;
        private int _end;
        private string? _term;

        public int Limit;
        public int SentenceStart;

        public bool TryMatch(Element[] elements, int pos, out int first, out int end, out string? term)
        {
            _elements = elements;
            _first = -1;
            _end = -1;
            _term = null;
            var ok = Match(0, pos) && _first >= 0 && _end > _first;
            first = _first;
            end = _end;
            term = _term;
            return ok;
        }

        private bool Match(int e, int pos)
        {
            if (e == _elements.Length)
            {
                _end = pos;
                return true;
            }

            var element = _elements[e];
            switch (element)
            {
                case AnchorElement anchor:
                    return AnchorHolds(anchor.Kind, pos) && Match(e + 1, pos);

                case LookaheadElement ahead:
                    return pos < Limit && ahead.Words.ContainsWord(tokens[pos].Text) && Match(e + 1, pos);

                case GapElement gap:
                    for (var k = 0; k <= gap.Max && pos + k <= Limit; k++)
                    {
                        if (k == 0 ? Match(e + 1, pos) : Consume(e, pos, pos + k, null))
                        {
                            return true;
                        }
                    }

                    return false;

                case WordsElement words:
                    if (words.Negated)
                    {
                        if (pos < Limit && !words.Words.ContainsWord(tokens[pos].Text) && Consume(e, pos, pos + 1, null))
                        {
                            return true;
                        }
                    }
                    else if (Walk(words.Words.Root, e, pos, pos))
                    {
                        return true;
                    }

                    break;

                case SuffixElement suffix:
                    if (pos < Limit)
                    {
                        var text = tokens[pos].Text;
                        if (text.Length >= suffix.Suffix.Length + 2 && text.EndsWith(suffix.Suffix, StringComparison.Ordinal) && Consume(e, pos, pos + 1, null))
                        {
                            return true;
                        }
                    }

                    break;

                case NumberElement:
                    if (pos < Limit && char.IsAsciiDigit(tokens[pos].Text[0]) && Consume(e, pos, pos + 1, null))
                    {
                        return true;
                    }

                    break;

                case AnyWordElement:
                    if (pos < Limit && Consume(e, pos, pos + 1, null))
                    {
                        return true;
                    }

                    break;
            }

            return element.Optional && Match(e + 1, pos);
        }

        /// <summary>Follows the trie as far as the tokens allow, then tries the rest longest-first.</summary>
        private bool Walk(PhraseTrie.Node node, int e, int start, int pos)
        {
            if (pos < Limit && node.Next is not null && node.Next.TryGetValue(tokens[pos].Text, out var child) && Walk(child, e, start, pos + 1))
            {
                return true;
            }

            // Optional words are modifiers ("so", "really"); the term is what the pattern is about.
            return node.Terminal && pos > start && Consume(e, start, pos, _elements[e].Optional ? null : node.Term);
        }

        private bool Consume(int e, int from, int to, string? term)
        {
            var saved = _first;
            if (_first < 0)
            {
                _first = from;
            }

            if (Match(e + 1, to))
            {
                // Set while unwinding, so the right-most list word (the feeling, the faux feeling) wins.
                _term ??= term;
                return true;
            }

            _first = saved;
            return false;
        }

        private bool AnchorHolds(AnchorKind kind, int pos) => kind switch
        {
            AnchorKind.ClauseStart => pos < Limit && tokens[pos].ClauseStart,
            AnchorKind.SoftStart => pos < Limit && tokens[pos].SoftStart,
            AnchorKind.ClauseEnd => pos == Limit || (pos > SentenceStart && tokens[pos - 1].ClauseEnd),
            _ => false,
        };
    }
}
