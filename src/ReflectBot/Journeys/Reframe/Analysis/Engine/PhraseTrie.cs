namespace ReflectBot.Journeys.Reframe.Analysis.Engine;

/// <summary>
/// A set of word sequences ("every time", "taken for granted") stored as a trie so matching walks
/// the user's tokens once, longest entry first. Each entry may carry a term: the lexicon word it
/// stands for (for "taking me for granted", the faux feeling "taken for granted").
/// </summary>
internal sealed class PhraseTrie
{
    internal sealed class Node
    {
        public Dictionary<string, Node>? Next;
        public bool Terminal;
        public string? Term;
    }

    public Node Root { get; } = new();

    public bool IsEmpty => Root.Next is null;

    /// <summary>True when every entry is a single word (needed for "!word" exclusions).</summary>
    public bool SingleWordsOnly { get; private set; } = true;

    public IEnumerable<string> FirstWords => Root.Next?.Keys ?? Enumerable.Empty<string>();

    public void Add(IReadOnlyList<string> words, string? term)
    {
        if (words.Count == 0)
        {
            return;
        }

        if (words.Count > 1)
        {
            SingleWordsOnly = false;
        }

        var node = Root;
        foreach (var word in words)
        {
            node.Next ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Next.TryGetValue(word, out var child))
            {
                child = new Node();
                node.Next[word] = child;
            }

            node = child;
        }

        node.Terminal = true;
        // The first entry to claim a sequence keeps its term, so lexicon order decides ties.
        node.Term ??= term;
    }

    public void AddAll(PhraseTrie other)
    {
        Walk(other.Root, new List<string>());

        void Walk(Node node, List<string> path)
        {
            if (node.Terminal)
            {
                Add(path, node.Term);
            }

            if (node.Next is null)
            {
                return;
            }

            foreach (var (word, child) in node.Next)
            {
                path.Add(word);
                Walk(child, path);
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    public bool ContainsWord(string word) =>
        Root.Next is not null && Root.Next.TryGetValue(word, out var node) && node.Terminal;

    /// <summary>The longest entry starting at <paramref name="start"/> (before <paramref name="limit"/>), if any.</summary>
    public bool TryMatchLongest(Token[] tokens, int start, int limit, out int end, out string? term)
    {
        end = -1;
        term = null;
        var node = Root;
        for (var i = start; i < limit; i++)
        {
            if (node.Next is null || !node.Next.TryGetValue(tokens[i].Text, out var child))
            {
                break;
            }

            node = child;
            if (node.Terminal)
            {
                end = i + 1;
                term = node.Term;
            }
        }

        return end > 0;
    }
}
