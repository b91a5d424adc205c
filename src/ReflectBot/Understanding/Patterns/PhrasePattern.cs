using ReflectBot.Content;

namespace ReflectBot.Understanding.Patterns;

internal enum ElementKind
{
    /// <summary>One of several words or word sequences (a literal, an a|b alternation, a (..|..) group or a @word-list).</summary>
    Words,

    /// <summary><c>~N</c>: skip 0..N words, never a negation word.</summary>
    Gap,

    /// <summary><c>$</c>: the clause ends here.</summary>
    ClauseEnd,

    /// <summary>A group whose alternatives are small patterns of their own: <c>(me|my @body_part|that ~1 @person)</c>.</summary>
    Choice,

    /// <summary><c>@number</c>: a word made only of digits; <c>@many</c>: digits worth at least <see cref="Element.MinNumber"/>.</summary>
    Number,
}

/// <summary>One position of a phrase pattern.</summary>
internal sealed class Element
{
    public ElementKind Kind { get; init; }
    public bool Optional { get; init; }
    public int GapMax { get; init; }

    /// <summary>For a number: the smallest value that matches (0 for any; 5 for <c>@many</c>, "took 2 paracetamol" is not an overdose).</summary>
    public int MinNumber { get; init; }

    /// <summary>For a gap: it may not run past the end of a clause (used by idioms, which must stay narrow).</summary>
    public bool StaysInClause { get; init; }

    /// <summary>Sorted ids of single-word alternatives.</summary>
    public int[] Singles { get; init; } = [];

    /// <summary>For a <see cref="ElementKind.Choice"/>: each alternative as its own elements.</summary>
    public Element[][] Choices { get; init; } = [];

    /// <summary>Alternatives of two or more words.</summary>
    public int[][] Sequences { get; init; } = [];

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

    /// <summary><c>*ing</c>: alternatives matched by word end.</summary>
    public string[] Suffixes { get; init; } = [];

    /// <summary>Most words this element can consume.</summary>
    public int MaxWidth => Kind switch
    {
        ElementKind.Gap => GapMax,
        ElementKind.ClauseEnd => 0,
        ElementKind.Number => 1,
        ElementKind.Choice => Choices.Max(c => c.Sum(e => e.MaxWidth)),
        _ => Math.Max(Singles.Length > 0 || Prefixes.Length > 0 || Suffixes.Length > 0 ? 1 : 0, Sequences.Length == 0 ? 0 : Sequences.Max(s => s.Length)),
    };

    public bool HasSingles(int id) =>
        Singles.Length <= 6 ? Array.IndexOf(Singles, id) >= 0 : Array.BinarySearch(Singles, id) >= 0;

    public Element WithOptional(bool optional) => new()
    {
        Kind = Kind, Optional = optional, GapMax = GapMax, MinNumber = MinNumber, Choices = Choices, Singles = Singles, Sequences = Sequences, Prefixes = Prefixes, Suffixes = Suffixes,
    };
}

/// <summary>
/// A phrase pattern from screening.yaml, parsed once at load. Syntax (space-separated elements):
/// <c>word</c>, <c>a|b|c</c>, <c>suicid*</c> (word start), <c>*ing</c> (word end), <c>(two words|other)</c>,
/// <c>@list</c> (a word list), <c>@number</c>, <c>~N</c> (skip up to N words), <c>$</c> (end of clause);
/// a trailing <c>?</c> makes a word element optional.
/// </summary>
internal sealed class PhrasePattern
{
    /// <summary><c>@many</c>: a count in digits at least this big ("took 2 paracetamol" is a normal dose; five or more at once is not).</summary>
    public const int ManyAtLeast = 5;

    private PhrasePattern(Element[] elements, string source, int owner)
    {
        Index = -1;
        Elements = elements;
        Source = source;
        Owner = owner;
        MaxWidth = elements.Sum(e => e.MaxWidth);
        AnchorIds = ComputeAnchor(elements);
    }

    /// <summary>
    /// Word ids of which at least one must occur somewhere in a message for this pattern to match
    /// (the most selective required element), or null when no element can say. Lets the screener
    /// skip, once per message, a frame like "@abuser ~4 @assault_verb (me|my @body_part)" in a
    /// message with no "me" or "my" in it, instead of trying it at every "he".
    /// </summary>
    public int[]? AnchorIds { get; }

    private static int[]? ComputeAnchor(Element[] elements)
    {
        int[]? best = null;
        foreach (var element in elements)
        {
            if (element.Optional)
            {
                continue;
            }

            var ids = FirstWordIds(element);
            if (ids is not null && (best is null || ids.Length < best.Length))
            {
                best = ids;
            }
        }

        return best;
    }

    /// <summary>The ids one of which must start any match of <paramref name="element"/>, or null when a word start, end, number or gap could.</summary>
    private static int[]? FirstWordIds(Element element)
    {
        switch (element.Kind)
        {
            case ElementKind.Words when element.Prefixes.Length == 0 && element.Suffixes.Length == 0:
                return [.. element.Singles.Concat(element.Sequences.Select(s => s[0])).Distinct()];
            case ElementKind.Choice:
                var all = new List<int>();
                foreach (var choice in element.Choices)
                {
                    if (choice.Length == 0 || choice[0].Optional || FirstWordIds(choice[0]) is not { } first)
                    {
                        return null;
                    }

                    all.AddRange(first);
                }

                return [.. all.Distinct()];
            default:
                return null;
        }
    }

    public Element[] Elements { get; }

    /// <summary>The pattern text as written, for error messages.</summary>
    public string Source { get; }

    /// <summary>Index of the rule/idiom/cue this pattern belongs to.</summary>
    public int Owner { get; }

    /// <summary>Position among all rule patterns (set once at load), so a message can note which patterns already counted.</summary>
    public int Index { get; set; }

    /// <summary>Most words one match can span: bounds how far back exclusions and negation look.</summary>
    public int MaxWidth { get; }

    /// <summary>Collects the end positions (exclusive) of every way this pattern matches from <paramref name="start"/>.</summary>
    public void Match(in MessageView message, int start, ref EndSet ends) => Collect(Elements, 0, start, message, ref ends);

    private static void Collect(Element[] elements, int index, int position, in MessageView message, ref EndSet ends)
    {
        if (ends.IsFull)
        {
            return;
        }

        if (index == elements.Length)
        {
            ends.Add(position);
            return;
        }

        var element = elements[index];
        var tokens = message.Tokens;
        switch (element.Kind)
        {
            case ElementKind.Gap:
                for (var skip = 0; skip <= element.GapMax && position + skip <= tokens.Length; skip++)
                {
                    // A gap that swallowed "not" or "never" would match the opposite of what the pattern says.
                    if (skip > 0 && message.IsNegationWord(position + skip - 1))
                    {
                        break;
                    }

                    if (element.StaysInClause && skip > 0 && position > 0 && tokens[position + skip - 1].Clause != tokens[position - 1].Clause)
                    {
                        break;
                    }

                    Collect(elements, index + 1, position + skip, message, ref ends);
                }

                return;

            case ElementKind.ClauseEnd:
                if (position == tokens.Length || (position > 0 && tokens[position].Clause != tokens[position - 1].Clause))
                {
                    Collect(elements, index + 1, position, message, ref ends);
                }

                return;
        }

        if (element.Optional)
        {
            Collect(elements, index + 1, position, message, ref ends);
        }

        if (position >= tokens.Length)
        {
            return;
        }

        if (element.Kind == ElementKind.Choice)
        {
            // Each alternative is matched on its own; every place one can end continues the pattern.
            foreach (var choice in element.Choices)
            {
                var choiceEnds = new EndSet();
                Collect(choice, 0, position, message, ref choiceEnds);
                for (var i = 0; i < choiceEnds.Count; i++)
                {
                    Collect(elements, index + 1, choiceEnds[i], message, ref ends);
                }
            }

            return;
        }

        if (element.Kind == ElementKind.Number)
        {
            if (IsNumberAtLeast(message.TextOf(position), element.MinNumber))
            {
                Collect(elements, index + 1, position + 1, message, ref ends);
            }

            return;
        }

        var id = tokens[position].Id;
        if ((id >= 0 && element.HasSingles(id)) || MatchesAffix(element, message.TextOf(position)))
        {
            Collect(elements, index + 1, position + 1, message, ref ends);
        }

        foreach (var sequence in element.Sequences)
        {
            if (position + sequence.Length > tokens.Length)
            {
                continue;
            }

            var all = true;
            for (var k = 0; k < sequence.Length && all; k++)
            {
                all = tokens[position + k].Id == sequence[k];
            }

            if (all)
            {
                Collect(elements, index + 1, position + sequence.Length, message, ref ends);
            }
        }
    }

    private static bool MatchesAffix(Element element, ReadOnlySpan<char> word)
    {
        if (element.StartsWithPrefix(word))
        {
            return true;
        }

        foreach (var suffix in element.Suffixes)
        {
            if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNumberAtLeast(ReadOnlySpan<char> word, int minimum)
    {
        var value = 0;
        foreach (var c in word)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = Math.Min(value * 10 + (c - '0'), 1_000_000);
        }

        return word.Length > 0 && value >= minimum;
    }

    /// <summary>
    /// The word ids and word starts a match can begin with, looking through leading optional elements;
    /// false when a match could begin with anything indexable only by trying (a word end, a number).
    /// </summary>
    public bool TryGetStarts(out List<int> ids, out List<string> prefixes)
    {
        ids = [];
        prefixes = [];
        foreach (var element in Elements)
        {
            if (element.Kind != ElementKind.Words || element.Suffixes.Length > 0)
            {
                return false;
            }

            ids.AddRange(element.Singles);
            ids.AddRange(element.Sequences.Select(s => s[0]));
            prefixes.AddRange(element.Prefixes);
            if (!element.Optional)
            {
                return true;
            }
        }

        // Every element optional cannot happen: Parse refuses it.
        return false;
    }

    /// <summary>Parses one pattern; any mistake stops loading with the pattern's file and line.</summary>
    public static PhrasePattern Parse(ContentNode node, int owner, PatternContext context, bool gapsStayInClause = false)
    {
        var source = node.Text();
        var parts = SplitElements(source, node);
        var elements = new List<Element>();
        foreach (var part in parts)
        {
            elements.Add(ParseElement(part, node, context, gapsStayInClause));
        }

        if (elements.Count == 0)
        {
            throw node.Error($"pattern '{source}' has no words");
        }

        // "do not want" written as three plain words would never match after the rewrites: say so now.
        var literalRun = new List<string>();
        foreach (var part in parts.Append("|"))
        {
            if (part.All(char.IsLetterOrDigit))
            {
                literalRun.Add(part);
                continue;
            }

            context.CheckNotRewritten([.. literalRun], node);
            literalRun.Clear();
        }

        if (elements[0].Kind is ElementKind.Gap or ElementKind.ClauseEnd || elements[^1].Kind == ElementKind.Gap)
        {
            throw node.Error($"pattern '{source}' may not start with ~N or $, nor end with ~N");
        }

        if (elements.All(e => e.Optional || e.Kind is ElementKind.Gap or ElementKind.ClauseEnd))
        {
            throw node.Error($"pattern '{source}' needs at least one word that is not optional");
        }

        return new PhrasePattern([.. elements], source, owner);
    }

    private static List<string> SplitElements(string source, ContentNode node)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < source.Length)
        {
            if (char.IsWhiteSpace(source[i]))
            {
                i++;
                continue;
            }

            var start = i;
            if (source[i] == '(')
            {
                var close = source.IndexOf(')', i);
                if (close < 0)
                {
                    throw node.Error($"pattern '{source}' has a '(' without its ')'");
                }

                i = close + 1;
                if (i < source.Length && source[i] == '?')
                {
                    i++;
                }

                if (i < source.Length && !char.IsWhiteSpace(source[i]))
                {
                    throw node.Error($"pattern '{source}': put a space after ')'");
                }
            }
            else
            {
                while (i < source.Length && !char.IsWhiteSpace(source[i]))
                {
                    if (source[i] is '(' or ')')
                    {
                        throw node.Error($"pattern '{source}': a bracket must start its own element, e.g. 'want (to die|to be dead)'");
                    }

                    i++;
                }
            }

            parts.Add(source[start..i]);
        }

        return parts;
    }

    /// <summary>A group with a list, gap or word start inside a multi-word alternative: each alternative becomes a small pattern.</summary>
    private static Element ParseChoice(string part, string[] alternatives, bool optional, ContentNode node, PatternContext context, bool gapsStayInClause)
    {
        var choices = new List<Element[]>();
        foreach (var alternative in alternatives)
        {
            var words = alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                throw node.Error($"'{part}' has an empty alternative; use a trailing ? for optional words");
            }

            if (words[0][0] == '~' || words[^1][0] == '~' || words.Any(w => w == "$" || w.StartsWith('(') || w.EndsWith('?')))
            {
                throw node.Error($"'{part}': an alternative inside a group may not start or end with ~N, nor hold $, ? or brackets");
            }

            var elements = words.Select(w => ParseElement(w, node, context, gapsStayInClause)).ToArray();
            context.CheckNotRewritten([.. words.Where(w => w.All(char.IsLetterOrDigit))], node);
            choices.Add(elements);
        }

        return new Element { Kind = ElementKind.Choice, Optional = optional, Choices = [.. choices] };
    }

    private static Element ParseElement(string part, ContentNode node, PatternContext context, bool gapsStayInClause)
    {
        if (part == "$")
        {
            return new Element { Kind = ElementKind.ClauseEnd };
        }

        if (part[0] == '~')
        {
            if (!int.TryParse(part.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 6)
            {
                throw node.Error($"'{part}': a gap is ~1 to ~6");
            }

            return new Element { Kind = ElementKind.Gap, GapMax = n, StaysInClause = gapsStayInClause };
        }

        var optional = part.EndsWith('?');
        var body = optional ? part[..^1] : part;
        if (body.Length == 0)
        {
            throw node.Error($"'{part}' is not a pattern element");
        }

        if (body[0] == '@')
        {
            var name = body[1..];
            if (name == "number")
            {
                return new Element { Kind = ElementKind.Number, Optional = optional };
            }

            if (name == "many")
            {
                return new Element { Kind = ElementKind.Number, Optional = optional, MinNumber = ManyAtLeast };
            }

            return context.WordList(name, node).WithOptional(optional);
        }

        if (body[0] == '(')
        {
            if (body[^1] != ')')
            {
                throw node.Error($"'{part}' is not a complete (..|..) group");
            }

            body = body[1..^1];
        }

        var alternatives = body.Split('|');
        if (alternatives.Any(a => a.Contains(' ') && a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w[0] is '@' or '~' or '*' || w.EndsWith('*'))))
        {
            return ParseChoice(part, alternatives, optional, node, context, gapsStayInClause);
        }

        var singles = new SortedSet<int>();
        var sequences = new List<int[]>();
        var prefixes = new List<string>();
        var suffixes = new List<string>();
        foreach (var alternative in alternatives)
        {
            var words = alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                throw node.Error($"'{part}' has an empty alternative; use a trailing ? for optional words");
            }

            if (words.Length == 1 && words[0].Length > 1 && words[0][0] == '@')
            {
                // A word list inside a group, "(@pills|bleach)": its words join the alternatives.
                var name = words[0][1..];
                if (name is "number" or "many")
                {
                    throw node.Error($"'{part}': @{name} cannot sit inside a group; write it as its own pattern");
                }

                var list = context.WordList(name, node);
                foreach (var id in list.Singles)
                {
                    singles.Add(id);
                }

                sequences.AddRange(list.Sequences);
                prefixes.AddRange(list.Prefixes);
                suffixes.AddRange(list.Suffixes);
                continue;
            }

            if (words.Length == 1 && words[0].Length > 1 && (words[0].EndsWith('*') || words[0].StartsWith('*')))
            {
                var prefix = words[0].EndsWith('*');
                var stem = prefix ? words[0][..^1] : words[0][1..];
                context.CheckWord(stem, node, asStem: true);
                if (stem.Length < 3)
                {
                    throw node.Error($"'{words[0]}': a word start or end needs at least 3 letters");
                }

                (prefix ? prefixes : suffixes).Add(stem);
                continue;
            }

            var ids = new int[words.Length];
            for (var k = 0; k < words.Length; k++)
            {
                ids[k] = context.Word(words[k], node);
            }

            context.CheckNotRewritten(words, node);

            if (ids.Length == 1)
            {
                singles.Add(ids[0]);
            }
            else
            {
                sequences.Add(ids);
            }
        }

        return new Element
        {
            Kind = ElementKind.Words,
            Optional = optional,
            Singles = [.. singles],
            Sequences = [.. sequences],
            Prefixes = [.. prefixes],
            Suffixes = [.. suffixes],
        };
    }
}

/// <summary>What a pattern needs while it is parsed: the vocabulary, the word lists and the rewrite rules to check against.</summary>
internal sealed class PatternContext(Vocabulary vocabulary)
{
    private readonly Dictionary<string, Element> _wordLists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rewriteSources = new(StringComparer.Ordinal);

    public Vocabulary Vocabulary { get; } = vocabulary;

    /// <summary>Single words the rewrites replace, with what they become: a pattern using one could never match.</summary>
    public void AddRewriteSource(string word, string replacement) => _rewriteSources[word] = replacement;

    public bool IsRewriteSource(string word) => _rewriteSources.ContainsKey(word);

    private readonly List<(string[] From, string To)> _phraseRewrites = [];

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

    public void AddWordList(string name, Element element) => _wordLists.Add(name, element);

    public Element WordList(string name, ContentNode node) =>
        _wordLists.TryGetValue(name, out var list)
            ? list
            : throw node.Error($"unknown word list '@{name}' (word lists: {string.Join(", ", _wordLists.Keys.Order().Select(k => "@" + k))})");

    public int Word(string word, ContentNode node)
    {
        CheckWord(word, node, asStem: false);
        if (_rewriteSources.TryGetValue(word, out var replacement))
        {
            throw node.Error($"'{word}' never reaches the patterns because the rewrites turn it into '{replacement}'; write '{replacement}' instead");
        }

        return Vocabulary.Intern(word);
    }

    public void CheckWord(string word, ContentNode node, bool asStem)
    {
        foreach (var c in word)
        {
            if (!(char.IsLetterOrDigit(c) && !char.IsUpper(c)))
            {
                var hint = c == '\'' ? " (write words without apostrophes: dont, i am, cant)" : "";
                throw node.Error($"'{word}' may only hold lower-case letters and digits{hint}{(asStem ? "" : "; use * only at a word's start or end")}");
            }
        }
    }
}
