using ReflectBot.Content;

namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// Patterns grouped by how they can start, so each message word only tries the few patterns that
/// could begin there: by first word id, or by the first three letters of a word-start element
/// (<c>kill*</c>), looking through leading optional elements. The rest (a leading word end, number
/// or gap) are always tried.
/// </summary>
internal sealed class PatternIndex
{
    private readonly PhrasePattern[][] _byFirstWord;
    private readonly Dictionary<long, PhrasePattern[]> _byFirstLetters;
    private readonly PhrasePattern[] _always;

    public PatternIndex(IReadOnlyList<PhrasePattern> patterns, int vocabularySize)
    {
        All = patterns;
        var byFirst = new List<PhrasePattern>?[vocabularySize];
        var byLetters = new Dictionary<long, List<PhrasePattern>>();
        var always = new List<PhrasePattern>();
        foreach (var pattern in patterns)
        {
            if (!pattern.TryGetStarts(out var firstIds, out var firstPrefixes))
            {
                always.Add(pattern);
                continue;
            }

            foreach (var id in firstIds)
            {
                var list = byFirst[id] ??= [];
                if (!list.Contains(pattern))
                {
                    list.Add(pattern);
                }
            }

            foreach (var prefix in firstPrefixes)
            {
                var key = LetterKey(prefix);
                if (!byLetters.TryGetValue(key, out var list))
                {
                    byLetters[key] = list = [];
                }

                if (!list.Contains(pattern))
                {
                    list.Add(pattern);
                }
            }
        }

        _byFirstWord = byFirst.Select(list => list?.ToArray() ?? []).ToArray();
        _byFirstLetters = byLetters.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _always = [.. always];
        MaxWidth = patterns.Count == 0 ? 0 : patterns.Max(p => p.MaxWidth);
    }

    /// <summary>Reads a list of patterns (cues). Words interned later cannot start them, so the vocabulary size now is enough.</summary>
    public static PatternIndex Read(ContentNode list, PatternContext context) =>
        new(list.Items().Select((node, i) => PatternParser.Parse(node, i, context)).ToList(), context.Vocabulary.Count);

    public IReadOnlyList<PhrasePattern> All { get; }

    /// <summary>Most words any pattern here can span.</summary>
    public int MaxWidth { get; }

    private ReadOnlySpan<PhrasePattern> StartingWith(int wordId) =>
        wordId >= 0 && wordId < _byFirstWord.Length ? _byFirstWord[wordId] : [];

    /// <summary>
    /// Patterns whose start is a word-start element sharing this word's first three letters. A pattern
    /// may also be listed under <see cref="StartingWith"/>; trying it twice changes nothing.
    /// </summary>
    private ReadOnlySpan<PhrasePattern> StartingWithLettersOf(ReadOnlySpan<char> word) =>
        word.Length >= 3 && _byFirstLetters.Count > 0 && _byFirstLetters.TryGetValue(LetterKey(word), out var list) ? list : [];

    /// <summary>Every pattern that could match at <paramref name="position"/>, in three groups.</summary>
    public Candidates CandidatesAt(in MessageView message, int position) => new(
        StartingWith(message.Tokens[position].Id),
        StartingWithLettersOf(message.TextOf(position)),
        _always);

    private static long LetterKey(ReadOnlySpan<char> word) => ((long)word[0] << 32) | ((long)word[1] << 16) | word[2];

    /// <summary>True when some pattern matches starting at <paramref name="start"/> and ending inside [minEnd, maxEnd].</summary>
    public bool AnyMatchAt(in MessageView message, int start, int minEnd, int maxEnd)
    {
        var candidates = CandidatesAt(message, start);
        return AnyIn(candidates.ByWord, message, start, minEnd, maxEnd)
            || AnyIn(candidates.ByLetters, message, start, minEnd, maxEnd)
            || AnyIn(candidates.Always, message, start, minEnd, maxEnd);
    }

    private static bool AnyIn(ReadOnlySpan<PhrasePattern> patterns, in MessageView message, int start, int minEnd, int maxEnd)
    {
        foreach (var pattern in patterns)
        {
            var ends = new EndSet();
            pattern.Match(message, start, ref ends);
            for (var i = 0; i < ends.Count; i++)
            {
                if (ends[i] >= minEnd && ends[i] <= maxEnd)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>The patterns worth trying at one position.</summary>
internal readonly ref struct Candidates(ReadOnlySpan<PhrasePattern> byWord, ReadOnlySpan<PhrasePattern> byLetters, ReadOnlySpan<PhrasePattern> always)
{
    public ReadOnlySpan<PhrasePattern> ByWord { get; } = byWord;
    public ReadOnlySpan<PhrasePattern> ByLetters { get; } = byLetters;
    public ReadOnlySpan<PhrasePattern> Always { get; } = always;
}
