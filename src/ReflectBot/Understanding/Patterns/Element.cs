namespace ReflectBot.Understanding.Patterns;

internal enum ElementKind
{
    /// <summary>One of several words or word sequences (a literal, an a|b alternation, a (..|..) group or a {list}).</summary>
    Words,

    /// <summary><c>...N</c>: skip 0..N words, never a negation word.</summary>
    Gap,

    /// <summary><c>$</c>: the clause ends here.</summary>
    ClauseEnd,

    /// <summary>A group whose alternatives are small patterns of their own: <c>(me|my {body_part}|that ...1 {person})</c>.</summary>
    Choice,

    /// <summary><c>{number}</c>: a word that starts with a digit; <c>{many}</c>: one worth at least <see cref="Element.MinNumber"/>.</summary>
    Number,

    /// <summary><c>*</c>: any one word.</summary>
    AnyWord,

    /// <summary><c>!a|b</c>: any one word except these.</summary>
    NotWords,

    /// <summary><c>&gt;a|b</c>: the next word is one of these, left out of the match.</summary>
    Lookahead,

    /// <summary><c>^</c>: a clause starts here.</summary>
    ClauseStart,

    /// <summary><c>~</c>: a clause starts here, or the word before is a clause joiner ("and", "but").</summary>
    SoftStart,
}

/// <summary>One position of a phrase pattern, or a word list.</summary>
internal sealed class Element
{
    public ElementKind Kind { get; init; }
    public bool Optional { get; init; }
    public int GapMax { get; init; }

    /// <summary>For a number: the smallest value that matches (0 for any; 5 for <c>{many}</c>, "took 2 paracetamol" is not an overdose).</summary>
    public int MinNumber { get; init; }

    /// <summary>For a gap: it may not run past the end of a clause (used by idioms and frames, which must stay narrow).</summary>
    public bool StaysInClause { get; init; }

    /// <summary>Sorted ids of single-word alternatives.</summary>
    public int[] Singles { get; init; } = [];

    /// <summary>The term of each of <see cref="Singles"/> (-1 for none).</summary>
    public int[] SingleTerms { get; init; } = [];

    /// <summary>For a <see cref="ElementKind.Choice"/>: each alternative as its own elements.</summary>
    public Element[][] Choices { get; init; } = [];

    /// <summary>Alternatives of two or more words, longest first (the longest reading is tried first).</summary>
    public int[][] Sequences { get; init; } = [];

    /// <summary>The term of each of <see cref="Sequences"/> (-1 for none).</summary>
    public int[] SequenceTerms { get; init; } = [];

    /// <summary><c>suicid*</c>: alternatives matched by word start.</summary>
    public string[] Prefixes
    {
        get => _prefixes;
        init
        {
            _prefixes = value;

            // Word starts filed by first letter, so a word only tries the few that could fit (lists hold dozens).
            PrefixesByFirstLetter = value.Length == 0
                ? null
                : value.GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.ToArray());
        }
    }

    private readonly string[] _prefixes = [];

    private Dictionary<char, string[]>? PrefixesByFirstLetter { get; init; }

    /// <summary><c>*ing</c>: alternatives matched by word end.</summary>
    public string[] Suffixes { get; init; } = [];

    /// <summary>Whether the element uses up words (anchors and look-aheads do not).</summary>
    public bool Consumes => Kind is not (ElementKind.ClauseEnd or ElementKind.ClauseStart or ElementKind.SoftStart or ElementKind.Lookahead);

    /// <summary>Most words this element can consume.</summary>
    public int MaxWidth => Kind switch
    {
        ElementKind.Gap => GapMax,
        ElementKind.ClauseEnd or ElementKind.ClauseStart or ElementKind.SoftStart or ElementKind.Lookahead => 0,
        ElementKind.Number or ElementKind.AnyWord or ElementKind.NotWords => 1,
        ElementKind.Choice => Choices.Max(c => c.Sum(e => e.MaxWidth)),
        _ => Math.Max(Singles.Length > 0 || Prefixes.Length > 0 || Suffixes.Length > 0 ? 1 : 0, Sequences.Length == 0 ? 0 : Sequences.Max(s => s.Length)),
    };

    /// <summary>Only single words, no word starts or ends (what <c>!</c> and <c>&gt;</c> accept).</summary>
    public bool IsSingleWordsOnly => Sequences.Length == 0 && Prefixes.Length == 0 && Suffixes.Length == 0;

    /// <summary>Where <paramref name="id"/> is in <see cref="Singles"/>, or a negative number.</summary>
    public int IndexOfSingle(int id) =>
        Singles.Length <= 6 ? Array.IndexOf(Singles, id) : Array.BinarySearch(Singles, id);

    public bool HasSingles(int id) => IndexOfSingle(id) >= 0;

    /// <summary>True when <paramref name="word"/> starts with one of <see cref="Prefixes"/>.</summary>
    public bool StartsWithPrefix(ReadOnlySpan<char> word)
    {
        if (PrefixesByFirstLetter is null || word.IsEmpty || !PrefixesByFirstLetter.TryGetValue(word[0], out var candidates))
        {
            return false;
        }

        foreach (var prefix in candidates)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="word"/> starts or ends like one of the alternatives.</summary>
    public bool MatchesAffix(ReadOnlySpan<char> word)
    {
        if (StartsWithPrefix(word))
        {
            return true;
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The longest alternative that matches at <paramref name="position"/>, with its term: how a word list alone
    /// reads a message ("let down" is one faux feeling, not the feeling "down").
    /// </summary>
    public bool TryMatchLongest(in MessageView message, int position, out int end, out int term)
    {
        var tokens = message.Tokens;
        for (var s = 0; s < Sequences.Length; s++)
        {
            if (SequenceAt(Sequences[s], tokens, position))
            {
                (end, term) = (position + Sequences[s].Length, SequenceTerms[s]);
                return true;
            }
        }

        (end, term) = (position + 1, -1);
        if (position >= tokens.Length)
        {
            return false;
        }

        var index = tokens[position].Id >= 0 ? IndexOfSingle(tokens[position].Id) : -1;
        if (index >= 0)
        {
            term = SingleTerms[index];
            return true;
        }

        return MatchesAffix(message.TextOf(position));
    }

    public static bool SequenceAt(int[] sequence, ReadOnlySpan<Token> tokens, int position)
    {
        if (position + sequence.Length > tokens.Length)
        {
            return false;
        }

        for (var k = 0; k < sequence.Length; k++)
        {
            if (tokens[position + k].Id != sequence[k])
            {
                return false;
            }
        }

        return true;
    }

    public Element WithOptional(bool optional) => new()
    {
        Kind = Kind, Optional = optional, GapMax = GapMax, MinNumber = MinNumber, StaysInClause = StaysInClause, Choices = Choices,
        Singles = Singles, SingleTerms = SingleTerms, Sequences = Sequences, SequenceTerms = SequenceTerms, Prefixes = Prefixes, Suffixes = Suffixes,
    };

    public Element As(ElementKind kind) => new()
    {
        Kind = kind, Singles = Singles, SingleTerms = SingleTerms, Sequences = Sequences, SequenceTerms = SequenceTerms, Prefixes = Prefixes, Suffixes = Suffixes,
    };
}
