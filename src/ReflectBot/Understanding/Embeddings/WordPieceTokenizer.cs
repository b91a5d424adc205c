using System.Globalization;

namespace ReflectBot.Understanding.Embeddings;

/// <summary>
/// The uncased BERT tokenizer the embedding model was trained with: clean the text, lower-case it, strip accents,
/// split on whitespace and punctuation, then cut each word into the longest vocabulary pieces ("##" marks a piece
/// inside a word). Written here rather than taken from the model's package because that one allocates strings and
/// lists for every word, keeps accents ("déjà" becomes [UNK]) and does not split on most Unicode punctuation.
/// <see cref="Encode"/> writes token ids into a caller's buffer and allocates nothing.
/// </summary>
public sealed class WordPieceTokenizer
{
    /// <summary>Words longer than this become [UNK], as in BERT (they are never real words).</summary>
    private const int MaxCharsPerWord = 100;

    // Latin-1 Supplement and Latin Extended-A/B (U+00C0..U+024F): the base letter after lower-casing and dropping
    // combining marks (NFD), or \0 when the letter has no accent to strip. Built from Unicode's decompositions:
    // the host runs with invariant globalization, where string.Normalize does not decompose.
    private const int FoldStart = 0xC0;
    private const string LatinFold =
        "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0yaaaaaaccccccccdd\0\0eeeeeeeeeegggggggghh\0\0iiiiiiii\0\0\0\0jjkk\0llllll\0\0\0\0nnnnnn\0\0\0oooooo\0\0rrrrrrsssssssstttt\0\0uuuuuuuuuuuuwwyyyzzzzzz\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0oo\0\0\0\0\0\0\0\0\0\0\0\0\0uu\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0aaiioouuuuuuuuuu\0aaaa\u00e6\u00e6\0\0ggkkoooo\u0292\u0292j\0\0\0gg\0\0nnaa\u00e6\u00e6\u00f8\u00f8aaaaeeeeiiiioooorrrruuuusstt\0\0hh\0\0\0\0\0\0aaeeooooooooyy\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordPieceTokenizer(IReadOnlyList<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var ids = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++)
        {
            ids.TryAdd(vocabulary[i], i);
        }

        ClassifierToken = Required(ids, "[CLS]");
        SeparatorToken = Required(ids, "[SEP]");
        UnknownToken = Required(ids, "[UNK]");
        VocabularySize = vocabulary.Count;
        _lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int ClassifierToken { get; }

    public int SeparatorToken { get; }

    public int UnknownToken { get; }

    public int VocabularySize { get; }

    /// <summary>Reads a vocabulary file: one token per line, the line number is its id.</summary>
    public static WordPieceTokenizer Load(Stream vocabulary)
    {
        using var reader = new StreamReader(vocabulary);
        var tokens = new List<string>(32_000);
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line);
        }

        return new WordPieceTokenizer(tokens);
    }

    /// <summary>
    /// Writes [CLS], the text's pieces and [SEP] into <paramref name="ids"/> and returns how many were written. Pieces
    /// past <c>ids.Length - 2</c> are dropped (the model reads at most its maximum sequence length).
    /// </summary>
    public int Encode(ReadOnlySpan<char> text, Span<int> ids)
    {
        if (ids.Length < 2)
        {
            throw new ArgumentException("room for at least [CLS] and [SEP] is needed", nameof(ids));
        }

        var count = 0;
        ids[count++] = ClassifierToken;
        var limit = ids.Length - 1;
        Span<char> word = stackalloc char[MaxCharsPerWord + 3];
        var length = 0;
        var tooLong = false;
        foreach (var raw in text)
        {
            if (count >= limit)
            {
                break;
            }

            if (IsWhitespace(raw))
            {
                FlushWord(word, ref length, ref tooLong, ids, ref count, limit);
                continue;
            }

            if (IsControl(raw))
            {
                continue;
            }

            var c = Fold(raw);
            if (IsPunctuation(raw) || IsCjk(raw))
            {
                // Punctuation and CJK ideographs stand alone, as in BERT's basic tokenizer.
                FlushWord(word, ref length, ref tooLong, ids, ref count, limit);
                word[0] = c;
                length = 1;
                FlushWord(word, ref length, ref tooLong, ids, ref count, limit);
                continue;
            }

            if (length < MaxCharsPerWord)
            {
                word[length++] = c;
            }
            else
            {
                tooLong = true;
            }
        }

        FlushWord(word, ref length, ref tooLong, ids, ref count, limit);
        ids[count++] = SeparatorToken;
        return count;
    }

    private void FlushWord(Span<char> word, ref int length, ref bool tooLong, Span<int> ids, ref int count, int limit)
    {
        if (length == 0 || count >= limit)
        {
            length = 0;
            tooLong = false;
            return;
        }

        if (tooLong)
        {
            ids[count++] = UnknownToken;
        }
        else
        {
            AppendPieces(word, length, ids, ref count, limit);
        }

        length = 0;
        tooLong = false;
    }

    /// <summary>Greedy longest-match-first: a word that cannot be cut into known pieces is one [UNK].</summary>
    private void AppendPieces(Span<char> buffer, int length, Span<int> ids, ref int count, int limit)
    {
        if (_lookup.TryGetValue(buffer[..length], out var whole))
        {
            ids[count++] = whole;
            return;
        }

        // Pieces go to the end of ids first, so a word that fails part-way leaves nothing behind but its [UNK].
        var first = count;
        Span<char> piece = stackalloc char[MaxCharsPerWord + 2];
        var start = 0;
        while (start < length)
        {
            var found = -1;
            var end = length;
            for (; end > start; end--)
            {
                var candidate = piece;
                int size;
                if (start > 0)
                {
                    candidate[0] = '#';
                    candidate[1] = '#';
                    buffer[start..end].CopyTo(candidate[2..]);
                    size = end - start + 2;
                }
                else
                {
                    buffer[..end].CopyTo(candidate);
                    size = end;
                }

                if (_lookup.TryGetValue(candidate[..size], out var id))
                {
                    found = id;
                    break;
                }
            }

            if (found < 0)
            {
                count = first;
                ids[count++] = UnknownToken;
                return;
            }

            if (count >= limit)
            {
                return;
            }

            ids[count++] = found;
            start = end;
        }
    }

    private static char Fold(char c)
    {
        if (c < 0x80)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
        }

        var index = c - FoldStart;
        if ((uint)index < (uint)LatinFold.Length && LatinFold[index] != '\0')
        {
            return LatinFold[index];
        }

        return char.ToLowerInvariant(c);
    }

    private static bool IsWhitespace(char c) =>
        c is ' ' or '\t' or '\n' or '\r' || (c > 0x7F && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator);

    /// <summary>Control and format characters (zero-width spaces, BOMs) are dropped without breaking the word, as BERT's text cleaning does.</summary>
    private static bool IsControl(char c)
    {
        if (c < 0x20 || c == 0x7F || c == '\uFFFD')
        {
            return true;
        }

        if (c < 0x80)
        {
            return false;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        // Surrogates stay: an emoji's two halves reach the word and the whole word becomes [UNK], like BERT's.
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>ASCII symbols count as punctuation (BERT's rule), and so does every Unicode punctuation category.</summary>
    private static bool IsPunctuation(char c)
    {
        if (c < 0x80)
        {
            return c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    private static int Required(Dictionary<string, int> ids, string token) =>
        ids.TryGetValue(token, out var id) ? id : throw new InvalidDataException($"the vocabulary has no {token} token");
}
