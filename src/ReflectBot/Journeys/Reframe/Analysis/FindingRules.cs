using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// Runs the finding kinds' and step checks' patterns over a text with the shared pattern engine: each pattern is
/// tried where it could start, never past the end of the sentence, and keeps its preferred reading. Immutable
/// after construction and safe to share between threads.
/// </summary>
internal sealed class FindingRules
{
    private readonly RulePattern[] _patterns;
    private readonly PatternIndex _index;
    private readonly Vocabulary _vocabulary;

    public FindingRules(IReadOnlyList<RulePattern> patterns, Vocabulary vocabulary)
    {
        _patterns = [.. patterns];
        _vocabulary = vocabulary;
        _index = new PatternIndex([.. patterns.Select(p => p.Pattern)], vocabulary.Count);
    }

    /// <summary>
    /// All matches, resolved: per rule, overlapping matches keep the earliest and longest; then
    /// matches step aside for the rules named in their unless-lists. Sorted by position.
    /// </summary>
    public List<RuleMatch> Run(AnalysedText text)
    {
        var raw = new List<RuleMatch>();
        var whole = text.View;
        for (var position = 0; position < text.Tokens.Length; position++)
        {
            var sentence = whole.Until(text.SentenceEnd[position]);
            var candidates = _index.CandidatesAt(sentence, position);
            TryAll(candidates.ByWord, sentence, position, raw);
            TryAll(candidates.ByLetters, sentence, position, raw);
            TryAll(candidates.Always, sentence, position, raw);
        }

        return Resolve(raw);
    }

    private void TryAll(ReadOnlySpan<PhrasePattern> candidates, in MessageView sentence, int position, List<RuleMatch> raw)
    {
        foreach (var pattern in candidates)
        {
            var ends = EndSet.FirstOnly();
            pattern.Match(sentence, position, ref ends);
            if (ends.Count > 0 && ends[0] > position)
            {
                var rule = _patterns[pattern.Owner];
                raw.Add(new RuleMatch(rule.Rule, position, ends[0], sentence.Tokens[position].Sentence, _vocabulary.Term(ends.TermAt(0)), rule.HintKey ?? rule.Rule.HintKey));
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
}
