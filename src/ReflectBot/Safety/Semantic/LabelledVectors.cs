using System.Security.Cryptography;
using System.Text;
using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Safety.Semantic;

/// <summary>
/// The sentence embeddings of the labelled messages, kept in a file beside them so start-up need not run the model
/// ~2,000 times. Each vector is keyed by a hash of its message's exact text and stored as 16-bit floats (plenty for a
/// linear classifier); the file names the model that made them, and a vector of another model is never used.
/// A message added or edited since the file was written is embedded at start-up, so a counsellor's new example still
/// teaches the classifier at once; <c>ScreenerBench --refresh-vectors</c> rewrites the file, and a test fails while
/// it is out of date.
/// </summary>
public sealed class LabelledVectors
{
    private const string Magic = "reflectbot-vectors-1";

    private readonly Dictionary<ulong, Half[]> _vectors;

    private LabelledVectors(string modelId, int dimensions, Dictionary<ulong, Half[]> vectors)
    {
        ModelId = modelId;
        Dimensions = dimensions;
        _vectors = vectors;
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    public int Count => _vectors.Count;

    /// <summary>An empty cache for <paramref name="embedder"/>'s model.</summary>
    public static LabelledVectors Empty(ISentenceEmbedder embedder) => new(embedder.ModelId, embedder.Dimensions, []);

    /// <summary>
    /// Reads the file; a missing file, or one written by another model, gives an empty cache for
    /// <paramref name="embedder"/> (everything is embedded afresh). A damaged file is an error naming it.
    /// </summary>
    public static LabelledVectors Read(string path, ISentenceEmbedder embedder)
    {
        if (!File.Exists(path))
        {
            return Empty(embedder);
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException("not a vector file");
            }

            var modelId = reader.ReadString();
            var dimensions = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (modelId != embedder.ModelId || dimensions != embedder.Dimensions)
            {
                return Empty(embedder);
            }

            var vectors = new Dictionary<ulong, Half[]>(count);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadUInt64();
                var vector = new Half[dimensions];
                for (var d = 0; d < dimensions; d++)
                {
                    vector[d] = reader.ReadHalf();
                }

                vectors[key] = vector;
            }

            return new LabelledVectors(modelId, dimensions, vectors);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException)
        {
            throw new Content.ContentException(Path.GetFileName(path), 0, $"the vector file is damaged ({ex.Message}); rebuild it with ScreenerBench --refresh-vectors");
        }
    }

    /// <summary>Writes the vectors of <paramref name="texts"/> only (entries of messages no longer in the set are dropped), in a stable order.</summary>
    public void Write(string path, IEnumerable<string> texts)
    {
        var keys = texts.Select(Key).Distinct().Where(_vectors.ContainsKey).Order().ToList();
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(ModelId);
        writer.Write(Dimensions);
        writer.Write(keys.Count);
        foreach (var key in keys)
        {
            writer.Write(key);
            foreach (var value in _vectors[key])
            {
                writer.Write(value);
            }
        }
    }

    public bool Contains(string text) => _vectors.ContainsKey(Key(text));

    /// <summary>
    /// The vector of each text: from the file, or embedded now (and kept, for <see cref="Write"/>). Every vector goes
    /// through 16-bit rounding, so a message trains the same whether it came from the file or from the model.
    /// </summary>
    public float[][] Resolve(IReadOnlyList<string> texts, ISentenceEmbedder embedder, out int embeddedNow)
    {
        embeddedNow = 0;
        var result = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var key = Key(texts[i]);
            if (!_vectors.TryGetValue(key, out var stored))
            {
                var fresh = embedder.Embed(texts[i]);
                stored = new Half[fresh.Length];
                for (var d = 0; d < fresh.Length; d++)
                {
                    stored[d] = (Half)fresh[d];
                }

                _vectors[key] = stored;
                embeddedNow++;
            }

            var vector = new float[stored.Length];
            for (var d = 0; d < stored.Length; d++)
            {
                vector[d] = (float)stored[d];
            }

            result[i] = vector;
        }

        return result;
    }

    /// <summary>The first 8 bytes of the SHA-256 of the UTF-8 text: stable across runs and machines.</summary>
    public static ulong Key(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BitConverter.ToUInt64(hash);
    }
}
