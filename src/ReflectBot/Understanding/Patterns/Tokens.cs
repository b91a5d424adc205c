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

    public ReadOnlySpan<char> TextOf(int index)
    {
        ref readonly var token = ref Tokens[index];
        return token.Start >= 0 ? _text.Slice(token.Start, token.Length) : _vocabulary.Word(token.Id).AsSpan();
    }

    public bool IsNegationWord(int index) => _vocabulary.IsNegationWord(Tokens[index].Id);

    public bool IsFirstPersonWord(int index) => _vocabulary.IsFirstPersonWord(Tokens[index].Id);
}

/// <summary>Up to eight distinct end positions of one pattern tried at one start; more are never needed.</summary>
internal struct EndSet
{
    public const int Capacity = 8;

    private Buffer _ends;

    public int Count { get; private set; }

    public readonly bool IsFull => Count == Capacity;

    public readonly int this[int index] => _ends[index];

    public void Add(int end)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_ends[i] == end)
            {
                return;
            }
        }

        if (Count < Capacity)
        {
            _ends[Count++] = end;
        }
    }

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private int _first;
    }
}
