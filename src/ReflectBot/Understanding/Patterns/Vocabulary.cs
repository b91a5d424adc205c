namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// Every word the screening data mentions, numbered once at load so matching compares integers.
/// A message word the data never mentions gets id -1 and can only match prefix/suffix/number elements.
/// </summary>
internal sealed class Vocabulary
{
    public const int Unknown = -1;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private bool[] _negationWords = [];
    private bool[] _clauseWords = [];
    private bool[] _firstPersonWords = [];

    public Vocabulary() => _spanLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _words.Count;

    public int Intern(string word)
    {
        if (_ids.TryGetValue(word, out var id))
        {
            return id;
        }

        id = _words.Count;
        _words.Add(word);
        _ids.Add(word, id);
        return id;
    }

    /// <summary>Allocation-free lookup of a message word.</summary>
    public int Lookup(ReadOnlySpan<char> word) => _spanLookup.TryGetValue(word, out var id) ? id : Unknown;

    public string Word(int id) => _words[id];

    /// <summary>Single words that negate ("not", "never", "dont"): a pattern gap may not skip over them.</summary>
    public bool IsNegationWord(int id) => id >= 0 && id < _negationWords.Length && _negationWords[id];

    /// <summary>Words that open a new clause ("but"), like a full stop does.</summary>
    public bool IsClauseWord(int id) => id >= 0 && id < _clauseWords.Length && _clauseWords[id];

    /// <summary>Words for the person themself ("i", "me", "my"), for rules that only count near them.</summary>
    public bool IsFirstPersonWord(int id) => id >= 0 && id < _firstPersonWords.Length && _firstPersonWords[id];

    public void Freeze(IEnumerable<int> negationWords, IEnumerable<int> clauseWords, IEnumerable<int> firstPersonWords)
    {
        _firstPersonWords = new bool[_words.Count];
        foreach (var id in firstPersonWords)
        {
            _firstPersonWords[id] = true;
        }

        _negationWords = new bool[_words.Count];
        foreach (var id in negationWords)
        {
            _negationWords[id] = true;
        }

        _clauseWords = new bool[_words.Count];
        foreach (var id in clauseWords)
        {
            _clauseWords[id] = true;
        }
    }
}
