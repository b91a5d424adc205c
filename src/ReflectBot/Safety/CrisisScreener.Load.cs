using System.Text.RegularExpressions;
using ReflectBot.Content;
using ReflectBot.Safety.Screening;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Safety;

public sealed partial class CrisisScreener
{
    /// <summary>
    /// Reads and validates <c>{contentRoot}/safety/screening.yaml</c>. Anything wrong (a typo in a key,
    /// an unknown word list, a pattern word the rewrites would change, an example that no longer screens
    /// as its rule says) stops loading with a <see cref="ContentException"/> naming the file and line:
    /// a broken safety file must never start a bot that silently misses crises.
    /// </summary>
    public static CrisisScreener Load(string contentRoot)
    {
        var fullPath = Path.Combine(contentRoot, RelativePath);
        if (!File.Exists(fullPath))
        {
            throw new ContentException(RelativePath, 0, $"file not found under content root '{contentRoot}'");
        }

        var screener = FromRoot(ContentNode.Load(fullPath, RelativePath));
        screener.AttachModel(contentRoot);
        return screener;
    }

    private static readonly string[] TopLevelKeys =
        ["rewrites", "typo_tolerance", "word_lists", "clause_words", "first_person", "negation", "hedges", "rules", "combinations", "idioms"];

    private static CrisisScreener FromRoot(ContentNode root)
    {
        RequireOnlyKeys(root, TopLevelKeys);
        var vocabulary = new Vocabulary();
        var context = new PatternContext(vocabulary);

        var (rewrites, longestOutput) = ReadRewrites(root.Get("rewrites"), context);
        ReadWordLists(root.Get("word_lists"), context);

        var clauseWords = root.Get("clause_words").Items().Select(n => context.Word(n.Text(), n)).ToList();
        var firstPersonWords = root.TryGet("first_person")?.Items().Select(n => context.Word(n.Text(), n)).ToList() ?? [];

        var negation = root.Get("negation");
        RequireOnlyKeys(negation, "max_gap", "cues", "not_negations");
        var maxGap = negation.Get("max_gap").Int();
        if (maxGap is < 0 or > 6)
        {
            throw negation.Get("max_gap").Error("max_gap must be between 0 and 6 words");
        }

        var negationCues = ReadPatternList(negation.Get("cues"), context);
        var notNegations = ReadPatternList(negation.Get("not_negations"), context);

        var hedges = root.Get("hedges");
        RequireOnlyKeys(hedges, "window", "cues");
        var hedgeWindow = hedges.Get("window").Int();
        if (hedgeWindow is < 0 or > 12)
        {
            throw hedges.Get("window").Error("window must be between 0 and 12 words");
        }

        var hedgeCues = ReadPatternList(hedges.Get("cues"), context);

        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupLines = new Dictionary<string, ContentNode>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<ScreeningRule>();
        var rulePatterns = new List<PhrasePattern>();
        var examples = new List<(ContentNode Node, SafetyCategory Expected, string Owner)>();
        foreach (var node in root.Get("rules").Items())
        {
            RequireOnlyKeys(node, "id", "category", "signal", "group", "uncertain", "near_first_person", "same_clause", "patterns", "examples");
            var id = ReadId(node, ids);
            var categoryNode = node.Get("category");
            var category = ReadCategory(categoryNode);
            var group = -1;
            if (node.TryGet("group") is { } groupNode)
            {
                var name = groupNode.Text();
                if (!IdShape().IsMatch(name))
                {
                    throw groupNode.Error($"group '{name}' may only hold lower-case letters, digits, '-' and '.'");
                }

                if (!groups.TryGetValue(name, out group))
                {
                    group = groups.Count;
                    groups.Add(name, group);
                    groupLines.Add(name, groupNode);
                }
            }

            if (category == SafetyCategory.None && group < 0)
            {
                throw categoryNode.Error("a rule with category 'none' only feeds a combination, so it needs a group");
            }

            var uncertain = node.TryGet("uncertain")?.Bool() ?? false;
            var near = 0;
            if (node.TryGet("near_first_person") is { } nearNode)
            {
                near = nearNode.Int();
                if (near is < 1 or > 8)
                {
                    throw nearNode.Error("near_first_person must be between 1 and 8 words");
                }

                if (firstPersonWords.Count == 0)
                {
                    throw nearNode.Error("near_first_person needs a first_person word list at the top of the file");
                }
            }

            // A frame rule ("a risk word near me") must not join words from two different sentences.
            var sameClause = node.TryGet("same_clause")?.Bool() ?? false;
            var rule = new ScreeningRule(rules.Count, id, category, group, uncertain, near, sameClause);
            rules.Add(rule);
            foreach (var patternNode in node.Get("patterns").Items())
            {
                var pattern = PhrasePattern.Parse(patternNode, rule.Index, context, gapsStayInClause: sameClause);
                pattern.Index = rulePatterns.Count;
                rulePatterns.Add(pattern);
            }

            AddExamples(node, category, id, examples);
        }

        var combinations = new List<ScreeningCombination>();
        var usedGroups = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGet("combinations") is { } combinationList)
        {
            foreach (var node in combinationList.Items())
            {
                RequireOnlyKeys(node, "id", "category", "when", "examples");
                var id = ReadId(node, ids);
                var categoryNode = node.Get("category");
                var category = ReadCategory(categoryNode);
                if (category == SafetyCategory.None)
                {
                    throw categoryNode.Error("a combination needs a category other than 'none'");
                }

                var requirements = new List<(int, int)>();
                foreach (var (groupName, countNode) in node.Get("when").Entries)
                {
                    if (!groups.TryGetValue(groupName, out var group))
                    {
                        throw countNode.Error($"no rule has group '{groupName}'");
                    }

                    var atLeast = countNode.Int();
                    if (atLeast < 1)
                    {
                        throw countNode.Error("the count must be at least 1");
                    }

                    usedGroups.Add(groupName);
                    requirements.Add((group, atLeast));
                }

                if (requirements.Count == 0)
                {
                    throw node.Get("when").Error("a combination needs at least one group");
                }

                combinations.Add(new ScreeningCombination(id, category, [.. requirements]));
                AddExamples(node, category, id, examples);
            }
        }

        foreach (var (name, node) in groupLines)
        {
            if (!usedGroups.Contains(name))
            {
                throw node.Error($"group '{name}' is not used by any combination");
            }
        }

        var idiomPatterns = new List<PhrasePattern>();
        var frameEndIdiomPatterns = new List<PhrasePattern>();
        var idiomIndex = 0;
        foreach (var node in root.Get("idioms").Items())
        {
            RequireOnlyKeys(node, "id", "covers_frame_ends", "patterns", "examples");
            var id = ReadId(node, ids);
            var coversFrameEnds = node.TryGet("covers_frame_ends")?.Bool() ?? false;
            foreach (var patternNode in node.Get("patterns").Items())
            {
                var pattern = PhrasePattern.Parse(patternNode, idiomIndex, context, gapsStayInClause: true);
                idiomPatterns.Add(pattern);
                if (coversFrameEnds)
                {
                    frameEndIdiomPatterns.Add(pattern);
                }
            }

            AddExamples(node, SafetyCategory.None, id, examples);
            idiomIndex++;
        }

        // Single negation words ("not", "never") must never be skipped by a pattern gap.
        var negationWords = negationCues.All
            .Where(p => p.Elements.Length == 1 && p.Elements[0].Kind == ElementKind.Words && !p.Elements[0].Optional)
            .SelectMany(p => p.Elements[0].Singles);
        vocabulary.Freeze(negationWords, clauseWords, firstPersonWords);

        var typos = ReadTypoTolerance(root.TryGet("typo_tolerance"), context);

        var rewritesByFirst = new Rewrite[vocabulary.Count][];
        foreach (var group in rewrites.GroupBy(r => r.From[0]))
        {
            rewritesByFirst[group.Key] = [.. group.OrderByDescending(r => r.From.Length)];
        }

        for (var i = 0; i < rewritesByFirst.Length; i++)
        {
            rewritesByFirst[i] ??= [];
        }

        var screener = new CrisisScreener(new ScreenerParts(
            vocabulary,
            new TextNormaliser(vocabulary, rewritesByFirst, longestOutput, typos),
            [.. rules],
            [.. combinations],
            groups.Count,
            new PatternIndex(rulePatterns, vocabulary.Count),
            new PatternIndex(idiomPatterns, vocabulary.Count),
            new PatternIndex(frameEndIdiomPatterns, vocabulary.Count),
            negationCues,
            notNegations,
            hedgeCues,
            maxGap,
            hedgeWindow));

        // The data checks itself: every example must still screen as its rule says, so an edit that
        // breaks a rule (or an idiom that swallows a real crisis) stops the bot at start-up.
        var failures = new List<(ContentNode Node, string Problem)>();
        foreach (var (node, expected, owner) in examples)
        {
            var result = screener.Screen(node.Text());
            if (result.Category != expected)
            {
                var got = result.RuleId is null ? result.Category.WireName() : $"{result.Category.WireName()} (rule {result.RuleId})";
                failures.Add((node, $"example of '{owner}' screens as {got}, expected {expected.WireName()}"));
            }
        }

        if (failures.Count > 0)
        {
            // Name the first at its line, and list the rest so one edit-and-restart fixes them all.
            var more = failures.Count == 1
                ? ""
                : $" (and {failures.Count - 1} more: {string.Join("; ", failures.Skip(1).Select(f => $"line {f.Node.Line}: {f.Problem}"))})";
            throw failures[0].Node.Error(failures[0].Problem + more);
        }

        return screener;

        // Words interned later cannot start these patterns, so the vocabulary size at this point is enough.
        PatternIndex ReadPatternList(ContentNode list, PatternContext ctx)
        {
            var patterns = list.Items().Select((n, i) => PhrasePattern.Parse(n, i, ctx)).ToList();
            return new PatternIndex(patterns, vocabulary.Count);
        }
    }

    private static (List<Rewrite> Rewrites, int LongestOutput) ReadRewrites(ContentNode map, PatternContext context)
    {
        var entries = map.Entries.ToList();
        if (entries.Count == 0)
        {
            throw map.Error("the rewrites list is empty");
        }

        var parsed = new List<(ContentNode Node, string[] From, string[] To)>();
        foreach (var (key, node) in entries)
        {
            var from = SplitWords(key, node, context);
            var to = SplitWords(node.Text(), node, context);
            if (from.SequenceEqual(to))
            {
                throw node.Error($"rewrite '{key}' rewrites to itself");
            }

            if (from.Length == 1)
            {
                context.AddRewriteSource(from[0], string.Join(' ', to));
            }
            else
            {
                context.AddPhraseRewrite(from, string.Join(' ', to));
            }

            parsed.Add((node, from, to));
        }

        var rewrites = new List<Rewrite>();
        foreach (var (node, from, to) in parsed)
        {
            foreach (var word in to)
            {
                if (context.IsRewriteSource(word))
                {
                    throw node.Error($"'{word}' in what '{string.Join(' ', from)}' rewrites to is itself rewritten; rewrite straight to the final words");
                }
            }

            rewrites.Add(new Rewrite(
                [.. from.Select(context.Vocabulary.Intern)],
                [.. to.Select(context.Vocabulary.Intern)]));
        }

        return (rewrites, rewrites.Max(r => r.To.Length));
    }

    /// <summary>
    /// The risk words a one-letter slip still finds. Each must be a word some pattern or list uses (else
    /// correcting to it achieves nothing) and at least min_length long; not_typos are real words left alone.
    /// </summary>
    private static TypoCorrector ReadTypoTolerance(ContentNode? node, PatternContext context)
    {
        if (node is null)
        {
            return new TypoCorrector(context.Vocabulary, [], [], int.MaxValue);
        }

        RequireOnlyKeys(node, "min_length", "words", "not_typos");
        var minLengthNode = node.Get("min_length");
        var minLength = minLengthNode.Int();
        if (minLength is < 4 or > 12)
        {
            throw minLengthNode.Error("min_length must be between 4 and 12 letters: shorter words have too many real neighbours");
        }

        var ids = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Get("words").Items())
        {
            var word = item.Text();
            context.CheckWord(word, item, asStem: false);
            if (!seen.Add(word))
            {
                throw item.Error($"'{word}' is listed twice under typo_tolerance");
            }

            if (word.Length < minLength)
            {
                throw item.Error($"'{word}' is shorter than min_length ({minLength})");
            }

            if (context.IsRewriteSource(word))
            {
                throw item.Error($"'{word}' is rewritten before matching; list what it is rewritten to");
            }

            var id = context.Vocabulary.Lookup(word);
            if (id == Vocabulary.Unknown)
            {
                throw item.Error($"'{word}' is not used by any pattern or word list, so correcting a slip to it finds nothing");
            }

            ids.Add(id);
        }

        var notTypos = new List<string>();
        if (node.TryGet("not_typos") is { } list)
        {
            foreach (var item in list.Items())
            {
                context.CheckWord(item.Text(), item, asStem: false);
                notTypos.Add(item.Text());
            }
        }

        return new TypoCorrector(context.Vocabulary, ids, notTypos, minLength);
    }

    private static string[] SplitWords(string text, ContentNode node, PatternContext context)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            throw node.Error("a rewrite needs words on both sides");
        }

        foreach (var word in words)
        {
            context.CheckWord(word, node, asStem: false);
        }

        return words;
    }

    private static void ReadWordLists(ContentNode map, PatternContext context)
    {
        foreach (var (name, node) in map.Entries)
        {
            if (!IdShape().IsMatch(name) || name is "number" or "many")
            {
                throw node.Error($"word list name '{name}' must be lower-case letters, digits, '-' or '_' and not 'number' or 'many'");
            }

            var singles = new SortedSet<int>();
            var sequences = new List<int[]>();
            var prefixes = new List<string>();
            var suffixes = new List<string>();
            foreach (var item in node.Items())
            {
                var text = item.Text();

                // A list may hold word starts ("strangl*" for strangle, strangled, strangling) and word ends.
                if (!text.Contains(' ') && text.Length > 1 && (text.EndsWith('*') || text.StartsWith('*')))
                {
                    var isPrefix = text.EndsWith('*');
                    var stem = isPrefix ? text[..^1] : text[1..];
                    context.CheckWord(stem, item, asStem: true);
                    if (stem.Length < 3)
                    {
                        throw item.Error($"'{text}': a word start or end needs at least 3 letters");
                    }

                    (isPrefix ? prefixes : suffixes).Add(stem);
                    continue;
                }

                var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var wordIds = words.Select(w => context.Word(w, item)).ToArray();
                context.CheckNotRewritten(words, item);
                if (wordIds.Length == 1)
                {
                    if (!singles.Add(wordIds[0]))
                    {
                        throw item.Error($"'{words[0]}' is listed twice in @{name}");
                    }
                }
                else
                {
                    sequences.Add(wordIds);
                }
            }

            context.AddWordList(name, new Element
            {
                Kind = ElementKind.Words, Singles = [.. singles], Sequences = [.. sequences], Prefixes = [.. prefixes], Suffixes = [.. suffixes],
            });
        }
    }

    private static string ReadId(ContentNode node, HashSet<string> ids)
    {
        var idNode = node.Get("id");
        var id = idNode.Text();
        if (!IdShape().IsMatch(id))
        {
            throw idNode.Error($"id '{id}' may only hold lower-case letters, digits, '-', '_' and '.'");
        }

        if (!ids.Add(id))
        {
            throw idNode.Error($"id '{id}' is used twice");
        }

        return id;
    }

    private static SafetyCategory ReadCategory(ContentNode node)
    {
        var text = node.Text();
        return SafetyCategories.TryParse(text, out var category)
            ? category
            : throw node.Error($"unknown category '{text}' (use one of: {string.Join(", ", SafetyCategories.All.Select(c => c.WireName()))})");
    }

    private static void AddExamples(ContentNode node, SafetyCategory expected, string owner, List<(ContentNode, SafetyCategory, string)> examples)
    {
        if (node.TryGet("examples") is { } list)
        {
            if (expected == SafetyCategory.None && node.Has("category"))
            {
                throw list.Error("a signal-only rule cannot have examples; give them to its combination");
            }

            examples.AddRange(list.Items().Select(n => (n, expected, owner)));
        }
    }

    private static void RequireOnlyKeys(ContentNode node, params string[] allowed)
    {
        foreach (var (key, child) in node.Entries)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                // A list or map value starts on the line below its key, so say where the key is.
                var where = child.IsScalar ? "" : " just above this line";
                throw child.Error($"unknown key '{key}'{where} (expected: {string.Join(", ", allowed)})");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();
}
