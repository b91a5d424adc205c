using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ReflectBot.Understanding.Embeddings;

/// <summary>
/// Loads the sentence embedder once per process and per setting (model, threads, token limit): loading takes a
/// second or two and about 100 MB, and several hosts in one process (tests, the CLI's in-process bot) share it.
/// A model that fails to load is logged loudly and replaced by <see cref="UnavailableEmbedder"/>: the bot goes on
/// screening with its rules and n-gram model, never refusing to start over an optional opinion.
/// </summary>
public sealed partial class SentenceEmbedderLoader(ILogger<SentenceEmbedderLoader> logger)
{
    private static readonly ConcurrentDictionary<(string? Model, int Threads, int MaxTokens), Lazy<Loaded>> Shared = new();

    public ISentenceEmbedder Load(EmbeddingOptions options)
    {
        if (!options.Enabled)
        {
            LogTurnedOff();
            return UnavailableEmbedder.Instance;
        }

        var key = (string.IsNullOrWhiteSpace(options.ModelPath) ? null : Path.GetFullPath(options.ModelPath), options.IntraOpThreads, options.MaxTokens);
        var firstHere = false;
        var loaded = Shared.GetOrAdd(key, _ => new Lazy<Loaded>(() =>
        {
            firstHere = true;
            return LoadNow(options);
        })).Value;

        if (loaded.Embedder is { } embedder)
        {
            if (firstHere)
            {
                LogLoaded(embedder.ModelId, (long)loaded.Elapsed.TotalMilliseconds, options.IntraOpThreads, options.MaxTokens);
            }
            else
            {
                LogReused(embedder.ModelId, (long)loaded.Elapsed.TotalMilliseconds);
            }

            return embedder;
        }

        LogFailed(key.Item1 ?? OnnxSentenceEmbedder.PackagedModelId, loaded.Failure ?? "unknown");
        return UnavailableEmbedder.Instance;
    }

    private static Loaded LoadNow(EmbeddingOptions options)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var embedder = OnnxSentenceEmbedder.Load(options);

            // One run now, so the first person's message does not pay for the arena and the code paths warming up.
            _ = embedder.Embed("warming up");
            return new Loaded(embedder, clock.Elapsed, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The type and message say what broke (a missing file, a native library that would not load); no user text is involved.
            return new Loaded(null, clock.Elapsed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private sealed record Loaded(ISentenceEmbedder? Embedder, TimeSpan Elapsed, string? Failure);

    [LoggerMessage(EventId = 4300, EventName = "EmbedderLoaded", Level = LogLevel.Information,
        Message = "Sentence embedder {ModelId} loaded in {ElapsedMs} ms ({Threads} thread(s) per run, up to {MaxTokens} word pieces per sentence)")]
    private partial void LogLoaded(string modelId, long elapsedMs, int threads, int maxTokens);

    [LoggerMessage(EventId = 4301, EventName = "EmbedderReused", Level = LogLevel.Information,
        Message = "Sentence embedder {ModelId} already loaded in this process (load took {ElapsedMs} ms)")]
    private partial void LogReused(string modelId, long elapsedMs);

    [LoggerMessage(EventId = 4302, EventName = "EmbedderFailed", Level = LogLevel.Critical,
        Message = "SENTENCE EMBEDDING MODEL NOT LOADED ({Model}): {Reason}. Crisis screening goes on with its rules and n-gram model only; the semantic opinion and meaning-based understanding are OFF until this is fixed")]
    private partial void LogFailed(string model, string reason);

    [LoggerMessage(EventId = 4303, EventName = "EmbedderTurnedOff", Level = LogLevel.Warning,
        Message = "Sentence embeddings are turned off (ReflectBot:Embeddings:Enabled is false): crisis screening uses its rules and n-gram model only")]
    private partial void LogTurnedOff();
}
