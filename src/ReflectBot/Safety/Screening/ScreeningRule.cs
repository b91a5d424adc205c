using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Safety.Screening;

/// <summary>One rule of screening.yaml: a category and the phrases that signal it.</summary>
/// <param name="NearFirstPerson">When above 0, a match only counts with "i"/"me"/"my" this many words either side, in its clause.</param>
/// <param name="SameClause">A match only counts when all its words sit in one clause (frame rules).</param>
internal sealed record ScreeningRule(int Index, string Id, SafetyCategory Category, int Group, bool Uncertain, int NearFirstPerson, bool SameClause);

/// <summary>Signals that together mean more than each alone (e.g. two coercive-control signs → abuse).</summary>
internal sealed record ScreeningCombination(string Id, SafetyCategory Category, (int Group, int AtLeast)[] Requirements)
{
    public bool IsMetBy(ReadOnlySpan<int> groupCounts)
    {
        foreach (var (group, atLeast) in Requirements)
        {
            if (groupCounts[group] < atLeast)
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed record ScreenerParts(
    Vocabulary Vocabulary,
    TextNormaliser Normaliser,
    ScreeningRule[] Rules,
    ScreeningCombination[] Combinations,
    int GroupCount,
    PatternIndex RulePatterns,
    PatternIndex Idioms,
    PatternIndex FrameEndIdioms,
    NegationCues Negation,
    HedgeCues Hedges);
