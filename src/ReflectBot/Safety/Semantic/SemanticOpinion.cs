using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ReflectBot.Content;
using ReflectBot.Safety.Model;
using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Safety.Semantic;

/// <summary>Everything in semantic.yaml.</summary>
public sealed record SemanticSettings(IReadOnlyList<string> TrainingSets, string Vectors, SemanticTraining Training, SemanticPolicy Policy);

/// <summary>
/// The crisis screener's semantic opinion: a classifier on sentence embeddings, trained at start-up on the labelled
/// messages (their vectors read from <see cref="LabelledVectors"/>), combined with the n-gram model by
/// <see cref="SemanticPolicy"/>. It only ever adds caution to the rules. Without semantic.yaml or without a loaded
/// embedding model it is inactive and the screener runs as before (rules, then the n-gram model's own policy).
/// </summary>
public sealed partial class SemanticOpinion : IBotContent
{
    /// <summary>The settings file, relative to the content root.</summary>
    public const string RelativePath = "safety/semantic.yaml";

    // Training is deterministic, so one trained opinion serves every host in the process that reads the same files
    // with the same model (the tests build hundreds of hosts).
    private static readonly ConcurrentDictionary<string, Lazy<SemanticOpinion>> Trained = new();

    private readonly SemanticClassifier? _classifier;
    private readonly SemanticPolicy? _policy;

    private SemanticOpinion(ISentenceEmbedder embedder, SecondOpinionPolicy? ngramPolicy, SemanticClassifier? classifier, SemanticPolicy? policy)
    {
        Embedder = embedder;
        NgramPolicy = ngramPolicy ?? new SecondOpinionPolicy(1f, 1f);
        _classifier = classifier;
        _policy = policy;
    }

    /// <summary>True when the classifier is trained and the embedder loaded: screening uses it.</summary>
    public bool IsActive => _classifier is not null && Embedder.IsAvailable;

    public ISentenceEmbedder Embedder { get; }

    /// <summary>The n-gram model's own thresholds, used when a message's vector cannot be had.</summary>
    public SecondOpinionPolicy NgramPolicy { get; }

    public SemanticClassifier Classifier => _classifier ?? throw new InvalidOperationException("the semantic opinion is not active");

    public SemanticPolicy Policy => _policy ?? throw new InvalidOperationException("the semantic opinion is not active");

    /// <summary>Labelled messages it was trained on.</summary>
    public int TrainingMessages { get; private init; }

    /// <summary>Labelled messages the vector file lacked, embedded at load (0 when the file is up to date).</summary>
    public int EmbeddedAtLoad { get; private init; }

    /// <summary>How long reading the vectors, embedding the missing ones and training took.</summary>
    public TimeSpan LoadTime { get; private init; }

    /// <summary>True when this instance was trained by this call rather than shared from an earlier host.</summary>
    public bool TrainedNow { get; private set; }

    /// <summary>An opinion that never speaks, for a bot without the model.</summary>
    public static SemanticOpinion Inactive(ISentenceEmbedder embedder, CrisisScreener screener) => new(embedder, screener.ModelPolicy, null, null);

    /// <summary>
    /// Screens <paramref name="text"/> with the rules, the n-gram model and, where they leave room, this opinion on the
    /// turn's embedding. <paramref name="review"/> is set when this opinion was consulted (to read its failure).
    /// </summary>
    public ScreenResult Screen(CrisisScreener screener, ReadOnlySpan<char> text, TurnEmbedding embedding, out SemanticReview? review)
    {
        review = IsActive ? new SemanticReview(this, embedding) : null;
        return screener.Screen(text, review);
    }

    /// <summary>The same outside a turn (the screen command, the bench): the text is embedded if the model is needed.</summary>
    public ScreenResult Screen(CrisisScreener screener, string text) =>
        Screen(screener, text, TurnEmbedding.ForText(text, Embedder), out _);

    /// <summary>As <see cref="Load(string, ISentenceEmbedder, CrisisScreener)"/>, saying in the log what was loaded and how long it took.</summary>
    public static SemanticOpinion Load(string contentRoot, ISentenceEmbedder embedder, CrisisScreener screener, ILogger logger)
    {
        var opinion = Load(contentRoot, embedder, screener);
        if (!opinion.IsActive)
        {
            LogInactive(logger, embedder.IsAvailable ? $"{RelativePath} or the n-gram model is missing" : "no sentence embedding model");
        }
        else if (opinion.TrainedNow)
        {
            LogTrained(logger, opinion.TrainingMessages, opinion.EmbeddedAtLoad, (long)opinion.LoadTime.TotalMilliseconds);
            if (opinion.EmbeddedAtLoad > 0)
            {
                LogStaleVectors(logger, opinion.EmbeddedAtLoad);
            }
        }

        return opinion;
    }

    /// <summary>Reads semantic.yaml under <paramref name="contentRoot"/> and trains, or shares an opinion already trained on the same files.</summary>
    public static SemanticOpinion Load(string contentRoot, ISentenceEmbedder embedder, CrisisScreener screener)
    {
        var settingsPath = Path.Combine(contentRoot, RelativePath);
        if (!embedder.IsAvailable || !File.Exists(settingsPath) || screener.ModelPolicy is null)
        {
            return Inactive(embedder, screener);
        }

        var settings = ReadSettings(ContentNode.Load(settingsPath, RelativePath));
        var folder = Path.GetDirectoryName(settingsPath)!;
        var files = SetFiles(folder, settings).Append(Path.Combine(folder, settings.Vectors)).Append(settingsPath);
        var key = string.Join('|', files.Select(Stamp).Prepend(embedder.ModelId));
        var trainedHere = false;
        var opinion = Trained.GetOrAdd(key, _ => new Lazy<SemanticOpinion>(() =>
        {
            trainedHere = true;
            return Train(folder, settings, embedder, screener);
        })).Value;

        if (trainedHere)
        {
            opinion.TrainedNow = true;
            return opinion;
        }

        // Shared: the same trained classifier, but this host's screener policy and a fresh TrainedNow flag.
        return new SemanticOpinion(embedder, screener.ModelPolicy, opinion._classifier, opinion._policy)
        {
            TrainingMessages = opinion.TrainingMessages,
            EmbeddedAtLoad = opinion.EmbeddedAtLoad,
            LoadTime = opinion.LoadTime,
        };
    }

    /// <summary>Every labelled message of the training sets named in semantic.yaml, in file order.</summary>
    public static IReadOnlyList<TrainingMessage> ReadTrainingSet(string contentRoot)
    {
        var settings = ReadSettings(ContentNode.Load(Path.Combine(contentRoot, RelativePath), RelativePath));
        return ReadSets(Path.Combine(contentRoot, "safety"), settings);
    }

    /// <summary>The vector file named in semantic.yaml.</summary>
    public static string VectorsPath(string contentRoot) =>
        Path.Combine(contentRoot, "safety", ReadSettings(ContentNode.Load(Path.Combine(contentRoot, RelativePath), RelativePath)).Vectors);

    private static SemanticOpinion Train(string folder, SemanticSettings settings, ISentenceEmbedder embedder, CrisisScreener screener)
    {
        var clock = Stopwatch.StartNew();
        var set = ReadSets(folder, settings);
        var vectors = LabelledVectors.Read(Path.Combine(folder, settings.Vectors), embedder)
            .Resolve([.. set.Select(m => m.Text)], embedder, out var embeddedNow);
        var classifier = SemanticClassifier.Train(vectors, [.. set.Select(m => (int)m.ReplyClass)], settings.Training);
        return new SemanticOpinion(embedder, screener.ModelPolicy, classifier, settings.Policy)
        {
            TrainingMessages = set.Count,
            EmbeddedAtLoad = embeddedNow,
            LoadTime = clock.Elapsed,
        };
    }

    [LoggerMessage(EventId = 4310, EventName = "SemanticOpinionTrained", Level = LogLevel.Information,
        Message = "Semantic crisis opinion trained on {Messages} labelled messages ({EmbeddedNow} embedded at start-up) in {ElapsedMs} ms")]
    private static partial void LogTrained(ILogger logger, int messages, int embeddedNow, long elapsedMs);

    [LoggerMessage(EventId = 4311, EventName = "SemanticVectorsStale", Level = LogLevel.Warning,
        Message = "{Count} labelled messages are not in the vector file and were embedded at start-up; refresh it with: dotnet run -c Release --project bench/ScreenerBench -- --refresh-vectors")]
    private static partial void LogStaleVectors(ILogger logger, int count);

    [LoggerMessage(EventId = 4312, EventName = "SemanticOpinionInactive", Level = LogLevel.Warning,
        Message = "The semantic crisis opinion is off ({Reason}): messages are screened by the rules and the n-gram model")]
    private static partial void LogInactive(ILogger logger, string reason);

    /// <summary>Each entry of training_sets is a file, or a folder whose *.tsv files are read in name order.</summary>
    private static IReadOnlyList<TrainingMessage> ReadSets(string folder, SemanticSettings settings) =>
        [.. SetFiles(folder, settings).SelectMany(path => TrainingSet.Read(path, "safety/" + Path.GetRelativePath(folder, path).Replace('\\', '/')))];

    private static IEnumerable<string> SetFiles(string folder, SemanticSettings settings) =>
        settings.TrainingSets.SelectMany(name =>
        {
            var path = Path.Combine(folder, name);
            return Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.tsv").Order(StringComparer.Ordinal) : (IEnumerable<string>)[path];
        });

    private static string Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.FullName}:{info.Length}:{info.LastWriteTimeUtc.Ticks}" : $"{info.FullName}:missing";
    }

    internal static SemanticSettings ReadSettings(ContentNode root)
    {
        var allowed = new[] { "training_sets", "vectors", "epochs", "learning_rate", "l2", "seed", "semantic_weight", "model_floor", "thresholds" };
        foreach (var key in root.Keys)
        {
            if (!allowed.Contains(key))
            {
                throw root.Get(key).Error($"unknown key '{key}' (expected {string.Join(", ", allowed)})");
            }
        }

        var sets = root.Get("training_sets").Items().Select(SetName).ToList();
        if (sets.Count == 0)
        {
            throw root.Get("training_sets").Error("name at least one labelled set");
        }

        var vectors = FileName(root.Get("vectors"));
        var training = new SemanticTraining(
            (int)Ranged(root.Get("epochs"), 1, 500, whole: true),
            Ranged(root.Get("learning_rate"), 1e-5, 10, whole: false),
            Ranged(root.Get("l2"), 0, 10, whole: false),
            root.Get("seed").Int());

        var thresholds = root.Get("thresholds");
        var crisis = Ranged(thresholds.Get("crisis"), 0.05, 1, whole: false);
        var checkIn = Ranged(thresholds.Get("check_in"), 0.01, 1, whole: false);
        if (checkIn > crisis)
        {
            throw thresholds.Get("check_in").Error("check_in must not be above crisis");
        }

        var weight = Ranged(root.Get("semantic_weight"), 0, 1, whole: false);
        var floor = root.TryGet("model_floor") is { } floorNode ? Ranged(floorNode, 0, checkIn, whole: false) : 0;
        return new SemanticSettings(sets, vectors, training, new SemanticPolicy((float)weight, (float)crisis, (float)checkIn, (float)floor));

        // A file or folder under the safety folder: no way up or out.
        static string SetName(ContentNode node)
        {
            var name = node.Text().TrimEnd('/');
            return name.Length == 0 || name.Contains("..") || Path.IsPathRooted(name) || name.Contains('\\') ? throw node.Error("a file or folder inside the safety folder") : name;
        }

        static string FileName(ContentNode node)
        {
            var name = node.Text();
            return name.Contains('/') || name.Contains('\\') ? throw node.Error("a file name in the safety folder") : name;
        }

        static double Ranged(ContentNode node, double min, double max, bool whole)
        {
            var value = whole ? node.Int() : node.Number();
            return value >= min && value <= max ? value : throw node.Error($"must be between {min} and {max}");
        }
    }
}
