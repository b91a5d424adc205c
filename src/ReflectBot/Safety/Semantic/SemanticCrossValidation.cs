using ReflectBot.Safety.Model;

namespace ReflectBot.Safety.Semantic;

/// <summary>
/// Stratified k-fold cross-validation of both learned opinions at once: for every labelled message, the n-gram model's
/// and the semantic classifier's probabilities from models that never saw it, beside the rules' verdict (the rules
/// have seen every message: their honest unseen figure is a dev batch's first sight). Policies are then scored on
/// these out-of-fold probabilities without retraining.
/// </summary>
public sealed class SemanticCrossValidation
{
    private SemanticCrossValidation(IReadOnlyList<TrainingMessage> set, OutOfFold[] messages)
    {
        Set = set;
        Messages = messages;
    }

    public IReadOnlyList<TrainingMessage> Set { get; }

    /// <summary>One entry per message of <see cref="Set"/>, in order.</summary>
    public IReadOnlyList<OutOfFold> Messages { get; }

    public static SemanticCrossValidation Run(
        CrisisScreener screener,
        IReadOnlyList<TrainingMessage> set,
        IReadOnlyList<float[]> vectors,
        TrainingOptions ngram,
        SemanticTraining semantic,
        int minWords,
        int folds,
        int seed)
    {
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

        var mask = (1 << ngram.HashBits) - 1;
        var features = set.Select(m => screener.Features(m.Text, mask)).ToArray();
        var labels = set.Select(m => (int)m.ReplyClass).ToArray();
        var ngramProbabilities = new float[set.Count][];
        var semanticProbabilities = new float[set.Count][];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, set.Count).Where(i => fold[i] != f).ToArray();
            var ngramModel = LinearModel.Train([.. train.Select(i => features[i])], [.. train.Select(i => labels[i])], ngram);
            var semanticModel = SemanticClassifier.Train([.. train.Select(i => vectors[i])], [.. train.Select(i => labels[i])], semantic);
            for (var i = 0; i < set.Count; i++)
            {
                if (fold[i] == f)
                {
                    ngramProbabilities[i] = new float[LinearModel.Classes];
                    ngramModel.Probabilities(features[i], ngramProbabilities[i]);
                    semanticProbabilities[i] = new float[SemanticClassifier.Classes];
                    semanticModel.Probabilities(vectors[i], semanticProbabilities[i]);
                }
            }
        }

        var messages = new OutOfFold[set.Count];
        for (var i = 0; i < set.Count; i++)
        {
            messages[i] = new OutOfFold(
                set[i],
                screener.ScreenRulesOnly(set[i].Text),
                screener.ModelMaySpeak(set[i].Text, minWords),
                ngramProbabilities[i],
                semanticProbabilities[i]);
        }

        return new SemanticCrossValidation(set, messages);
    }
}

/// <summary>One message's rules verdict and the out-of-fold probabilities of both learned opinions.</summary>
/// <param name="MaySpeak">The rules found no crisis and no denial, and the message has enough words for a model.</param>
public sealed record OutOfFold(TrainingMessage Message, ScreenResult Rules, bool MaySpeak, float[] Ngram, float[] Semantic);
