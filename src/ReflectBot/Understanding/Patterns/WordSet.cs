using ReflectBot.Content;

namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// Collects the alternatives of one word element or word list: single words, word sequences, word starts and
/// ends, each single word or sequence with an optional term. When two entries claim the same words, the first
/// term given wins, so file order decides.
/// </summary>
internal sealed class WordSet
{
    private readonly SortedDictionary<int, int> _singles = [];
    private readonly List<(int[] Words, int Term)> _sequences = [];
    private readonly List<string> _prefixes = [];
    private readonly List<string> _suffixes = [];

    /// <summary>Adds words (one, or a sequence); false when exactly these words were already there.</summary>
    public bool Add(int[] words, int term)
    {
        if (words.Length == 1)
        {
            if (_singles.TryGetValue(words[0], out var existing))
            {
                if (existing < 0)
                {
                    _singles[words[0]] = term;
                }

                return false;
            }

            _singles.Add(words[0], term);
            return true;
        }

        var at = _sequences.FindIndex(s => s.Words.AsSpan().SequenceEqual(words));
        if (at >= 0)
        {
            if (_sequences[at].Term < 0)
            {
                _sequences[at] = (words, term);
            }

            return false;
        }

        _sequences.Add((words, term));
        return true;
    }

    /// <summary>Adds "strangl*" as a word start or "*ing" as a word end; false when <paramref name="text"/> is neither.</summary>
    public bool TryAddAffix(string text, ContentNode node, PatternContext context)
    {
        if (text.Length <= 1 || text.Contains(' ') || !(text.EndsWith('*') || text.StartsWith('*')))
        {
            return false;
        }

        var isPrefix = text.EndsWith('*');
        var stem = isPrefix ? text[..^1] : text[1..];
        context.CheckWord(stem, node, asStem: true);
        if (stem.Length < 3)
        {
            throw node.Error($"'{text}': a word start or end needs at least 3 letters");
        }

        (isPrefix ? _prefixes : _suffixes).Add(stem);
        return true;
    }

    /// <summary>Adds every alternative of a word list, with its terms.</summary>
    public void AddAll(Element list)
    {
        for (var i = 0; i < list.Singles.Length; i++)
        {
            Add([list.Singles[i]], list.SingleTerms[i]);
        }

        for (var i = 0; i < list.Sequences.Length; i++)
        {
            Add(list.Sequences[i], list.SequenceTerms[i]);
        }

        _prefixes.AddRange(list.Prefixes);
        _suffixes.AddRange(list.Suffixes);
    }

    public Element Build(bool optional = false)
    {
        // Longest sequences first (stable, so file order breaks ties): the longest reading is tried first.
        var sequences = _sequences.OrderByDescending(s => s.Words.Length).ToArray();
        return new Element
        {
            Kind = ElementKind.Words,
            Optional = optional,
            Singles = [.. _singles.Keys],
            SingleTerms = [.. _singles.Values],
            Sequences = [.. sequences.Select(s => s.Words)],
            SequenceTerms = [.. sequences.Select(s => s.Term)],
            Prefixes = [.. _prefixes],
            Suffixes = [.. _suffixes],
        };
    }
}
