using ReflectBot.Content;

namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// What patterns need while they are read: the vocabulary, the word lists and the rewrite rules to check
/// against. A pattern or list word the rewrites would change could never match, so it is refused with the
/// words to write instead.
/// </summary>
internal sealed class PatternContext(Vocabulary vocabulary)
{
    private readonly Dictionary<string, Element> _wordLists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rewriteSources = new(StringComparer.Ordinal);
    private readonly List<(string[] From, string To)> _phraseRewrites = [];

    public Vocabulary Vocabulary { get; } = vocabulary;

    /// <summary>Single words the rewrites replace, with what they become: a pattern using one could never match.</summary>
    public void AddRewriteSource(string word, string replacement) => _rewriteSources[word] = replacement;

    public bool IsRewriteSource(string word) => _rewriteSources.ContainsKey(word);

    /// <summary>Multi-word rewrite sources ("do not" → dont), checked against multi-word alternatives.</summary>
    public void AddPhraseRewrite(string[] from, string replacement) => _phraseRewrites.Add((from, replacement));

    public void CheckNotRewritten(string[] words, ContentNode node)
    {
        foreach (var (from, to) in _phraseRewrites)
        {
            for (var start = 0; start + from.Length <= words.Length; start++)
            {
                if (words.AsSpan(start, from.Length).SequenceEqual(from))
                {
                    throw node.Error($"'{string.Join(' ', from)}' never reaches the patterns because the rewrites turn it into '{to}'; write '{to}' instead");
                }
            }
        }
    }

    public bool HasWordList(string name) => _wordLists.ContainsKey(name);

    public IEnumerable<string> WordListNames => _wordLists.Keys;

    public void AddWordList(string name, Element element) => _wordLists.Add(name, element);

    public Element WordList(string name, ContentNode node) =>
        _wordLists.TryGetValue(name, out var list)
            ? list
            : throw node.Error($"unknown list '{{{name}}}' (known: {string.Join(", ", _wordLists.Keys.Order(StringComparer.Ordinal))})");

    public int Word(string word, ContentNode node)
    {
        CheckWord(word, node, asStem: false);
        if (_rewriteSources.TryGetValue(word, out var replacement))
        {
            throw node.Error($"'{word}' never reaches the patterns because the rewrites turn it into '{replacement}'; write '{replacement}' instead");
        }

        return Vocabulary.Intern(word);
    }

    /// <summary>
    /// The words of a list entry or lexicon word, read like a message: split at spaces and hyphens ("self-conscious"
    /// is "self conscious"), each checked and numbered.
    /// </summary>
    public int[] Words(string text, ContentNode node)
    {
        var words = text.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            throw node.Error($"'{text}' has no words in it");
        }

        var ids = words.Select(w => Word(w, node)).ToArray();
        CheckNotRewritten(words, node);
        return ids;
    }

    public void CheckWord(string word, ContentNode node, bool asStem)
    {
        if (!asStem && IsSymbolWord(word))
        {
            return;
        }

        foreach (var c in word)
        {
            if (!(char.IsLetterOrDigit(c) && !char.IsUpper(c)))
            {
                var hint = c == '\'' ? " (write words without apostrophes: dont, i am, cant)" : "";
                throw node.Error($"'{word}' may only hold lower-case letters and digits{hint}{(asStem ? "" : "; use * only at a word's start or end")}");
            }
        }
    }

    /// <summary>One emoji or symbol ("🙄"), which the normaliser keeps as a word once the data names it.</summary>
    private static bool IsSymbolWord(string word) =>
        (word.Length == 1 && char.GetUnicodeCategory(word[0]) == System.Globalization.UnicodeCategory.OtherSymbol)
        || (word.Length == 2 && char.IsSurrogatePair(word[0], word[1]));
}
