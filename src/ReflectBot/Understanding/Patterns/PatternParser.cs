using System.Globalization;
using ReflectBot.Content;

namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// Reads the one pattern syntax shared by screening.yaml and the analyser's files (dialogs/README.md explains it):
/// <c>word</c>, <c>a|b</c>, <c>(two words|other)</c>, <c>{list}</c>, <c>suicid*</c> and <c>*ing</c> (word start
/// and end), <c>*</c> (any word), <c>!a|b</c> (any word but these), <c>&gt;a|b</c> (the next word, not taken),
/// <c>{number}</c>, <c>{many}</c>, <c>...</c> or <c>...N</c> (skip up to 3 or N words), <c>^</c> and <c>~</c>
/// (a clause starts), <c>$</c> (a clause ends); a trailing <c>?</c> makes an element optional.
/// Every mistake stops loading with the pattern's file and line.
/// </summary>
internal static class PatternParser
{
    /// <summary>How many words <c>...</c> skips at most when no number follows it.</summary>
    public const int DefaultGap = 3;

    public const int MaxGap = 8;

    /// <summary>Parses one pattern; <paramref name="gapsStayInClause"/> keeps its gaps inside one clause (frames, idioms).</summary>
    public static PhrasePattern Parse(ContentNode node, int owner, PatternContext context, bool gapsStayInClause = false)
    {
        var source = node.Text();
        var parts = SplitElements(source, node);
        var elements = parts.Select(part => ParseElement(part, node, context, gapsStayInClause)).ToList();
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

        var first = elements.Find(e => e.Kind is not (ElementKind.ClauseStart or ElementKind.SoftStart))!;
        var last = elements.FindLast(e => e.Kind is not (ElementKind.ClauseEnd or ElementKind.Lookahead));
        if (first.Kind is ElementKind.Gap or ElementKind.ClauseEnd || last?.Kind == ElementKind.Gap)
        {
            throw node.Error($"pattern '{source}' may not start with ... or $, nor end with ...");
        }

        if (!elements.Any(e => !e.Optional && e.Consumes && e.Kind != ElementKind.Gap))
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

    private static Element ParseElement(string part, ContentNode node, PatternContext context, bool gapsStayInClause)
    {
        switch (part)
        {
            case "$":
                return new Element { Kind = ElementKind.ClauseEnd };
            case "^":
                return new Element { Kind = ElementKind.ClauseStart };
            case "~":
                return new Element { Kind = ElementKind.SoftStart };
            case "*":
                return new Element { Kind = ElementKind.AnyWord };
        }

        if (part.StartsWith("...", StringComparison.Ordinal) || part[0] == '\u2026')
        {
            return new Element { Kind = ElementKind.Gap, GapMax = GapLength(part, node), StaysInClause = gapsStayInClause };
        }

        RefuseOldSyntax(part, node);
        if (part[0] is '!' or '>' && part.Length > 1)
        {
            var words = ParseElement(part[1..], node, context, gapsStayInClause);
            if (words.Kind != ElementKind.Words || words.Optional || !words.IsSingleWordsOnly)
            {
                throw node.Error(part[0] == '!'
                    ? $"'{part}': '!' is followed by single words, like '!know|see', and never by '?'"
                    : $"'{part}': a look-ahead is '>' and single words, like '>when|because'");
            }

            return words.As(part[0] == '!' ? ElementKind.NotWords : ElementKind.Lookahead);
        }

        var optional = part.EndsWith('?');
        var body = optional ? part[..^1] : part;
        if (body.Length == 0)
        {
            throw node.Error($"'{part}' is not a pattern element");
        }

        if (body is "{number}" or "{many}")
        {
            return new Element { Kind = ElementKind.Number, Optional = optional, MinNumber = body == "{many}" ? PhrasePattern.ManyAtLeast : 0 };
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
        if (alternatives.Any(a => a.Contains(' ') && a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(IsSymbolic)))
        {
            return ParseChoice(part, alternatives, optional, node, context, gapsStayInClause);
        }

        var set = new WordSet();
        foreach (var alternative in alternatives)
        {
            AddAlternative(set, part, alternative, node, context);
        }

        return set.Build(optional);
    }

    /// <summary>A word that is pattern syntax rather than a plain word: a list, a gap, a word start or end.</summary>
    private static bool IsSymbolic(string word) =>
        word[0] is '{' or '*' or '.' or '\u2026' or '~' or '@' || word.EndsWith('*');

    private static void AddAlternative(WordSet set, string part, string alternative, ContentNode node, PatternContext context)
    {
        var words = alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            throw node.Error($"'{part}' has an empty alternative; use a trailing ? for optional words");
        }

        var word = words[0];
        if (words.Length == 1 && word.Length > 2 && word[0] == '{' && word[^1] == '}')
        {
            // A list among the alternatives, "({pills}|bleach)": its words join them.
            var name = word[1..^1];
            if (name is "number" or "many")
            {
                throw node.Error($"'{part}': {word} cannot sit inside a group; write it as its own element");
            }

            set.AddAll(context.WordList(name, node));
            return;
        }

        if (words.Length == 1 && set.TryAddAffix(word, node, context))
        {
            return;
        }

        var ids = words.Select(w => context.Word(w, node)).ToArray();
        context.CheckNotRewritten(words, node);
        set.Add(ids, -1);
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

            if (IsGap(words[0]) || IsGap(words[^1]) || words.Any(w => w is "$" or "^" or "~" || w.StartsWith('(') || w.EndsWith('?')))
            {
                throw node.Error($"'{part}': an alternative inside a group may not start or end with ..., nor hold $, ^, ~, ? or brackets");
            }

            var elements = words.Select(w => ParseElement(w, node, context, gapsStayInClause)).ToArray();
            context.CheckNotRewritten([.. words.Where(w => w.All(char.IsLetterOrDigit))], node);
            choices.Add(elements);
        }

        return new Element { Kind = ElementKind.Choice, Optional = optional, Choices = [.. choices] };
    }

    private static bool IsGap(string word) => word.StartsWith("...", StringComparison.Ordinal) || word[0] == '\u2026';

    private static int GapLength(string part, ContentNode node)
    {
        var digits = part.TrimStart('.', '\u2026');
        if (digits.Length == 0)
        {
            return DefaultGap;
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is > 0 and <= MaxGap
            ? max
            : throw node.Error($"'{part}': a gap is '...' (up to {DefaultGap} words) or '...N' with N from 1 to {MaxGap}");
    }

    /// <summary>The two syntaxes this one replaced, named so a counsellor used to them is told what to write now.</summary>
    private static void RefuseOldSyntax(string part, ContentNode node)
    {
        if (part.Length > 1 && part[0] == '~' && char.IsDigit(part[1]))
        {
            throw node.Error($"'{part}': a gap is written '...{part[1..]}' now");
        }

        if (part.Length > 1 && part.Contains('@'))
        {
            throw node.Error($"'{part}': a list is written '{{name}}' now, e.g. '{{pills}}'");
        }

        if (part.TrimEnd('?') == "#")
        {
            throw node.Error($"'{part}': a number is written '{{number}}' now");
        }
    }
}
