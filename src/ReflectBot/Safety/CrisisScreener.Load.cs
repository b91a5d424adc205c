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
        ["rewrites", "typo_tolerance", "lists", "clause_words", "first_person", "negation", "hedges", "rules", "combinations", "idioms"];

    /// <summary>One reader per section, in the order the words they define are needed.</summary>
    private static CrisisScreener FromRoot(ContentNode root)
    {
        root.RequireOnlyKeys(TopLevelKeys);
        var vocabulary = new Vocabulary();
        var file = new ScreeningFile(new PatternContext(vocabulary));

        var rewrites = RewriteReader.Read(root.Get("rewrites"), file.Context);
        WordListReader.Read(root.Get("lists"), file.Context);
        var clauseWords = ReadWords(root.Get("clause_words"), file.Context);
        var firstPersonWords = root.TryGet("first_person") is { } firstPerson ? ReadWords(firstPerson, file.Context) : [];
        var negation = NegationCues.Read(root.Get("negation"), file.Context);
        var hedges = HedgeCues.Read(root.Get("hedges"), file.Context);
        var rules = RuleReader.Read(root.Get("rules"), file, hasFirstPersonWords: firstPersonWords.Count > 0);
        var combinations = CombinationReader.Read(root.TryGet("combinations"), rules, file);
        var idioms = ScreeningIdioms.Read(root.Get("idioms"), file);

        vocabulary.Freeze(new WordRoles(negation.Words, clauseWords, firstPersonWords, Joiners: []));
        var typos = TypoToleranceReader.Read(root.TryGet("typo_tolerance"), file.Context);

        var screener = new CrisisScreener(new ScreenerParts(
            vocabulary,
            new TextNormaliser(vocabulary, rewrites, typos),
            [.. rules.Rules],
            [.. combinations],
            rules.GroupCount,
            new PatternIndex(rules.Patterns, vocabulary.Count),
            new PatternIndex(idioms.All, vocabulary.Count),
            new PatternIndex(idioms.FrameEnds, vocabulary.Count),
            negation,
            hedges));
        screener.CheckExamples(file.Examples);
        return screener;
    }

    private static List<int> ReadWords(ContentNode list, PatternContext context) =>
        [.. list.Items().Select(n => context.Word(n.Text(), n))];

    /// <summary>
    /// The data checks itself: every example must still screen as its rule says, so an edit that breaks a rule
    /// (or an idiom that swallows a real crisis) stops the bot at start-up.
    /// </summary>
    private void CheckExamples(List<ScreeningExample> examples)
    {
        var failures = new List<(ContentNode Node, string Problem)>();
        foreach (var (node, expected, owner) in examples)
        {
            var result = Screen(node.Text());
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
    }
}
