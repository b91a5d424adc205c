using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ReflectBot.Content;
using ReflectBot.Journeys.Learn;
using ReflectBot.Journeys.Toolkit;
using ReflectBot.Privacy;
using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// Builds the <see cref="RecognitionModel"/> once per process and per content: the examples' vectors come from the
/// <see cref="ExampleVectorCache"/> (the model runs only for new or changed examples), then the classifiers are trained,
/// which takes about a second. Several hosts in one process (tests, the CLI's in-process bot) with the same content
/// and model share one.
/// </summary>
public sealed partial class RecognitionModelLoader(ILogger<RecognitionModelLoader> logger)
{
    private static readonly ConcurrentDictionary<string, Lazy<RecognitionModel>> Shared = new(StringComparer.Ordinal);

    public RecognitionModel Load(
        CommonContent common,
        IEnumerable<ChoiceItem> menu,
        PrivacyContent privacy,
        ToolkitContent toolkit,
        IntentsContent intents,
        LearnContent learn,
        ISentenceEmbedder embedder,
        RecognitionOptions options)
    {
        var exact = RecognitionModel.ExactPhrases(common, menu, privacy, toolkit, intents);
        var examples = IntentClassifier.Examples(intents, learn);
        var learnTexts = LearnIndex.TextsToEmbed(learn);
        var key = Fingerprint(embedder, options, examples.Select(e => $"{e.Intent}\t{e.Text}").Concat(learnTexts).Concat(learn.Entries.SelectMany(e => e.Keywords)));
        return Shared.GetOrAdd(key, _ => new Lazy<RecognitionModel>(() =>
            Build(exact, intents, learn, examples, learnTexts, embedder, options))).Value;
    }

    private RecognitionModel Build(
        ExactMatcher exact,
        IntentsContent intents,
        LearnContent learn,
        IReadOnlyList<(string Text, string Intent)> examples,
        IReadOnlyList<string> learnTexts,
        ISentenceEmbedder embedder,
        RecognitionOptions options)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<float[]>? exampleVectors = null;
        IReadOnlyList<float[]>? learnVectors = null;
        if (embedder.IsAvailable)
        {
            var cache = new ExampleVectorCache(options.ResolveVectorCachePath());
            var all = cache.Embed(embedder, [.. examples.Select(e => e.Text), .. learnTexts]);
            exampleVectors = all.Take(examples.Count).ToList();
            learnVectors = all.Skip(examples.Count).ToList();
            LogVectors(all.Count, cache.LastComputed, (long)clock.Elapsed.TotalMilliseconds);
        }
        else
        {
            LogWordsOnly();
        }

        var settings = new TrainingSettings();
        var model = new RecognitionModel(
            exact,
            IntentClassifier.Train(examples, exampleVectors, settings),
            LearnIndex.Train(learn, learnVectors, settings),
            new EntityExtractor(intents),
            options);
        LogBuilt(examples.Count, learn.Entries.Count, (long)clock.Elapsed.TotalMilliseconds);
        return model;
    }

    private static string Fingerprint(ISentenceEmbedder embedder, RecognitionOptions options, IEnumerable<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{embedder.ModelId}|{options.InScopeFrom}|{options.SureFrom}|{options.AskFrom}|{options.LearnAnswerFrom}|{options.LearnSuggestFrom}\n"));
        foreach (var text in texts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    [LoggerMessage(EventId = 4410, EventName = "RecognitionVectors", Level = LogLevel.Information,
        Message = "Recognizer examples: {Total} vectors, {Computed} computed by the model (the rest from the cache) in {ElapsedMs} ms")]
    private partial void LogVectors(int total, int computed, long elapsedMs);

    [LoggerMessage(EventId = 4411, EventName = "RecognitionBuilt", Level = LogLevel.Information,
        Message = "Recognizer ready: {Examples} intent examples, {Entries} Learn entries, built in {ElapsedMs} ms")]
    private partial void LogBuilt(int examples, int entries, long elapsedMs);

    [LoggerMessage(EventId = 4412, EventName = "RecognitionWordsOnly", Level = LogLevel.Warning,
        Message = "No sentence embedding model: the recognizer reads messages by their words alone (less accurate, never rules a message out of scope)")]
    private partial void LogWordsOnly();
}
