using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Safety.Model;

/// <summary>Receives the hashed feature indices of one message, one call per occurrence.</summary>
internal interface IFeatureSink
{
    void Add(int index);
}

/// <summary>
/// The classifier's features, read from the screener's normalised words (so typo correction, rewrites and
/// slang folding happen in one place, <see cref="TextNormaliser"/>): word unigrams, word bigrams, and
/// character 3- to 5-grams of the words joined by spaces, each hashed into 2^bits buckets. Character
/// n-grams let an unseen spelling ("paracetemol", "overdosed") share most features with a known one.
/// Hashing on spans: nothing is allocated.
/// </summary>
internal static class HashedFeatures
{
    private const uint WordSeed = 2166136261u;
    private const uint CharSeed = 0x9E3779B9u;
    private const uint BigramSalt = 0x85EBCA6Bu;
    private const int MinChars = 3;
    private const int MaxChars = 5;

    public static void Visit<TSink>(in MessageView message, int mask, ref TSink sink)
        where TSink : IFeatureSink, allows ref struct
    {
        Span<char> ring = stackalloc char[MaxChars];
        var written = 0;
        Push(' ', ring, ref written, mask, ref sink);
        var previousWord = 0u;
        for (var i = 0; i < message.Count; i++)
        {
            var word = message.TextOf(i);
            var hash = Fnv(WordSeed, word);
            sink.Add((int)(hash & (uint)mask));
            if (i > 0)
            {
                sink.Add((int)(Mix(previousWord * 31 + BigramSalt, hash) & (uint)mask));
            }

            previousWord = hash;
            foreach (var c in word)
            {
                Push(c, ring, ref written, mask, ref sink);
            }

            Push(' ', ring, ref written, mask, ref sink);
        }
    }

    /// <summary>Adds one character to the stream and emits the 3-, 4- and 5-grams that end at it.</summary>
    private static void Push<TSink>(char c, scoped Span<char> ring, ref int written, int mask, ref TSink sink)
        where TSink : IFeatureSink, allows ref struct
    {
        ring[written % MaxChars] = c;
        written++;
        for (var n = MinChars; n <= MaxChars && n <= written; n++)
        {
            var hash = CharSeed;
            for (var k = written - n; k < written; k++)
            {
                hash = (hash ^ ring[k % MaxChars]) * 16777619u;
            }

            sink.Add((int)(Mix(hash, (uint)n) & (uint)mask));
        }
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

    /// <summary>A final avalanche (murmur3 fmix) so low bits depend on every input bit before masking.</summary>
    private static uint Mix(uint a, uint b)
    {
        var h = a ^ (b * 0xCC9E2D51u);
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}

/// <summary>Collects feature indices for training (allocates; start-up and tools only).</summary>
internal struct ListFeatureSink(List<int> indices) : IFeatureSink
{
    public readonly void Add(int index) => indices.Add(index);
}
