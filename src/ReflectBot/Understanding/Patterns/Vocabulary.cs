namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// Every word the data mentions, numbered once at load so matching compares integers.
/// A message word the data never mentions gets id -1 and can only match word starts and ends, numbers,
/// <c>*</c> and <c>!word</c>. Also numbers terms: the text of a list entry ("self-conscious"), which a match
/// reports as the lexicon word behind it.
/// </summary>
internal sealed class Vocabulary
{
    public const int Unknown = -1;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private bool[] _negationWords = [];
    private bool[] _clauseWords = [];
    private bool[] _firstPersonWords = [];
    private bool[] _joinerWords = [];

    public Vocabulary() => _spanLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _words.Count;

    /// <summary>Some word is an emoji or symbol ("🙄"): only then does the normaliser keep symbols as words.</summary>
    public bool HasSymbolWords { get; private set; }

    /// <summary>Some word holds an apostrophe ("let's"): only then is a typed apostrophe looked up.</summary>
    public bool HasApostropheWords { get; private set; }

    public int Intern(string word)
    {
        if (_ids.TryGetValue(word, out var id))
        {
            return id;
        }

        id = _words.Count;
        _words.Add(word);
        _ids.Add(word, id);
        HasSymbolWords |= !char.IsLetterOrDigit(word[0]) && word[0] != '\'';
        HasApostropheWords |= word.Contains('\'');
        return id;
    }

    /// <summary>Allocation-free lookup of a message word.</summary>
    public int Lookup(ReadOnlySpan<char> word) => _spanLookup.TryGetValue(word, out var id) ? id : Unknown;

    public string Word(int id) => _words[id];

    public int InternTerm(string term)
    {
        if (!_termIds.TryGetValue(term, out var id))
        {
            id = _terms.Count;
            _terms.Add(term);
            _termIds.Add(term, id);
        }

        return id;
    }

    /// <summary>The term text of <paramref name="id"/>, or null for -1 (no term).</summary>
    public string? Term(int id) => id < 0 ? null : _terms[id];

    /// <summary>Single words that negate ("not", "never", "dont"): a pattern gap may not skip over them.</summary>
    public bool IsNegationWord(int id) => IsIn(_negationWords, id);

    /// <summary>Words that open a new clause ("but"), like a full stop does.</summary>
    public bool IsClauseWord(int id) => IsIn(_clauseWords, id);

    /// <summary>Words for the person themself ("i", "me", "my"), for rules that only count near them.</summary>
    public bool IsFirstPersonWord(int id) => IsIn(_firstPersonWords, id);

    /// <summary>Words after which <c>~</c> holds ("and", "but", "honestly"), without ending the clause.</summary>
    public bool IsJoinerWord(int id) => IsIn(_joinerWords, id);

    private static bool IsIn(bool[] set, int id) => id >= 0 && id < set.Length && set[id];

    public void Freeze(WordRoles roles)
    {
        _negationWords = Flags(roles.Negation);
        _clauseWords = Flags(roles.Clause);
        _firstPersonWords = Flags(roles.FirstPerson);
        _joinerWords = Flags(roles.Joiners);
    }

    private bool[] Flags(IEnumerable<int> ids)
    {
        var flags = new bool[_words.Count];
        foreach (var id in ids)
        {
            flags[id] = true;
        }

        return flags;
    }
}

/// <summary>Words with a part in reading a message, beyond what patterns say about them.</summary>
internal sealed record WordRoles(IEnumerable<int> Negation, IEnumerable<int> Clause, IEnumerable<int> FirstPerson, IEnumerable<int> Joiners);
