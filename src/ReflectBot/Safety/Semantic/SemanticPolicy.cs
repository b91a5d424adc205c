namespace ReflectBot.Safety.Semantic;

/// <summary>
/// How the semantic classifier and the n-gram model decide together, on a message the rules left without a crisis.
/// p = weight × semantic + (1 − weight) × n-gram, per category. The two read a message differently (meaning against
/// wording), so where one is fooled ("give up sugar" shares words with "give up on life") the other pulls the mean
/// down, and where both lean the same way the mean is confident. The crisis probability (emergency + self-harm +
/// abuse + harm-to-others) at or above <see cref="CrisisThreshold"/> gives the likeliest crisis category, uncertain, so
/// the full crisis reply is shown; at or above <see cref="CheckInThreshold"/> a quiet verdict becomes a gentle check-in.
/// A rule's verdict is never lowered. Thresholds and weight are data (semantic.yaml), chosen by cross-validation.
/// </summary>
/// <param name="ModelFloor">
/// Below this n-gram crisis probability the n-gram model's own policy decides and the sentence embedding is never
/// computed: the cheap opinion is sure enough that the mix could at most reach a check-in on near-certainty from the
/// semantic side, which cross-validation showed never changed a verdict for the better (semantic.yaml).
/// </param>
public sealed record SemanticPolicy(float SemanticWeight, float CrisisThreshold, float CheckInThreshold, float ModelFloor = 0f)
{
    // Interned once, so a verdict allocates nothing and logs show the semantic opinion decided, without any text.
    private static readonly string[] RuleIds =
        [.. Enum.GetValues<SafetyCategory>().OrderBy(c => (int)c).Select(c => "semantic." + c.WireName())];

    /// <summary>The rule id a verdict of <paramref name="category"/> from this policy carries ("semantic.self-harm").</summary>
    public static string RuleIdFor(SafetyCategory category) => RuleIds[(int)category];

    /// <summary>True when the n-gram model alone settles the message (see <see cref="ModelFloor"/>).</summary>
    public bool NgramSettles(ReadOnlySpan<float> ngram) => SemanticClassifier.CrisisProbability(ngram) < ModelFloor;

    /// <summary>Writes the weighted mean of the two opinions into <paramref name="combined"/>.</summary>
    public void Mix(ReadOnlySpan<float> semantic, ReadOnlySpan<float> ngram, Span<float> combined)
    {
        for (var c = 0; c < SemanticClassifier.Classes; c++)
        {
            combined[c] = (SemanticWeight * semantic[c]) + ((1 - SemanticWeight) * ngram[c]);
        }
    }

    public ScreenResult Apply(ScreenResult rules, ReadOnlySpan<float> combined)
    {
        if (rules.IsCrisis)
        {
            return rules;
        }

        var crisis = SemanticClassifier.CrisisProbability(combined);
        if (crisis >= CrisisThreshold)
        {
            var best = SafetyCategory.Emergency;
            for (var c = 0; c < SemanticClassifier.Classes; c++)
            {
                var category = (SafetyCategory)c;
                if (category.IsCrisis() && combined[c] > combined[(int)best])
                {
                    best = category;
                }
            }

            return new ScreenResult(best, Uncertain: true, RuleIdFor(best));
        }

        if (rules.Category == SafetyCategory.None && crisis >= CheckInThreshold)
        {
            return new ScreenResult(SafetyCategory.CheckIn, Uncertain: true, RuleIdFor(SafetyCategory.CheckIn));
        }

        return rules;
    }
}
