namespace ReflectBot.Safety.Screening;

/// <summary>
/// Patterns grouped by the word they start with, so each message word only tries the few patterns
/// that could begin there. Patterns starting with a word start/end or an optional element are always tried.
/// </summary>
internal sealed class PatternIndex
{
    private readonly PhrasePattern[][] _byFirstWord;
    private readonly PhrasePattern[] _always;

    public PatternIndex(IReadOnlyList<PhrasePattern> patterns, int vocabularySize)
    {
        All = patterns;
        var byFirst = new List<PhrasePattern>?[vocabularySize];
        var always = new List<PhrasePattern>();
        foreach (var pattern in patterns)
        {
            var firstIds = pattern.FirstWordIds();
            if (firstIds is null)
            {
                always.Add(pattern);
                continue;
            }

            foreach (var id in firstIds)
            {
                (byFirst[id] ??= []).Add(pattern);
            }
        }

        _byFirstWord = byFirst.Select(list => list?.ToArray() ?? []).ToArray();
        _always = [.. always];
        MaxWidth = patterns.Count == 0 ? 0 : patterns.Max(p => p.MaxWidth);
    }

    public IReadOnlyList<PhrasePattern> All { get; }

    /// <summary>Most words any pattern here can span.</summary>
    public int MaxWidth { get; }

    public ReadOnlySpan<PhrasePattern> StartingWith(int wordId) =>
        wordId >= 0 && wordId < _byFirstWord.Length ? _byFirstWord[wordId] : [];

    public ReadOnlySpan<PhrasePattern> AlwaysTried => _always;

    /// <summary>True when some pattern matches starting at <paramref name="start"/> and ending inside [minEnd, maxEnd].</summary>
    public bool AnyMatchAt(in MessageView message, int start, int minEnd, int maxEnd)
    {
        var id = message.Tokens[start].Id;
        return AnyIn(StartingWith(id), message, start, minEnd, maxEnd) || AnyIn(_always, message, start, minEnd, maxEnd);
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
