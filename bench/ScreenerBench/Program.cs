using System.Diagnostics;
using ReflectBot.Safety;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Safety.Model;
using ReflectBot.Safety.Semantic;
using ReflectBot.Understanding.Embeddings;

// Usage:
//   dotnet run -c Release --project bench/ScreenerBench               benchmark (labelled set + long messages)
//   dotnet run -c Release --project bench/ScreenerBench -- "text" ... screen the given messages and print verdicts
var repoRoot = FindRepoRoot();
// SCREENER_CONTENT_ROOT points at another dialogs folder (e.g. a copy with its examples stripped while editing).
var contentRoot = Environment.GetEnvironmentVariable("SCREENER_CONTENT_ROOT") is { Length: > 0 } root ? root : Path.Combine(repoRoot, "dialogs");

var loadClock = Stopwatch.StartNew();
var screener = CrisisScreener.Load(contentRoot);
loadClock.Stop();

if (args is ["--semantic-cv", ..] or ["--refresh-vectors", ..])
{
    SemanticCv.Run(screener, contentRoot, args);
    return;
}

if (args is ["--compare-models"])
{
    CompareModels.Run(screener, contentRoot);
    return;
}

if (args is ["--embed-bench"])
{
    EmbedBench.Run(screener, contentRoot);
    return;
}

if (args is ["--explain", ..])
{
    // For each message: the rules, each learned opinion's crisis probability, their mix and the verdict.
    var semanticOpinion = SemanticOpinion.Load(contentRoot, new SentenceEmbedderLoader(NullLogger<SentenceEmbedderLoader>.Instance).Load(new EmbeddingOptions()), screener);
    foreach (var text in args.Skip(1))
    {
        var review = new ExplainingReview(semanticOpinion, TurnEmbedding.ForText(text, semanticOpinion.Embedder));
        var verdict = screener.Screen(text, review);
        Console.WriteLine($"{verdict.Category.WireName()}{(verdict.Uncertain ? "?" : "")} [{verdict.RuleId}] rules={screener.ScreenRulesOnly(text).Category.WireName()} {review.Note} | {text}");
    }

    return;
}

if (args is ["--cv", ..])
{
    // 5-fold stratified cross-validation of the second opinion: both model kinds, a sweep of thresholds.
    // Usage: --cv [hash_bits epochs learning_rate l2]
    var set = LabelledSet.Read(Path.Combine(contentRoot, "safety", "labelled-messages.tsv"), "labelled-messages.tsv");
    var settings = screener.ModelPolicy;
    var bits = args.Length > 1 ? int.Parse(args[1]) : 18;
    var epochs = args.Length > 2 ? int.Parse(args[2]) : 12;
    var rate = args.Length > 3 ? double.Parse(args[3]) : 0.5;
    var l2 = args.Length > 4 ? double.Parse(args[4]) : 1e-4;
    foreach (var kind in new[] { ModelKind.Logistic, ModelKind.ComplementNaiveBayes })
    {
        var clock = Stopwatch.StartNew();
        var cv = ClassifierCrossValidation.Run(screener, set, new TrainingOptions(kind, bits, epochs, rate, l2, 20261123), minWords: 3, folds: 5, seed: 7);
        Console.WriteLine($"{kind} bits={bits} epochs={epochs} rate={rate} l2={l2}: 5 folds in {clock.Elapsed.TotalMilliseconds:F0} ms");
        // The best policy within the targets (false alarms <= 5%, check-ins on none <= 10%), by model-alone recall.
        CrossValidationFigures? best = null;
        SecondOpinionPolicy? bestPolicy = null;
        for (var crisis = 0.30f; crisis <= 0.96f; crisis += 0.05f)
        {
            for (var checkIn = 0.15f; checkIn <= crisis + 0.001f; checkIn += 0.05f)
            {
                var policy = new SecondOpinionPolicy(crisis, checkIn);
                var figures = cv.Score(policy);
                if (figures.FalseAlarmRate <= 0.05 && figures.CheckInRateOnNone <= 0.10
                    && (best is null || figures.CaughtByModelAlone > best.CaughtByModelAlone
                        || (figures.CaughtByModelAlone == best.CaughtByModelAlone && figures.CheckInLabelsAnswered > best.CheckInLabelsAnswered)))
                {
                    (best, bestPolicy) = (figures, policy);
                }
            }
        }

        Console.WriteLine($"  best within targets: {bestPolicy}: {best}");
        if (args.Length > 6)
        {
            var fixedPolicy = new SecondOpinionPolicy(float.Parse(args[5]), float.Parse(args[6]));
            Console.WriteLine($"  at {fixedPolicy}: {cv.Score(fixedPolicy)}");
        }
    }

    return;
}

if (args is ["--eval", ..])
{
    // Prints every miss and false alarm of the labelled set, the same rule the tests apply.
    var path = args.Length > 1 ? args[1] : Path.Combine(contentRoot, "safety", "labelled-messages.tsv");
    var (positives, caught, negatives, alarms, exact, total, answered) = (0, 0, 0, 0, 0, 0, 0);
    // Crisis labels (not check-in) scored apart: caught = a crisis category; check-in = answered but not caught.
    var (crisisPositives, crisisCaught, crisisCheckIn, checkInLabels, checkInAnswered, noneCheckIns) = (0, 0, 0, 0, 0, 0);
    var semantic = SemanticOpinion.Load(contentRoot, new SentenceEmbedderLoader(NullLogger<SentenceEmbedderLoader>.Instance).Load(new EmbeddingOptions()), screener);
    Console.WriteLine(args is [_, _, "--rules-only"] ? "rules only" : args is [_, _, "--no-semantic"] || !semantic.IsActive ? "rules + n-gram" : "rules + n-gram + semantic");
    var scored = new List<(SafetyCategory Label, string Text, ScreenResult Verdict, string Kind)>();
    var kind = "";
    foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
    {
        if (line.StartsWith("# kind:", StringComparison.Ordinal))
        {
            kind = line["# kind:".Length..].Trim();
            continue;
        }

        if (line[0] == '#')
        {
            continue;
        }

        var tab = line.IndexOf('\t');
        SafetyCategories.TryParse(line[..tab], out var expected);
        var text = line[(tab + 1)..];
        var result = args switch
        {
            [_, _, "--rules-only"] => screener.ScreenRulesOnly(text),
            [_, _, "--no-semantic"] => screener.Screen(text),
            _ => semantic.Screen(screener, text),
        };
        scored.Add((expected, text, result, kind));

        total++;
        exact += result.Category == expected ? 1 : 0;
        var verdict = $"{result.Category.WireName()}{(result.Uncertain ? "?" : "")} [{result.RuleId}]";
        if (expected == SafetyCategory.None)
        {
            negatives++;
            if (result.IsCrisis)
            {
                alarms++;
                Console.WriteLine($"FALSE ALARM  {verdict,-50} {text}");
            }
            else if (result.Category != SafetyCategory.None)
            {
                noneCheckIns++;
                Console.WriteLine($"(check-in)   {verdict,-50} {text}");
            }
        }
        else
        {
            positives++;
            if (expected == SafetyCategory.CheckIn)
            {
                checkInLabels++;
                checkInAnswered += result.Category != SafetyCategory.None ? 1 : 0;
            }
            else
            {
                crisisPositives++;
                crisisCaught += result.IsCrisis ? 1 : 0;
                crisisCheckIn += result.Category == SafetyCategory.CheckIn ? 1 : 0;
            }

            var ok = expected == SafetyCategory.CheckIn ? result.Category != SafetyCategory.None : result.IsCrisis;
            caught += ok ? 1 : 0;
            answered += result.Category != SafetyCategory.None ? 1 : 0;
            if (!ok)
            {
                Console.WriteLine($"MISS {expected.WireName(),-15} {verdict,-50} {text}");
            }
            else if (result.Category != expected)
            {
                Console.WriteLine($"(other)  {expected.WireName(),-11} {verdict,-50} {text}");
            }
        }
    }

    Console.WriteLine($"recall {caught}/{positives} = {(double)caught / positives:P1}; positives answered at all (check-in or more) {answered}/{positives}; "
        + $"false alarms {alarms}/{negatives} = {(double)alarms / negatives:P1}; exact category {exact}/{total}");
    Console.WriteLine($"crisis labels caught {crisisCaught}/{crisisPositives} = {(double)crisisCaught / Math.Max(1, crisisPositives):P1}; "
        + $"answered with check-in only {crisisCheckIn}/{crisisPositives}; silent {crisisPositives - crisisCaught - crisisCheckIn}; "
        + $"check-in labels answered {checkInAnswered}/{checkInLabels}; none given a check-in {noneCheckIns}/{negatives} = {(double)noneCheckIns / Math.Max(1, negatives):P1}");
    Console.WriteLine("by label and length:");
    SemanticCv.Table(scored.Select(r => (r.Label, r.Text, r.Verdict)));
    foreach (var group in scored.GroupBy(r => r.Kind).Where(g => g.Key.Length > 0))
    {
        Console.WriteLine($"kind {group.Key}:");
        SemanticCv.Table(group.Select(r => (r.Label, r.Text, r.Verdict)), byLength: false);
    }

    return;
}

if (args.Length > 0)
{
    // The normalised words help when writing patterns; Normalise is internal, and this is a dev tool, not a hot path.
    var normalise = typeof(CrisisScreener).GetMethod("Normalise", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
    foreach (var text in args)
    {
        var result = screener.Screen(text);
        Console.WriteLine($"{result.Category.WireName(),-15} uncertain={result.Uncertain,-5} rule={result.RuleId ?? "-",-40} | {text}");
        Console.WriteLine($"{"",-15} words: {normalise?.Invoke(screener, [text])}");
    }

    return;
}

var labelled = File.ReadLines(Path.Combine(contentRoot, "safety", "labelled-messages.tsv"))
    .Where(line => line.Length > 0 && line[0] != '#')
    .Select(line => line[(line.IndexOf('\t') + 1)..])
    .ToArray();

var longMessage = string.Concat(Enumerable.Repeat("We talked about the dishes again and he changed the subject, as he always does. ", 125))[..10_000];
var longCrisis = longMessage[..9_000] + " and honestly I want to kill myself tonight. " + longMessage[..955];

Console.WriteLine($"Load (parse + validate + self-check examples + train the model): {loadClock.Elapsed.TotalMilliseconds:F1} ms, of which training {screener.ModelTrainingTime?.TotalMilliseconds:F1} ms");
Console.WriteLine($"Runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores");
Console.WriteLine();
Measure("labelled set", labelled, rounds: 2_000);
Measure("labelled set, rules only (no model)", labelled, rounds: 2_000, rulesOnly: true);
Measure("10,000-char message, no risk", [longMessage], rounds: 2_000);
Measure("10,000-char message, no risk, rules only", [longMessage], rounds: 2_000, rulesOnly: true);
Measure("10,000-char message, crisis near the end", [longCrisis], rounds: 2_000);

void Measure(string name, string[] messages, int rounds, bool rulesOnly = false)
{
    // ScreenRulesOnly(string) is the same path with the model skipped; the full path is Screen(string).
    // Warm up so tiered compilation settles before timing.
    for (var i = 0; i < 200; i++)
    {
        foreach (var m in messages)
        {
            _ = rulesOnly ? screener.ScreenRulesOnly(m) : screener.Screen(m);
        }
    }

    var samples = new double[messages.Length * rounds];
    var n = 0;
    var ticksToMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
    var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
    for (var r = 0; r < rounds; r++)
    {
        foreach (var m in messages)
        {
            var start = Stopwatch.GetTimestamp();
            _ = rulesOnly ? screener.ScreenRulesOnly(m) : screener.Screen(m);
            samples[n++] = (Stopwatch.GetTimestamp() - start) * ticksToMicroseconds;
        }
    }

    var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
    Array.Sort(samples);
    var mean = samples.Average();
    var p50 = samples[(int)(samples.Length * 0.50)];
    var p99 = samples[(int)(samples.Length * 0.99)];
    Console.WriteLine($"{name}: {messages.Length} message(s) x {rounds} rounds");
    Console.WriteLine($"  mean {mean:F2} us   p50 {p50:F2} us   p99 {p99:F2} us   max {samples[^1]:F1} us");
    Console.WriteLine($"  allocated {(double)bytes / samples.Length:F2} bytes per call");
    Console.WriteLine();
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ReflectBot.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("ReflectBot.sln not found above " + AppContext.BaseDirectory);
}

/// <summary>The semantic review, noting both opinions' crisis probabilities for --explain.</summary>
internal sealed class ExplainingReview(SemanticOpinion opinion, TurnEmbedding embedding) : ISecondOpinionReview
{
    private readonly SemanticReview _inner = new(opinion, embedding);

    public string Note { get; private set; } = "(model not consulted)";

    public ScreenResult Review(ScreenResult rules, ReadOnlySpan<float> ngramProbabilities)
    {
        var ngram = SemanticClassifier.CrisisProbability(ngramProbabilities);
        if (embedding.TryGetVector(out var vector))
        {
            Span<float> semantic = stackalloc float[SemanticClassifier.Classes];
            opinion.Classifier.Probabilities(vector.Span, semantic);
            var s = SemanticClassifier.CrisisProbability(semantic);
            Note = $"n-gram {ngram:F2} semantic {s:F2} (check-in {semantic[1]:F2}) mixed {(opinion.Policy.SemanticWeight * s) + ((1 - opinion.Policy.SemanticWeight) * ngram):F2}";
        }

        return _inner.Review(rules, ngramProbabilities);
    }
}
