namespace ReflectBot.Safety.Model;

/// <summary>
/// When the classifier may add caution to the rules' verdict. Thresholds are data (classifier.yaml).
/// </summary>
/// <param name="CrisisThreshold">Crisis probability at or above which a quiet or check-in verdict becomes the model's crisis category.</param>
/// <param name="CheckInThreshold">Crisis probability at or above which a quiet verdict becomes a gentle check-in.</param>
public sealed record SecondOpinionPolicy(float CrisisThreshold, float CheckInThreshold)
{
    // Interned once, so a model verdict allocates nothing and logs say what decided without any text.
    private static readonly string[] RuleIds =
        [.. Enum.GetValues<SafetyCategory>().OrderBy(c => (int)c).Select(c => "model." + c.WireName())];

    /// <summary>The rule id a model verdict of <paramref name="category"/> carries ("model.self-harm").</summary>
    public static string RuleIdFor(SafetyCategory category) => RuleIds[(int)category];

    /// <summary>
    /// Rules decide first and a rule's crisis verdict is final: the model only ever adds caution.
    /// A crisis probability (sum over emergency, self-harm, abuse, harm-to-others) of at least
    /// <see cref="CrisisThreshold"/> gives the likeliest crisis category, uncertain, so the full crisis reply is shown
    /// (a needless crisis reply costs far less than a missed one); at least <see cref="CheckInThreshold"/> turns silence
    /// into an uncertain check-in. A rule's check-in is kept below the crisis threshold.
    /// </summary>
    public ScreenResult Apply(ScreenResult rules, ReadOnlySpan<float> probabilities)
    {
        if (rules.IsCrisis)
        {
            return rules;
        }

        var crisis = 0f;
        var best = SafetyCategory.None;
        var bestProbability = -1f;
        for (var c = 0; c < probabilities.Length; c++)
        {
            var category = (SafetyCategory)c;
            if (category.IsCrisis())
            {
                crisis += probabilities[c];
                if (probabilities[c] > bestProbability)
                {
                    bestProbability = probabilities[c];
                    best = category;
                }
            }
        }

        if (crisis >= CrisisThreshold)
        {
            return new ScreenResult(best, Uncertain: true, RuleIdFor(best));
        }

        if (rules.Category == SafetyCategory.None && crisis >= CheckInThreshold)
        {
            return new ScreenResult(SafetyCategory.CheckIn, Uncertain: true, RuleIdFor(SafetyCategory.CheckIn));
        }

        return rules;
    }
}

/// <summary>Everything in classifier.yaml.</summary>
public sealed record ClassifierSettings(string TrainingSet, TrainingOptions Training, SecondOpinionPolicy Policy, int MinWords);

/// <summary>The trained model and the policy that applies it, held by <see cref="CrisisScreener"/>.</summary>
internal sealed class SecondOpinion(LinearModel model, SecondOpinionPolicy policy, int minWords, int trainingMessages, TimeSpan trainingTime)
{
    /// <summary>Messages with fewer normalised words are left to the rules.</summary>
    public int MinWords { get; } = minWords;

    public LinearModel Model { get; } = model;

    public SecondOpinionPolicy Policy { get; } = policy;

    public int TrainingMessages { get; } = trainingMessages;

    public TimeSpan TrainingTime { get; } = trainingTime;
}
