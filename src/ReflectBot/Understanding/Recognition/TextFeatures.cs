using System.Runtime.InteropServices;

namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// The word-level features of a message, next to its sentence embedding: words, word pairs and the three-letter pieces
/// of each word, hashed into <see cref="Buckets"/> buckets and scaled to unit length. Words carry what the embedding
/// blurs ("plan", "rehearse", "rephrase" name a conversation outright); the letter pieces let a misspelling
/// ("rehersal", "therapst") share most of its features with the word it means. Apostrophes are dropped so "dont" and
/// "don't" are one word, and a question mark is a feature of its own, since questions and statements lead to
/// different places.
/// </summary>
public static class TextFeatures
{
    /// <summary>2^14 buckets: few enough collisions for a few thousand distinct pieces, small enough to train in moments.</summary>
    public const int Buckets = 1 << 14;

    private const uint Mask = Buckets - 1;
    private const uint WordSeed = 2166136261u;
    private const uint PairSeed = 0x85EBCA6Bu;
    private const uint PieceSeed = 0x9E3779B9u;

    /// <summary>The message's features as (bucket, weight) pairs, buckets in no particular order, each once.</summary>
    public static SparseVector Extract(string? text)
    {
        var counts = new Dictionary<int, float>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return SparseVector.Empty;
        }

        var previous = 0u;
        var index = 0;
        foreach (var word in Words(text))
        {
            var hash = Fnv(WordSeed, word);
            Add(counts, hash);
            if (index++ > 0)
            {
                Add(counts, Mix(previous, hash ^ PairSeed));
            }

            previous = hash;
            AddPieces(counts, word);
        }

        if (text.Contains('?', StringComparison.Ordinal))
        {
            Add(counts, Fnv(WordSeed, "?"));
        }

        return SparseVector.Normalised(counts);
    }

    /// <summary>Lower-case words of letters and digits; apostrophes join ("don't" is "dont"), anything else splits.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        Span<char> buffer = stackalloc char[64];
        var length = 0;
        foreach (var raw in text)
        {
            if (char.IsLetterOrDigit(raw))
            {
                if (length < buffer.Length)
                {
                    buffer[length++] = char.ToLowerInvariant(raw);
                }
            }
            else if (raw is '\'' or '\u2019' or '\u2018' or '`')
            {
                // "don't" → "dont": people type both.
            }
            else if (length > 0)
            {
                words.Add(new string(buffer[..length]));
                length = 0;
            }
        }

        if (length > 0)
        {
            words.Add(new string(buffer[..length]));
        }

        return words;
    }

    /// <summary>The word's three-letter pieces, with its start and end marked: "plan" → "&lt;pl", "pla", "lan", "an&gt;".</summary>
    private static void AddPieces(Dictionary<int, float> counts, string word)
    {
        var marked = $"<{word}>";
        for (var i = 0; i + 3 <= marked.Length; i++)
        {
            Add(counts, Fnv(PieceSeed, marked.AsSpan(i, 3)));
        }
    }

    private static void Add(Dictionary<int, float> counts, uint hash)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, (int)(hash & Mask), out _);
        slot += 1;
    }

    private static uint Fnv(uint seed, ReadOnlySpan<char> text)
    {
        var hash = seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static uint Mix(uint a, uint b)
    {
        var h = (a * 31) ^ b;
        h ^= h >> 16;
        h *= 0x7FEB352Du;
        h ^= h >> 15;
        return h;
    }
}

/// <summary>A few non-zero entries of a long vector: parallel arrays of positions and values.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector Empty { get; } = new([], []);

    /// <summary>The counts scaled to unit length, so long and short messages weigh the same.</summary>
    public static SparseVector Normalised(Dictionary<int, float> counts)
    {
        var indices = new int[counts.Count];
        var values = new float[counts.Count];
        var sumOfSquares = 0f;
        var i = 0;
        foreach (var (index, count) in counts)
        {
            indices[i] = index;
            values[i] = count;
            sumOfSquares += count * count;
            i++;
        }

        var scale = sumOfSquares > 0 ? 1 / MathF.Sqrt(sumOfSquares) : 0;
        for (var k = 0; k < values.Length; k++)
        {
            values[k] *= scale;
        }

        return new SparseVector(indices, values);
    }
}
