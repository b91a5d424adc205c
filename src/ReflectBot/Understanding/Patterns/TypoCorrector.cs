namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// Maps a message word the data does not know to a listed risk word one typing slip away ("sucidal",
/// "strangeled", "overdoes"): one letter missing, extra, changed, or two neighbours swapped. Built once
/// at load as a symmetric-deletion table (every listed word and each of its one-letter deletions), so a
/// lookup tries the word and its own one-letter deletions, then confirms the distance, without allocating.
/// Only words at least <c>min_length</c> long are corrected, the first letter must agree (people rarely
/// mistype it, and it keeps "spills" from becoming "pills"), and the data's not_typos list names real
/// words that must never be corrected ("choker" is not "choked").
/// </summary>
internal sealed class TypoCorrector
{
    /// <summary>Longest message word tried; longer ones are left alone (no lexicon word is that long).</summary>
    private const int MaxWordLength = 32;

    private readonly Dictionary<string, int[]> _candidatesByKey;
    private readonly Dictionary<char, (uint Mask, int Length)[]> _shapesByFirstLetter;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> _notTypos;
    private readonly Vocabulary _vocabulary;
    private readonly int _minLength;

    public TypoCorrector(Vocabulary vocabulary, IEnumerable<int> wordIds, IEnumerable<string> notTypos, int minLength)
    {
        _vocabulary = vocabulary;
        _minLength = minLength;
        var byKey = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var id in wordIds)
        {
            var word = vocabulary.Word(id);
            Add(byKey, word, id);
            for (var i = 0; i < word.Length; i++)
            {
                Add(byKey, word.Remove(i, 1), id);
            }
        }

        // A cheap first test: the letters of a word one slip away differ by at most one letter each way.
        _shapesByFirstLetter = wordIds
            .Select(id => vocabulary.Word(id))
            .GroupBy(w => w[0])
            .ToDictionary(g => g.Key, g => g.Select(w => (LetterMask(w), w.Length)).ToArray());
        _candidatesByKey = byKey.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _lookup = _candidatesByKey.GetAlternateLookup<ReadOnlySpan<char>>();
        _notTypos = notTypos.ToDictionary(w => w, _ => true, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        WordCount = wordIds.Count();
    }

    /// <summary>A corrector that corrects nothing: for data without a typo_tolerance section.</summary>
    public static TypoCorrector None(Vocabulary vocabulary) => new(vocabulary, [], [], int.MaxValue);

    /// <summary>How many words are typo-tolerant (0 turns correction off).</summary>
    public int WordCount { get; }

    private static void Add(Dictionary<string, SortedSet<int>> byKey, string key, int id)
    {
        if (!byKey.TryGetValue(key, out var set))
        {
            byKey[key] = set = [];
        }

        set.Add(id);
    }

    /// <summary>The one listed word <paramref name="word"/> is a slip of, or <see cref="Vocabulary.Unknown"/> (none, or more than one).</summary>
    public int Correct(ReadOnlySpan<char> word)
    {
        if (WordCount == 0 || word.Length < _minLength || word.Length > MaxWordLength || _notTypos.ContainsKey(word))
        {
            return Vocabulary.Unknown;
        }

        if (!CouldBeASlip(word))
        {
            return Vocabulary.Unknown;
        }

        var found = Vocabulary.Unknown;
        if (!Consider(word, word, ref found))
        {
            return Vocabulary.Unknown;
        }

        Span<char> shorter = stackalloc char[MaxWordLength];
        for (var i = 0; i < word.Length; i++)
        {
            // Deleting either of two equal neighbours gives the same key: try it once.
            if (i > 0 && word[i] == word[i - 1])
            {
                continue;
            }

            word[..i].CopyTo(shorter);
            word[(i + 1)..].CopyTo(shorter[i..]);
            if (!Consider(word, shorter[..(word.Length - 1)], ref found))
            {
                return Vocabulary.Unknown;
            }
        }

        return found;
    }

    /// <summary>
    /// False when no listed word with the same first letter has a length within one and a set of letters
    /// within one added and one missing letter: most ordinary words stop here, before any table lookup.
    /// </summary>
    private bool CouldBeASlip(ReadOnlySpan<char> word)
    {
        if (!_shapesByFirstLetter.TryGetValue(word[0], out var shapes))
        {
            return false;
        }

        var mask = LetterMask(word);
        foreach (var (listedMask, length) in shapes)
        {
            if (Math.Abs(length - word.Length) <= 1
                && System.Numerics.BitOperations.PopCount(mask & ~listedMask) <= 1
                && System.Numerics.BitOperations.PopCount(listedMask & ~mask) <= 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One bit per letter a to z present (anything else shares bit 26).</summary>
    private static uint LetterMask(ReadOnlySpan<char> word)
    {
        var mask = 0u;
        foreach (var c in word)
        {
            mask |= c is >= 'a' and <= 'z' ? 1u << (c - 'a') : 1u << 26;
        }

        return mask;
    }

    /// <summary>Checks the words filed under <paramref name="key"/>; false when a second, different word also fits (ambiguous).</summary>
    private bool Consider(ReadOnlySpan<char> word, ReadOnlySpan<char> key, ref int found)
    {
        if (!_lookup.TryGetValue(key, out var ids))
        {
            return true;
        }

        foreach (var id in ids)
        {
            if (id == found)
            {
                continue;
            }

            var candidate = _vocabulary.Word(id).AsSpan();
            if (candidate[0] != word[0] || !WithinOneEdit(word, candidate))
            {
                continue;
            }

            if (found != Vocabulary.Unknown)
            {
                return false;
            }

            found = id;
        }

        return true;
    }

    /// <summary>True when the two differ by one insertion, deletion, substitution or swap of neighbours.</summary>
    internal static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var prefix = a.CommonPrefixLength(b);
        if (prefix == a.Length && prefix == b.Length)
        {
            return false;
        }

        var restA = a[prefix..];
        var restB = b[prefix..];
        if (a.Length == b.Length)
        {
            // Substitution, or a swap of the two letters at the first difference.
            return restA[1..].SequenceEqual(restB[1..])
                || (restA.Length >= 2 && restA[0] == restB[1] && restA[1] == restB[0] && restA[2..].SequenceEqual(restB[2..]));
        }

        return a.Length > b.Length ? restA[1..].SequenceEqual(restB) : restB[1..].SequenceEqual(restA);
    }
}
