using System.Diagnostics;
using ReflectBot.Content;
using ReflectBot.Safety.Model;

namespace ReflectBot.Safety;

public sealed partial class CrisisScreener
{
    /// <summary>The classifier's settings, relative to the content root. Without this file the screener runs on rules alone.</summary>
    public const string ClassifierRelativePath = "safety/classifier.yaml";

    /// <summary>
    /// Reads classifier.yaml and trains the second opinion on the labelled set it names. Training happens here, at
    /// start-up, rather than at build time: the labelled set stays the single source of truth (no weights file to
    /// forget to regenerate), and with a fixed seed the same files always give the same verdicts.
    /// </summary>
    private void AttachModel(string contentRoot)
    {
        var settingsPath = Path.Combine(contentRoot, ClassifierRelativePath);
        if (!File.Exists(settingsPath))
        {
            return;
        }

        var settings = ReadClassifierSettings(ContentNode.Load(settingsPath, ClassifierRelativePath));
        var setRelative = Path.Combine(Path.GetDirectoryName(ClassifierRelativePath)!, settings.TrainingSet);
        var set = LabelledSet.Read(Path.Combine(contentRoot, setRelative), setRelative);
        var clock = Stopwatch.StartNew();
        var model = TrainModel(set, settings.Training);
        _secondOpinion = new SecondOpinion(model, settings.Policy, settings.MinWords, set.Count, clock.Elapsed);
    }

    /// <summary>Trains a model on <paramref name="set"/> with this screener's normaliser (also used by cross-validation).</summary>
    internal LinearModel TrainModel(IReadOnlyList<LabelledText> set, TrainingOptions options)
    {
        var mask = (1 << options.HashBits) - 1;
        var features = new int[set.Count][];
        var labels = new int[set.Count];
        for (var i = 0; i < set.Count; i++)
        {
            features[i] = Features(set[i].Text, mask);
            labels[i] = (int)set[i].Label;
        }

        return LinearModel.Train(features, labels, options);
    }

    internal static ClassifierSettings ReadClassifierSettings(ContentNode root)
    {
        root.RequireOnlyKeys("training_set", "model", "hash_bits", "epochs", "learning_rate", "l2", "seed", "min_words", "thresholds");
        var trainingSet = root.Get("training_set").Text();
        if (trainingSet.Contains('/') || trainingSet.Contains('\\'))
        {
            throw root.Get("training_set").Error("training_set is a file name in the safety folder");
        }

        var kindNode = root.Get("model");
        var kind = kindNode.Text() switch
        {
            "logistic" => ModelKind.Logistic,
            "complement-naive-bayes" => ModelKind.ComplementNaiveBayes,
            var other => throw kindNode.Error($"model must be 'logistic' or 'complement-naive-bayes', found '{other}'"),
        };

        var hashBits = Ranged(root.Get("hash_bits"), 10, 22, whole: true);
        var epochs = Ranged(root.Get("epochs"), 1, 200, whole: true);
        var learningRate = Ranged(root.Get("learning_rate"), 1e-4, 10, whole: false);
        var l2 = Ranged(root.Get("l2"), 0, 1, whole: false);
        var seed = root.Get("seed").Int();
        var minWords = (int)Ranged(root.Get("min_words"), 1, 10, whole: true);

        var thresholds = root.Get("thresholds");
        thresholds.RequireOnlyKeys("crisis", "check_in");
        var crisis = Ranged(thresholds.Get("crisis"), 0.05, 1, whole: false);
        var checkIn = Ranged(thresholds.Get("check_in"), 0.01, 1, whole: false);
        if (checkIn > crisis)
        {
            throw thresholds.Get("check_in").Error("check_in must not be above crisis");
        }

        return new ClassifierSettings(
            trainingSet,
            new TrainingOptions(kind, (int)hashBits, (int)epochs, learningRate, l2, seed),
            new SecondOpinionPolicy((float)crisis, (float)checkIn),
            minWords);

        static double Ranged(ContentNode node, double min, double max, bool whole)
        {
            var value = whole ? node.Int() : node.Number();
            return value >= min && value <= max ? value : throw node.Error($"must be between {min} and {max}");
        }
    }
}
