using System.Text;
using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// The sentence embeddings of the content's example messages, kept in a file between runs: embedding the ~2,000
/// examples and questions takes half a minute on a small host, reading them back takes milliseconds. The file holds
/// content text only, never what anyone typed, and is keyed by model: vectors of another model are ignored. A text
/// that was added or changed since is embedded and the file rewritten; a missing, unreadable or foreign file is
/// simply rebuilt.
/// </summary>
public sealed class ExampleVectorCache
{
    private const string Magic = "ReflectBot example vectors v1";
    private const int BatchSize = 16;

    private readonly string? _path;

    /// <param name="path">The cache file, or null to keep nothing between runs.</param>
    public ExampleVectorCache(string? path) => _path = path;

    /// <summary>How many texts the last <see cref="Embed"/> had to run through the model (0 when all were cached).</summary>
    public int LastComputed { get; private set; }

    /// <summary>
    /// One unit vector per text, in order, from the file where it has them and from <paramref name="embedder"/> for
    /// the rest. Texts that repeat are embedded once.
    /// </summary>
    public IReadOnlyList<float[]> Embed(ISentenceEmbedder embedder, IReadOnlyList<string> texts)
    {
        var known = Read(embedder);
        var missing = texts.Distinct(StringComparer.Ordinal).Where(t => !known.ContainsKey(t)).ToList();
        LastComputed = missing.Count;
        if (missing.Count > 0)
        {
            // Similar lengths in one batch waste less on padding.
            missing.Sort((a, b) => a.Length.CompareTo(b.Length));
            for (var start = 0; start < missing.Count; start += BatchSize)
            {
                var batch = missing.GetRange(start, Math.Min(BatchSize, missing.Count - start));
                foreach (var (text, vector) in batch.Zip(EmbedBatch(embedder, batch)))
                {
                    known[text] = vector;
                }
            }

            Write(embedder, known, texts);
        }

        return texts.Select(t => known[t]).ToList();
    }

    /// <summary>Runs several texts through the model at once: joined by newlines, one range each.</summary>
    private static float[][] EmbedBatch(ISentenceEmbedder embedder, List<string> batch)
    {
        var joined = new StringBuilder();
        var parts = new Range[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var start = joined.Length;
            joined.Append(batch[i]);
            parts[i] = start..joined.Length;
            joined.Append('\n');
        }

        var flat = new float[batch.Count * embedder.Dimensions];
        embedder.Embed(joined.ToString(), parts, flat);
        return Enumerable.Range(0, batch.Count).Select(i => flat.AsSpan(i * embedder.Dimensions, embedder.Dimensions).ToArray()).ToArray();
    }

    private Dictionary<string, float[]> Read(ISentenceEmbedder embedder)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (_path is null || !File.Exists(_path))
        {
            return vectors;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(_path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != embedder.ModelId || reader.ReadInt32() != embedder.Dimensions)
            {
                return vectors;
            }

            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var text = reader.ReadString();
                var vector = new float[embedder.Dimensions];
                for (var d = 0; d < vector.Length; d++)
                {
                    vector[d] = reader.ReadSingle();
                }

                vectors[text] = vector;
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException or FormatException)
        {
            // A torn or foreign file: start again from the model.
            vectors.Clear();
        }

        return vectors;
    }

    /// <summary>Writes the vectors still in use, through a temporary file so a crash never leaves half a cache.</summary>
    private void Write(ISentenceEmbedder embedder, Dictionary<string, float[]> vectors, IReadOnlyList<string> inUse)
    {
        if (_path is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
            var keep = inUse.Distinct(StringComparer.Ordinal).ToList();
            var temporary = $"{_path}.{Environment.ProcessId}.tmp";
            using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(embedder.ModelId);
                writer.Write(embedder.Dimensions);
                writer.Write(keep.Count);
                foreach (var text in keep)
                {
                    writer.Write(text);
                    foreach (var value in vectors[text])
                    {
                        writer.Write(value);
                    }
                }
            }

            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only disk costs the next start-up time, nothing else.
        }
    }
}
