namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// A phrase pattern, parsed once at load (<see cref="PatternParser"/>; the syntax is in dialogs/README.md).
/// Matching allocates nothing: it collects the end of every reading from a start position, in the order a
/// reader would prefer them (longest words first, optional words taken when they fit, shortest gaps first).
/// </summary>
internal sealed class PhrasePattern
{
    /// <summary><c>{many}</c>: a count in digits at least this big ("took 2 paracetamol" is a normal dose; five or more at once is not).</summary>
    public const int ManyAtLeast = 5;

    public PhrasePattern(Element[] elements, string source, int owner)
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
    /// skip, once per message, a frame like "{abuser} ...4 {assault_verb} (me|my {body_part})" in a
    /// message with no "me" or "my" in it, instead of trying it at every "he".
    /// </summary>
    public int[]? AnchorIds { get; }

    public Element[] Elements { get; }

    /// <summary>The pattern text as written, for error messages.</summary>
    public string Source { get; }

    /// <summary>Index of the rule, idiom or cue this pattern belongs to.</summary>
    public int Owner { get; }

    /// <summary>Position among all rule patterns (set once at load), so a message can note which patterns already counted.</summary>
    public int Index { get; set; }

    /// <summary>Most words one match can span: bounds how far back exclusions and negation look.</summary>
    public int MaxWidth { get; }

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

    /// <summary>The ids one of which must start any match of <paramref name="element"/>, or null when another kind of word could.</summary>
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

    /// <summary>
    /// The word ids and word starts a match can begin with, looking through anchors and leading optional elements;
    /// false when a match could begin with anything indexable only by trying (a word end, a number, any word).
    /// </summary>
    public bool TryGetStarts(out List<int> ids, out List<string> prefixes)
    {
        ids = [];
        prefixes = [];
        foreach (var element in Elements)
        {
            if (!element.Consumes && element.Kind != ElementKind.ClauseEnd)
            {
                continue;
            }

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

        // Every element optional cannot happen: the parser refuses it.
        return false;
    }

    /// <summary>Collects the end positions (exclusive) of every way this pattern matches from <paramref name="start"/>, first preferred first.</summary>
    public void Match(in MessageView message, int start, ref EndSet ends) => Collect(Elements, 0, start, -1, message, ref ends);

    private static void Collect(Element[] elements, int index, int position, int term, in MessageView message, ref EndSet ends)
    {
        if (ends.IsFull)
        {
            return;
        }

        if (index == elements.Length)
        {
            ends.Add(position, term);
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

                    Collect(elements, index + 1, position + skip, term, message, ref ends);
                }

                return;

            case ElementKind.ClauseEnd:
                if (message.IsClauseEnd(position))
                {
                    Collect(elements, index + 1, position, term, message, ref ends);
                }

                return;

            case ElementKind.ClauseStart or ElementKind.SoftStart:
                if (element.Kind == ElementKind.ClauseStart ? message.IsClauseStart(position) : message.IsSoftStart(position))
                {
                    Collect(elements, index + 1, position, term, message, ref ends);
                }

                return;

            case ElementKind.Lookahead:
                if (position < tokens.Length && tokens[position].Id >= 0 && element.HasSingles(tokens[position].Id))
                {
                    Collect(elements, index + 1, position, term, message, ref ends);
                }

                return;
        }

        if (position < tokens.Length)
        {
            var id = tokens[position].Id;
            if (element.Kind == ElementKind.Words)
            {
                // Longest alternatives first. Optional words are modifiers ("so", "really"): the term is what the rest
                // of the pattern is about, so only a required element's list entry names it.
                var sequences = element.Sequences;
                for (var s = 0; s < sequences.Length; s++)
                {
                    if (Element.SequenceAt(sequences[s], tokens, position))
                    {
                        var sequenceTerm = element.SequenceTerms[s];
                        Collect(elements, index + 1, position + sequences[s].Length, element.Optional || sequenceTerm < 0 ? term : sequenceTerm, message, ref ends);
                    }
                }

                var at = id >= 0 ? element.IndexOfSingle(id) : -1;
                if (at >= 0)
                {
                    var singleTerm = element.SingleTerms[at];
                    Collect(elements, index + 1, position + 1, element.Optional || singleTerm < 0 ? term : singleTerm, message, ref ends);
                }
                else if (element.MatchesAffix(message.TextOf(position)))
                {
                    Collect(elements, index + 1, position + 1, term, message, ref ends);
                }
            }
            else if (element.Kind == ElementKind.Choice)
            {
                // Each alternative is matched on its own; every place one can end continues the pattern.
                foreach (var choice in element.Choices)
                {
                    var choiceEnds = new EndSet();
                    Collect(choice, 0, position, term, message, ref choiceEnds);
                    for (var i = 0; i < choiceEnds.Count; i++)
                    {
                        Collect(elements, index + 1, choiceEnds[i], choiceEnds.TermAt(i), message, ref ends);
                    }
                }
            }
            else if (element.Kind == ElementKind.AnyWord
                || (element.Kind == ElementKind.NotWords && (id < 0 || !element.HasSingles(id)))
                || (element.Kind == ElementKind.Number && IsNumberAtLeast(message.TextOf(position), element.MinNumber)))
            {
                Collect(elements, index + 1, position + 1, term, message, ref ends);
            }
        }

        if (element.Optional)
        {
            Collect(elements, index + 1, position, term, message, ref ends);
        }
    }

    /// <summary>
    /// For <c>{number}</c> (minimum 0): the word starts with a digit (7, 30, 7pm, 7:30). For <c>{many}</c>: the word is a
    /// count in digits, commas allowed between them (30, 1,000; not 30mg), of at least <paramref name="minimum"/>.
    /// </summary>
    private static bool IsNumberAtLeast(ReadOnlySpan<char> word, int minimum)
    {
        if (word.IsEmpty || word[0] is < '0' or > '9')
        {
            return false;
        }

        if (minimum == 0)
        {
            return true;
        }

        var value = 0;
        foreach (var c in word)
        {
            if (c == ',')
            {
                continue;
            }

            if (c is < '0' or > '9')
            {
                return false;
            }

            value = Math.Min(value * 10 + (c - '0'), 1_000_000);
        }

        return value >= minimum;
    }
}
