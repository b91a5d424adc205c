using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Safety;

/// <summary>How the rules reach a verdict on one normalised message (the steps are listed on <see cref="CrisisScreener"/>).</summary>
public sealed partial class CrisisScreener
{
    private ScreenResult Decide(in MessageView message, out bool denial)
    {
        // A sign counts towards its group once per pattern (the same sign twice is still one sign) and only
        // when it does not overlap the last sign counted (two patterns reading the same words are one sign).
        var patternCount = _rulePatterns.All.Count;
        Span<bool> counted = patternCount <= 2048 ? stackalloc bool[patternCount] : new bool[patternCount];
        Span<int> groupCounts = _groupCount <= 64 ? stackalloc int[_groupCount] : new int[_groupCount];
        Span<int> groupCountedUpTo = _groupCount <= 64 ? stackalloc int[_groupCount] : new int[_groupCount];
        var verdict = new Verdict();

        // Which vocabulary words occur at all, so a pattern whose anchor words are absent is skipped
        // once per message (0 = not yet known, 1 = possible, 2 = impossible).
        var presentWords = (_vocabulary.Count + 63) >> 6;
        Span<ulong> present = presentWords <= 1024 ? stackalloc ulong[presentWords] : new ulong[presentWords];
        foreach (ref readonly var token in message.Tokens)
        {
            if (token.Id >= 0)
            {
                present[token.Id >> 6] |= 1UL << (token.Id & 63);
            }
        }

        Span<byte> possible = patternCount <= 2048 ? stackalloc byte[patternCount] : new byte[patternCount];
        var filter = new AnchorFilter(present, possible);

        for (var position = 0; position < message.Count; position++)
        {
            var candidates = _rulePatterns.CandidatesAt(message, position);
            TryPatterns(candidates.ByWord, message, position, counted, groupCounts, groupCountedUpTo, ref filter, ref verdict);
            TryPatterns(candidates.ByLetters, message, position, counted, groupCounts, groupCountedUpTo, ref filter, ref verdict);
            TryPatterns(candidates.Always, message, position, counted, groupCounts, groupCountedUpTo, ref filter, ref verdict);
        }

        foreach (var combination in _combinations)
        {
            if (combination.IsMetBy(groupCounts))
            {
                verdict.Offer(combination.Category, uncertain: false, combination.Id);
            }
        }

        denial = verdict.IsDenial;
        return verdict.Result;
    }

    private void TryPatterns(
        ReadOnlySpan<PhrasePattern> patterns,
        in MessageView message,
        int start,
        Span<bool> counted,
        Span<int> groupCounts,
        Span<int> groupCountedUpTo,
        ref AnchorFilter filter,
        ref Verdict verdict)
    {
        foreach (var pattern in patterns)
        {
            if (!filter.CanMatch(pattern))
            {
                continue;
            }

            var ends = new EndSet();
            pattern.Match(message, start, ref ends);
            if (ends.Count == 0)
            {
                continue;
            }

            var rule = _rules[pattern.Owner];
            var end = FirstEndNotCoveredByIdiom(message, start, ends, rule.SameClause);
            if (end < 0)
            {
                continue;
            }

            if (rule.NearFirstPerson > 0 && !IsNearFirstPerson(message, start, end, rule.NearFirstPerson))
            {
                continue;
            }

            if (IsNegated(message, start))
            {
                // A denied crisis phrase still earns a gentle question; a denied check-in phrase does not.
                if (rule.Category.IsCrisis())
                {
                    verdict.Offer(SafetyCategory.CheckIn, uncertain: true, rule.Id, denial: true);
                }

                continue;
            }

            if (rule.Group >= 0 && !counted[pattern.Index] && start >= groupCountedUpTo[rule.Group])
            {
                counted[pattern.Index] = true;
                groupCounts[rule.Group]++;
                groupCountedUpTo[rule.Group] = end;
            }

            if (rule.Category != SafetyCategory.None)
            {
                verdict.Offer(rule.Category, rule.Uncertain || IsHedged(message, start, end), rule.Id);
            }
        }
    }

    private int FirstEndNotCoveredByIdiom(in MessageView message, int start, in EndSet ends, bool sameClause)
    {
        for (var i = 0; i < ends.Count; i++)
        {
            if (sameClause && message.Tokens[ends[i] - 1].Clause != message.Tokens[start].Clause)
            {
                continue;
            }

            if (!IsCoveredByIdiom(message, start, ends[i], frame: sameClause))
            {
                return ends[i];
            }
        }

        return -1;
    }

    /// <summary>
    /// An idiom excludes a match only when it spans all of it, so "afraid of him leaving" cannot hide "hitting me" beside it.
    /// A frame match (a same_clause rule) is also excluded by a covers_frame_ends idiom that starts inside it and runs
    /// to its end: a frame's last words are its risk concept and target ("hurt her" in "I want to hurt her feelings"),
    /// and frames only add to the phrase rules, which still read the text as before.
    /// </summary>
    private bool IsCoveredByIdiom(in MessageView message, int start, int end, bool frame)
    {
        var earliest = Math.Max(0, end - _idioms.MaxWidth);
        for (var p = start; p >= earliest; p--)
        {
            if (_idioms.AnyMatchAt(message, p, end, int.MaxValue))
            {
                return true;
            }
        }

        if (frame)
        {
            for (var p = end - 1; p > start; p--)
            {
                if (_frameEndIdioms.AnyMatchAt(message, p, end, int.MaxValue))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A negation cue ending at most max_gap words before the match, in the same clause, that is not a look-alike ("can't stop").</summary>
    private bool IsNegated(in MessageView message, int start)
    {
        var clause = message.Tokens[start].Clause;
        var earliest = Math.Max(0, start - _negationMaxGap - _negationCues.MaxWidth);
        for (var cue = start - 1; cue >= earliest; cue--)
        {
            if (message.Tokens[cue].Clause != clause)
            {
                break;
            }

            if (_negationCues.AnyMatchAt(message, cue, start - _negationMaxGap, start) && !IsLookAlikeNegation(message, cue))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsLookAlikeNegation(in MessageView message, int cue)
    {
        var earliest = Math.Max(0, cue - _notNegations.MaxWidth + 1);
        for (var p = cue; p >= earliest; p--)
        {
            if (_notNegations.AnyMatchAt(message, p, cue + 1, int.MaxValue))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNearFirstPerson(in MessageView message, int start, int end, int distance)
    {
        var clause = message.Tokens[start].Clause;
        var first = Math.Max(0, start - distance);
        var last = Math.Min(message.Count - 1, end - 1 + distance);
        for (var p = first; p <= last; p++)
        {
            if (message.Tokens[p].Clause == clause && message.IsFirstPersonWord(p))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsHedged(in MessageView message, int start, int end)
    {
        var first = Math.Max(0, start - _hedgeWindow);
        var last = Math.Min(message.Count - 1, end - 1 + _hedgeWindow);
        for (var p = first; p <= last; p++)
        {
            if (_hedges.AnyMatchAt(message, p, 0, int.MaxValue))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Per message: can a pattern match at all, judged once from its anchor words (see <see cref="PhrasePattern.AnchorIds"/>).</summary>
    private ref struct AnchorFilter(Span<ulong> present, Span<byte> possible)
    {
        private readonly Span<ulong> _present = present;
        private readonly Span<byte> _possible = possible;

        public readonly bool CanMatch(PhrasePattern pattern)
        {
            if (pattern.AnchorIds is not { } anchors)
            {
                return true;
            }

            ref var state = ref _possible[pattern.Index];
            if (state == 0)
            {
                state = 2;
                foreach (var id in anchors)
                {
                    if ((_present[id >> 6] & (1UL << (id & 63))) != 0)
                    {
                        state = 1;
                        break;
                    }
                }
            }

            return state == 1;
        }
    }

    /// <summary>The best candidate so far: most severe, then certain over uncertain, then first seen.</summary>
    private struct Verdict
    {
        private int _severity;
        private SafetyCategory _category;
        private bool _uncertain;
        private string? _ruleId;

        /// <summary>The verdict is a check-in because a crisis phrase was denied ("I don't want to die").</summary>
        public readonly bool IsDenial => _denial;

        private bool _denial;

        public readonly ScreenResult Result =>
            _severity == 0 ? ScreenResult.None : new ScreenResult(_category, _uncertain, _ruleId);

        public void Offer(SafetyCategory category, bool uncertain, string ruleId, bool denial = false)
        {
            var severity = category.Severity();
            if (severity > _severity || (severity == _severity && _uncertain && !uncertain))
            {
                _severity = severity;
                _category = category;
                _uncertain = uncertain;
                _ruleId = ruleId;
                _denial = denial;
            }
        }
    }
}
