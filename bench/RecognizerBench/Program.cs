using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Content;
using ReflectBot.Journeys.Learn;
using ReflectBot.Privacy;
using ReflectBot.Understanding.Embeddings;
using ReflectBot.Understanding.Recognition;

// Usage: dotnet run -c Release --project bench/RecognizerBench
// Per-turn cost of RecognitionModel.Read on the development utterances: messages the cheap path settles (numbers,
// commands, menu words, exact examples) next to those that need the sentence embedding, and the embedding alone.
var repoRoot = FindRepoRoot();
var source = new ContentSource(Path.Combine(repoRoot, "dialogs"));
var embedder = new SentenceEmbedderLoader(NullLogger<SentenceEmbedderLoader>.Instance).Load(new EmbeddingOptions());
var intents = IntentsContent.Load(source);
var learn = LearnContent.Load(source);
var build = Stopwatch.StartNew();
var model = new RecognitionModelLoader(NullLogger<RecognitionModelLoader>.Instance).Load(
    CommonContent.Load(source), PrivacyContent.Load(source), ToolkitContent.Load(source), intents, learn, embedder,
    new RecognitionOptions { VectorCachePath = Path.Combine(repoRoot, "bench", "results", "raw", "recognizer-vectors.bin") });
Console.WriteLine($"model built in {build.ElapsedMilliseconds} ms (vectors from the cache when present)");

var texts = File.ReadLines(Path.Combine(repoRoot, "tests", "ReflectBot.Tests", "Understanding", "utterances.tsv"))
    .Select(l => l.Split('\t')[^1]).ToList();
string[] cheapExtra = ["1", "2", "3", "menu", "help", "cancel", "yes", "no", "hi", "thanks", "bye", "Recognise the signs", "my toolkit", "start over"];

// Which messages the cheap path settles (no embedding asked for).
var cheap = new List<string>(cheapExtra);
var needModel = new List<string>();
foreach (var text in texts)
{
    var asked = false;
    model.Read(text, () => { asked = true; return ReadOnlyMemory<float>.Empty; });
    (asked ? needModel : cheap).Add(text);
}

// Vectors computed once, so the model path is timed without the embedding, which is timed on its own.
var vectors = needModel.ToDictionary(t => t, t => (ReadOnlyMemory<float>)embedder.Embed(t));

Measure("cheap path (settled without the model)", cheap, t => model.Read(t, () => throw new InvalidOperationException("cheap path asked for the model")), 20);
Measure("model path, classifier + Learn + entities (embedding given)", needModel, t => model.Read(t, () => vectors[t]), 5);
Measure("sentence embedding alone (one model run)", needModel.Take(200).ToList(), t => embedder.Embed(t), 1);
Console.WriteLine($"cheap path settles {cheap.Count - cheapExtra.Length} of {texts.Count} development messages ({(cheap.Count - cheapExtra.Length) * 100.0 / texts.Count:F1}%) plus {cheapExtra.Length} typical button/command replies");

static void Measure<T>(string name, List<string> inputs, Func<string, T> run, int rounds)
{
    foreach (var text in inputs)
    {
        run(text);
    }

    var samples = new List<double>(inputs.Count * rounds);
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    for (var r = 0; r < rounds; r++)
    {
        foreach (var text in inputs)
        {
            var start = Stopwatch.GetTimestamp();
            run(text);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }

    allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
    samples.Sort();
    Console.WriteLine($"{name}: {inputs.Count} messages x {rounds}: mean {samples.Average():F1} µs, median {samples[samples.Count / 2]:F1} µs, p99 {samples[(int)(samples.Count * 0.99)]:F1} µs, {allocated / samples.Count} B allocated per message");
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

    throw new InvalidOperationException("ReflectBot.sln not found");
}
