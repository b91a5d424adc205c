using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Safety;
using ReflectBot.Safety.Model;
using ReflectBot.Safety.Semantic;
using ReflectBot.Understanding.Embeddings;

/// <summary>--semantic-cv: out-of-fold probabilities of both learned opinions, and policies that combine them.</summary>
internal static class SemanticCv
{
    public static void Run(CrisisScreener screener, string contentRoot, string[] args)
    {
        var embedder = new SentenceEmbedderLoader(NullLogger<SentenceEmbedderLoader>.Instance).Load(new EmbeddingOptions());
        var set = SemanticOpinion.ReadTrainingSet(contentRoot);
        var cachePath = SemanticOpinion.VectorsPath(contentRoot);
        var cache = LabelledVectors.Read(cachePath, embedder);
        var clock = Stopwatch.StartNew();
        var vectors = cache.Resolve([.. set.Select(m => m.Text)], embedder, out var embedded);
        Console.WriteLine($"vectors: {set.Count} ({embedded} embedded now) in {clock.ElapsedMilliseconds} ms");
        if (args[0] == "--refresh-vectors")
        {
            cache.Write(cachePath, set.Select(m => m.Text));
            Console.WriteLine($"wrote {cachePath}");
            return;
        }

        var epochs = args.Length > 1 ? int.Parse(args[1]) : 30;
        var rate = args.Length > 2 ? double.Parse(args[2]) : 0.05;
        var l2 = args.Length > 3 ? double.Parse(args[3]) : 1e-3;
        var semantic = new SemanticTraining(epochs, rate, l2, 20261205);
        var ngram = new TrainingOptions(ModelKind.Logistic, 18, 20, 0.5, 1e-5, 20261123);
        clock.Restart();
        var cv = SemanticCrossValidation.Run(screener, set, vectors, ngram, semantic, minWords: 3, folds: 5, seed: 7);
        Console.WriteLine($"5 folds ({semantic}) in {clock.ElapsedMilliseconds} ms");

        var today = new SecondOpinionPolicy(0.75f, 0.55f);
        // Each learned opinion alone, as a ranking: crisis recall at a fixed false-alarm rate on none (no rules involved).
        foreach (var (name, score) in new (string, Func<OutOfFold, float>)[]
        {
            ("n-gram", m => SemanticClassifier.CrisisProbability(m.Ngram)),
            ("semantic", m => SemanticClassifier.CrisisProbability(m.Semantic)),
            ("mean", m => (SemanticClassifier.CrisisProbability(m.Ngram) + SemanticClassifier.CrisisProbability(m.Semantic)) / 2),
        })
        {
            var none = cv.Messages.Where(m => m.Message.Label == SafetyCategory.None).Select(score).OrderDescending().ToArray();
            var crisis = cv.Messages.Where(m => m.Message.Label.IsCrisis()).Select(score).ToArray();
            Console.WriteLine($"{name,-9} alone: crisis recall at 1% / 3% / 5% / 10% false alarms: "
                + string.Join(" / ", new[] { 0.01, 0.03, 0.05, 0.10 }.Select(rate =>
                {
                    var threshold = none[(int)(rate * none.Length)];
                    return $"{100.0 * crisis.Count(p => p > threshold) / crisis.Length:F1}% (p>{threshold:F2})";
                })));
        }

        Report("rules alone", cv, m => m.Rules);
        Report("rules + n-gram (today, 0.75/0.55)", cv, m => m.MaySpeak ? today.Apply(m.Rules, m.Ngram) : m.Rules);
        Report("semantic alone (0.5)", cv, m => new SecondOpinionPolicy(0.5f, 0.5f).Apply(ScreenResult.None, m.Semantic));

        // The cheap gate: below this n-gram crisis probability the model is not run (the n-gram policy decides).
        var shipped = new SemanticPolicy(0.6f, 0.80f, 0.60f, 0f);
        foreach (var gate in new[] { 0f, 0.05f, 0.10f, 0.15f, 0.20f, 0.30f })
        {
            var runs = cv.Messages.Count(m => m.MaySpeak && SemanticClassifier.CrisisProbability(m.Ngram) >= gate);
            var f = Figures(cv, m => m.MaySpeak && SemanticClassifier.CrisisProbability(m.Ngram) < gate ? today.Apply(m.Rules, m.Ngram) : Combined(m, shipped));
            var everyday = cv.Messages.Where(m => m.Message.Label == SafetyCategory.None && m.MaySpeak).ToList();
            var everydayRuns = everyday.Count(m => SemanticClassifier.CrisisProbability(m.Ngram) >= gate);
            Console.WriteLine($"gate {gate:F2}: model runs on {runs}/{cv.Messages.Count} (none-labelled: {everydayRuns}/{everyday.Count}); caught {f.Caught}/{f.Crisis}, false alarms {f.AlarmRate:P1}, check-ins on none {f.CheckInRate:P1}");
        }

        foreach (var weight in new[] { 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 1f })
        {
            var best = (Caught: -1, Policy: (SemanticPolicy?)null);
            for (var crisis = 0.30f; crisis <= 0.96f; crisis += 0.05f)
            {
                for (var checkIn = 0.15f; checkIn <= crisis + 0.001f; checkIn += 0.05f)
                {
                    var policy = new SemanticPolicy(weight, crisis, checkIn);
                    var f = Figures(cv, m => Combined(m, policy));
                    if (f.AlarmRate <= 0.03 && f.CheckInRate <= 0.10 && f.Caught > best.Caught)
                    {
                        best = (f.Caught, policy);
                    }
                }
            }

            if (best.Policy is { } chosen)
            {
                Report($"rules + {weight:F1} semantic + {1 - weight:F1} n-gram, best within 3% alarms / 10% check-ins: {chosen.CrisisThreshold:F2}/{chosen.CheckInThreshold:F2}", cv, m => Combined(m, chosen));
            }
        }
    }

    private static ScreenResult Combined(OutOfFold m, SemanticPolicy policy)
    {
        if (!m.MaySpeak)
        {
            return m.Rules;
        }

        var mixed = new float[SemanticClassifier.Classes];
        policy.Mix(m.Semantic, m.Ngram, mixed);
        return policy.Apply(m.Rules, mixed);
    }

    private static float[] Mean(float[] a, float[] b) => [.. a.Zip(b, (x, y) => (x + y) / 2)];

    private static (int Caught, int Crisis, double AlarmRate, double CheckInRate) Figures(SemanticCrossValidation cv, Func<OutOfFold, ScreenResult> verdict)
    {
        int crisis = 0, caught = 0, none = 0, alarms = 0, checkIns = 0;
        foreach (var m in cv.Messages)
        {
            var v = verdict(m);
            if (m.Message.Label.IsCrisis())
            {
                crisis++;
                caught += v.IsCrisis ? 1 : 0;
            }
            else if (m.Message.Label == SafetyCategory.None)
            {
                none++;
                alarms += v.IsCrisis ? 1 : 0;
                checkIns += v.Category == SafetyCategory.CheckIn ? 1 : 0;
            }
        }

        return (caught, crisis, (double)alarms / none, (double)checkIns / none);
    }

    /// <summary>Per label: how many got a crisis reply, a check-in, nothing; and by length (words).</summary>
    public static void Report(string name, SemanticCrossValidation cv, Func<OutOfFold, ScreenResult> verdict)
    {
        Console.WriteLine($"== {name}");
        Table(cv.Messages.Select(m => (m.Message.ReplyClass, m.Message.Text, verdict(m))));
        foreach (var group in cv.Messages.GroupBy(m => m.Message.Language == "en" ? "english" : "other languages"))
        {
            var crisis = group.Where(m => m.Message.ReplyClass.IsCrisis()).ToList();
            var none = group.Where(m => m.Message.Label == SafetyCategory.None).ToList();
            Console.WriteLine($"  {group.Key,-15} crisis caught {crisis.Count(m => verdict(m).IsCrisis)}/{crisis.Count}, none: crisis {none.Count(m => verdict(m).IsCrisis)}/{none.Count}, check-in {none.Count(m => verdict(m).Category == SafetyCategory.CheckIn)}");
        }
    }

    public static void Table(IEnumerable<(SafetyCategory Label, string Text, ScreenResult Verdict)> rows, bool byLength = true)
    {
        var list = rows.ToList();
        foreach (var group in list.GroupBy(r => r.Label).OrderByDescending(g => g.Key.Severity()))
        {
            Console.WriteLine($"  {group.Key.WireName(),-15} {Counts(group)}");
        }

        foreach (var (label, min, max) in byLength ? new[] { ("1-5 words", 1, 5), ("6-15 words", 6, 15), ("16-40 words", 16, 40), ("41+ words", 41, int.MaxValue) } : [])
        {
            var inBand = list.Where(r => Words(r.Text) >= min && Words(r.Text) <= max).ToList();
            var crisis = inBand.Where(r => r.Label.IsCrisis()).ToList();
            var none = inBand.Where(r => r.Label == SafetyCategory.None).ToList();
            Console.WriteLine($"  {label,-15} crisis {Counts(crisis)} | none {Counts(none)}");
        }
    }

    private static string Counts(IEnumerable<(SafetyCategory Label, string Text, ScreenResult Verdict)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return "-";
        }

        var crisis = list.Count(r => r.Verdict.IsCrisis);
        var checkIn = list.Count(r => r.Verdict.Category == SafetyCategory.CheckIn);
        return $"n={list.Count,4}  crisis reply {crisis,4} ({100.0 * crisis / list.Count,5:F1}%)  check-in {checkIn,4} ({100.0 * checkIn / list.Count,5:F1}%)  nothing {list.Count - crisis - checkIn,4}";
    }

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
