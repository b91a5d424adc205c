using ReflectBot.Content;

namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// Finds listed phrases in a message as whole words, ignoring case and punctuation; where phrases overlap the longer
/// one wins ("my ex husband" over "husband"). Built once from content; matching a message costs a pass over its words.
/// </summary>
public sealed class PhraseMatcher<TValue>
{
    // First word → phrases starting with it, longest first.
    private readonly Dictionary<string, List<(string[] Words, TValue Value)>> _byFirstWord = new(StringComparer.Ordinal);

    public PhraseMatcher(IEnumerable<(string Phrase, TValue Value)> phrases)
    {
        foreach (var (phrase, value) in phrases)
        {
            var words = Tokens(phrase);
            if (words.Length == 0)
            {
                continue;
            }

            if (!_byFirstWord.TryGetValue(words[0], out var list))
            {
                _byFirstWord[words[0]] = list = [];
            }

            list.Add((words, value));
        }

        foreach (var list in _byFirstWord.Values)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
    }

    /// <summary>A message's words as the matcher reads them (<see cref="Phrase.Normalize"/>, split on spaces, no '?').</summary>
    public static string[] Tokens(string? text) =>
        Phrase.Normalize(text).Replace("?", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every match, left to right, none overlapping: (value, first word, word count).</summary>
    public List<(TValue Value, int Start, int Length)> FindAll(IReadOnlyList<string> words)
    {
        var found = new List<(TValue, int, int)>();
        for (var i = 0; i < words.Count;)
        {
            if (Longest(words, i) is { } match)
            {
                found.Add((match.Value, i, match.Length));
                i += match.Length;
            }
            else
            {
                i++;
            }
        }

        return found;
    }

    private (TValue Value, int Length)? Longest(IReadOnlyList<string> words, int at)
    {
        if (!_byFirstWord.TryGetValue(words[at], out var candidates))
        {
            return null;
        }

        foreach (var (phrase, value) in candidates)
        {
            if (at + phrase.Length > words.Count)
            {
                continue;
            }

            var all = true;
            for (var k = 1; k < phrase.Length && all; k++)
            {
                all = string.Equals(words[at + k], phrase[k], StringComparison.Ordinal);
            }

            if (all)
            {
                return (value, phrase.Length);
            }
        }

        return null;
    }
}
