using System.Runtime.CompilerServices;

namespace ReflectBot.Understanding.Patterns;

/// <summary>One normalised word of a message.</summary>
internal struct Token
{
    /// <summary>Vocabulary id, or <see cref="Vocabulary.Unknown"/>.</summary>
    public int Id;

    /// <summary>Start in the normalised text; -1 when a rewrite produced the word (its text is the vocabulary word).</summary>
    public int Start;

    public int Length;

    /// <summary>Clause number: punctuation and clause words ("but") start a new one. Negation never crosses clauses.</summary>
    public int Clause;

    /// <summary>Sentence number: . ! ? … and line breaks start a new one.</summary>
    public int Sentence;

    /// <summary>
    /// Where the word the user typed starts and ends in the original text, so a match can be quoted back as typed.
    /// Every word a typed word became ("I'm" → i, am) shares its span; an added word has an empty one.
    /// </summary>
    public int SourceStart;

    public int SourceEnd;
}

/// <summary>A message after normalisation and rewrites: what patterns are matched against.</summary>
internal readonly ref struct MessageView
{
    private readonly ReadOnlySpan<char> _text;
    private readonly Vocabulary _vocabulary;

    public MessageView(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, Vocabulary vocabulary)
    {
        _text = text;
        Tokens = tokens;
        _vocabulary = vocabulary;
    }

    public ReadOnlySpan<Token> Tokens { get; }

    public int Count => Tokens.Length;

    /// <summary>The same message cut after <paramref name="end"/> tokens: a match tried on it cannot reach further.</summary>
    public MessageView Until(int end) => new(_text, Tokens[..end], _vocabulary);

    public ReadOnlySpan<char> TextOf(int index)
    {
        ref readonly var token = ref Tokens[index];
        return token.Start >= 0 ? _text.Slice(token.Start, token.Length) : _vocabulary.Word(token.Id).AsSpan();
    }

    public bool IsNegationWord(int index) => _vocabulary.IsNegationWord(Tokens[index].Id);

    public bool IsFirstPersonWord(int index) => _vocabulary.IsFirstPersonWord(Tokens[index].Id);

    /// <summary>A clause starts at <paramref name="position"/>: the first word, or the first after a clause break.</summary>
    public bool IsClauseStart(int position) =>
        position < Tokens.Length && (position == 0 || Tokens[position].Clause != Tokens[position - 1].Clause);

    /// <summary>A clause ends just before <paramref name="position"/> (or the message does).</summary>
    public bool IsClauseEnd(int position) =>
        position == Tokens.Length || (position > 0 && Tokens[position].Clause != Tokens[position - 1].Clause);

    /// <summary>A clause starts here, or the word before, in the same sentence, is a clause joiner ("and", "but").</summary>
    public bool IsSoftStart(int position) =>
        IsClauseStart(position)
        || (position > 0 && position < Tokens.Length
            && Tokens[position].Sentence == Tokens[position - 1].Sentence
            && _vocabulary.IsJoinerWord(Tokens[position - 1].Id));
}

/// <summary>
/// Up to eight distinct end positions of one pattern tried at one start, in the order they were found; more are
/// never needed. Each end keeps the term of the list entry that matched last before it (the lexicon word behind it).
/// </summary>
internal struct EndSet
{
    public const int Capacity = 8;

    private Buffer _ends;
    private Buffer _terms;
    private int _limit;

    public int Count { get; private set; }

    /// <summary>A set that stops at the first end found: the one reading a pattern prefers.</summary>
    public static EndSet FirstOnly() => new() { _limit = 1 };

    public readonly bool IsFull => Count == (_limit == 0 ? Capacity : _limit);

    public readonly int this[int index] => _ends[index];

    /// <summary>The term id that came with end <paramref name="index"/>, or -1.</summary>
    public readonly int TermAt(int index) => _terms[index];

    public void Add(int end, int term)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_ends[i] == end)
            {
                return;
            }
        }

        if (!IsFull)
        {
            _terms[Count] = term;
            _ends[Count++] = end;
        }
    }

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private int _first;
    }
}
