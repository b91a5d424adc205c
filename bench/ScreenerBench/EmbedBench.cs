using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Safety;
using ReflectBot.Safety.Semantic;
using ReflectBot.Understanding.Embeddings;

/// <summary>
/// --embed-bench: what the sentence embedder costs per message length (wall p50/p99 and CPU per call, 1 and 2 threads),
/// and what the whole screener costs per message with and without the semantic opinion, by length.
/// </summary>
internal static class EmbedBench
{
    private static readonly (string Name, string Text)[] Lengths =
    [
        ("3 words", "he ignores me"),
        ("10 words", "How do I get my husband to listen to me?"),
        ("25 words", "We had another fight last night about the dishes and he just walked out of the room and didn't speak to me all evening."),
        ("60 words", string.Join(' ', Enumerable.Repeat("We had another fight last night about the dishes and he just walked out of the room.", 4))),
        ("150 words", string.Join(' ', Enumerable.Repeat("We had another fight last night about the dishes and he just walked out of the room.", 9))),
        ("10,000 chars", string.Concat(Enumerable.Repeat("We talked about the dishes again and he changed the subject, as he always does. ", 125))[..10_000]),
    ];

    public static void Run(CrisisScreener screener, string contentRoot)
    {
        Console.WriteLine($"Runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        foreach (var threads in new[] { 1, 2 })
        {
            var clock = Stopwatch.StartNew();
            var embedder = OnnxSentenceEmbedder.Load(new EmbeddingOptions { IntraOpThreads = threads });
            Console.WriteLine($"embedder, {threads} thread(s) per run: loaded in {clock.ElapsedMilliseconds} ms");
            foreach (var (name, text) in Lengths)
            {
                Measure($"  embed {name}", () => embedder.Embed(text), rounds: name.StartsWith("10,000", StringComparison.Ordinal) || name.StartsWith("150", StringComparison.Ordinal) ? 60 : 200);
            }
        }

        var shared = new SentenceEmbedderLoader(NullLogger<SentenceEmbedderLoader>.Instance).Load(new EmbeddingOptions());
        var opinion = SemanticOpinion.Load(contentRoot, shared, screener);
        Console.WriteLine($"semantic opinion: trained on {opinion.TrainingMessages} messages in {opinion.LoadTime.TotalMilliseconds:F0} ms ({opinion.EmbeddedAtLoad} embedded at load)");
        var set = SemanticOpinion.ReadTrainingSet(contentRoot).Select(m => m.Text).ToArray();
        foreach (var (name, min, max) in new[] { ("1-5 words", 1, 5), ("6-15 words", 6, 15), ("16-40 words", 16, 40), ("41+ words", 41, int.MaxValue) })
        {
            var messages = set.Where(t => Words(t) >= min && Words(t) <= max).Take(150).ToArray();
            var index = 0;
            Measure($"screen {name} ({messages.Length} labelled messages), rules + n-gram", () => screener.Screen(messages[index++ % messages.Length]), rounds: 600);
            index = 0;
            var modelRuns = 0;
            Measure($"screen {name}, rules + n-gram + semantic", () =>
            {
                var embedding = TurnEmbedding.ForText(messages[index++ % messages.Length], shared);
                var verdict = opinion.Screen(screener, messages[(index - 1) % messages.Length], embedding, out _);
                modelRuns += embedding.ModelRuns;
                return verdict;
            }, rounds: 600);
            Console.WriteLine($"    the model ran on {100.0 * modelRuns / 600:F0}% of these calls (the rest were settled by the rules: a crisis, a denial or too few words)");
        }
    }

    private static void Measure<T>(string name, Func<T> call, int rounds)
    {
        for (var i = 0; i < Math.Min(20, rounds); i++)
        {
            _ = call();
        }

        var samples = new double[rounds];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _ = call();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / rounds;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / rounds;
        Array.Sort(samples);
        Console.WriteLine($"{name}: p50 {samples[rounds / 2]:F3} ms, p99 {samples[(int)(rounds * 0.99)]:F3} ms, CPU {cpu:F3} ms/call, {bytes} B allocated/call");
    }

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
