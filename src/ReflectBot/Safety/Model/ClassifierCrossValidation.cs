namespace ReflectBot.Safety.Model;

/// <summary>Figures for one policy on out-of-fold predictions. Crisis = emergency, self-harm, abuse, harm-to-others.</summary>
public sealed record CrossValidationFigures(
    int CrisisLabels,
    int CaughtByModelAlone,
    int CaughtByRulesAndModel,
    int NoneLabels,
    int FalseAlarms,
    int CheckInsOnNone,
    int CheckInLabels,
    int CheckInLabelsAnswered)
{
    public double ModelAloneRecall => (double)CaughtByModelAlone / CrisisLabels;

    public double CombinedRecall => (double)CaughtByRulesAndModel / CrisisLabels;

    public double FalseAlarmRate => (double)FalseAlarms / NoneLabels;

    public double CheckInRateOnNone => (double)CheckInsOnNone / NoneLabels;

    public override string ToString() =>
        $"crisis caught: model alone {CaughtByModelAlone}/{CrisisLabels} = {ModelAloneRecall:P1}, rules+model {CaughtByRulesAndModel}/{CrisisLabels} = {CombinedRecall:P1}; "
        + $"false alarms on none {FalseAlarms}/{NoneLabels} = {FalseAlarmRate:P1}; check-ins on none {CheckInsOnNone}/{NoneLabels} = {CheckInRateOnNone:P1}; "
        + $"check-in labels answered {CheckInLabelsAnswered}/{CheckInLabels}";
}

/// <summary>
/// Stratified k-fold cross-validation of the second opinion on the labelled set: each message is scored by a model
/// that never saw it. The rules cannot be refitted per fold, so in the "rules+model" figure the rules have seen every
/// message (their honest unseen figure is the dev batches' first sight); "model alone" is the model's own unseen figure.
/// False alarms and check-ins on none are counted for rules+model, as the bot would answer.
/// </summary>
public sealed class ClassifierCrossValidation
{
    private readonly IReadOnlyList<LabelledText> _set;
    private readonly ScreenResult[] _rules;
    private readonly float[][] _probabilities;
    private readonly bool[] _modelMaySpeak;

    private ClassifierCrossValidation(IReadOnlyList<LabelledText> set, ScreenResult[] rules, float[][] probabilities, bool[] modelMaySpeak)
    {
        _modelMaySpeak = modelMaySpeak;
        _set = set;
        _rules = rules;
        _probabilities = probabilities;
    }

    public static ClassifierCrossValidation Run(CrisisScreener screener, IReadOnlyList<LabelledText> set, TrainingOptions options, int minWords, int folds, int seed)
    {
        // Stratified: each label's messages are shuffled with the seed and dealt round the folds.
        var fold = new int[set.Count];
        var random = new Random(seed);
        foreach (var group in set.Select((m, i) => (m.Label, i)).GroupBy(x => x.Label).OrderBy(g => (int)g.Key))
        {
            var indices = group.Select(x => x.i).ToArray();
            random.Shuffle(indices);
            for (var k = 0; k < indices.Length; k++)
            {
                fold[indices[k]] = k % folds;
            }
        }

        var mask = (1 << options.HashBits) - 1;
        var features = set.Select(m => screener.Features(m.Text, mask)).ToArray();
        var labels = set.Select(m => (int)m.Label).ToArray();
        var probabilities = new float[set.Count][];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, set.Count).Where(i => fold[i] != f).ToArray();
            var model = LinearModel.Train([.. train.Select(i => features[i])], [.. train.Select(i => labels[i])], options);
            for (var i = 0; i < set.Count; i++)
            {
                if (fold[i] == f)
                {
                    probabilities[i] = new float[LinearModel.Classes];
                    model.Probabilities(features[i], probabilities[i]);
                }
            }
        }

        var rules = set.Select(m => screener.ScreenRulesOnly(m.Text)).ToArray();
        var maySpeak = set.Select(m => screener.ModelMaySpeak(m.Text, minWords)).ToArray();
        return new ClassifierCrossValidation(set, rules, probabilities, maySpeak);
    }

    /// <summary>Out-of-fold verdicts of rules + model for every message, in set order.</summary>
    public IReadOnlyList<(LabelledText Message, ScreenResult Rules, ScreenResult Combined, ScreenResult ModelAlone)> Verdicts(SecondOpinionPolicy policy) =>
        [.. _set.Select((m, i) => (
            m,
            _rules[i],
            _modelMaySpeak[i] ? policy.Apply(_rules[i], _probabilities[i]) : _rules[i],
            policy.Apply(ScreenResult.None, _probabilities[i])))];

    public CrossValidationFigures Score(SecondOpinionPolicy policy)
    {
        int crisis = 0, alone = 0, combined = 0, none = 0, alarms = 0, checkIns = 0, checkInLabels = 0, checkInAnswered = 0;
        foreach (var (message, _, verdict, modelAlone) in Verdicts(policy))
        {
            if (message.Label.IsCrisis())
            {
                crisis++;
                alone += modelAlone.IsCrisis ? 1 : 0;
                combined += verdict.IsCrisis ? 1 : 0;
            }
            else if (message.Label == SafetyCategory.None)
            {
                none++;
                alarms += verdict.IsCrisis ? 1 : 0;
                checkIns += verdict.Category == SafetyCategory.CheckIn ? 1 : 0;
            }
            else
            {
                checkInLabels++;
                checkInAnswered += verdict.Category != SafetyCategory.None ? 1 : 0;
            }
        }

        return new CrossValidationFigures(crisis, alone, combined, none, alarms, checkIns, checkInLabels, checkInAnswered);
    }
}
