using ReflectBot.Content;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// The analyser's lexicon, read and validated once from dialogs/{locale}/analyzer/*.yaml with the shared pattern
/// engine (<see cref="ReflectBot.Understanding.Patterns"/>). Any file may hold any section; each section is defined
/// once. Every problem stops loading with the file and line a counsellor has to fix.
/// </summary>
internal sealed class AnalyzerContent
{
    // Sections a file may hold.
    private const string HintsSection = "hints";
    private const string RewritesSection = "rewrites";
    private const string ListsSection = "lists";
    internal const string FeelingsSection = "feelings";
    internal const string UnsureSection = "suggest-when-unsure";
    internal const string NeedsSection = "needs";
    internal const string FauxSection = "faux-feelings";
    internal const string FindingsSection = "findings";
    internal const string ChecksSection = "checks";

    private static readonly string[] Sections =
    [
        HintsSection, RewritesSection, ListsSection, FeelingsSection, UnsureSection, NeedsSection, FauxSection, FindingsSection, ChecksSection,
    ];

    // Lists the analyser builds from the feelings, needs and faux-feelings sections.
    internal const string FeelingList = "feeling";
    internal const string NeedList = "need";
    internal const string FauxList = "faux";
    internal const string FauxAfterFeelList = "faux-after-feel";
    internal const string FauxAnyList = "faux-any";
    internal const string FauxActionList = "faux-action";

    // Lists and checks the C# relies on by name.
    internal const string ClauseJoinersList = "clause-joiner";
    internal const string VagueFeelingsList = "vague-feeling";
    internal const string ObservationJudgementCheck = "observation-judgement";
    internal const string ObservationInterpretationCheck = "observation-interpretation";
    internal const string RequestNegativeCheck = "request-negative";
    internal const string RequestCharacterCheck = "request-character";
    internal const string RequestOpenerCheck = "request-opener";

    public required Vocabulary Vocabulary { get; init; }
    public required TextNormaliser Normaliser { get; init; }

    /// <summary>Finding kinds and step checks in one set, so a kind can depend on a check.</summary>
    public required FindingRules Rules { get; init; }
    public required Dictionary<FindingKind, Rule> KindRules { get; init; }
    public required Dictionary<string, Rule> CheckRules { get; init; }
    public required HintBook Hints { get; init; }
    public required FeelingLexicon Lexicon { get; init; }
    public required Element VagueFeelings { get; init; }

    /// <summary>Reads <paramref name="text"/> once, as every check and the analysis read it.</summary>
    public AnalysedText Read(string? text) => AnalysedText.Read(text, Normaliser, Vocabulary);

    public static AnalyzerContent Load(string contentRoot, string locale)
    {
        var relativeFolder = $"{locale}/analyzer";
        var folder = Path.Combine(contentRoot, locale, "analyzer");
        if (!Directory.Exists(folder))
        {
            throw new ContentException(relativeFolder, 0, $"folder not found under '{contentRoot}'");
        }

        var files = Directory.GetFiles(folder, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => ContentNode.Load(path, $"{relativeFolder}/{Path.GetFileName(path)}"))
            .ToList();
        return Build(files, relativeFolder);
    }

    internal static AnalyzerContent Build(IReadOnlyList<ContentNode> files, string folderName)
    {
        var sections = CollectSections(files, folderName);
        var vocabulary = new Vocabulary();
        var context = new PatternContext(vocabulary);

        // Rewrites first: a list or pattern word the rewrites would change could never match.
        var rewrites = RewriteReader.Read(sections[RewritesSection], context);
        WordListReader.Read(sections[ListsSection], context);
        var lexicon = FeelingLexicon.Read(sections, context);
        foreach (var (name, list) in lexicon.DerivedLists)
        {
            if (context.HasWordList(name))
            {
                throw sections[ListsSection].Get(name).Error($"'{name}' is built from another section; choose another list name");
            }

            context.AddWordList(name, list);
        }

        foreach (var required in new[] { ClauseJoinersList, VagueFeelingsList })
        {
            if (!context.HasWordList(required))
            {
                throw sections[ListsSection].Error($"missing list '{required}'");
            }
        }

        var hints = HintBook.Read(sections[HintsSection]);
        var rules = AnalyzerRuleReader.Read(sections[FindingsSection], sections[ChecksSection], hints, context);
        hints.RequireAllUsed(rules.UsedHints);

        // "~" holds after a clause joiner: "I'm hurt and you never call".
        var joiners = context.WordList(ClauseJoinersList, sections[ListsSection]);
        vocabulary.Freeze(new WordRoles([], [], [], [.. joiners.Singles, .. joiners.Sequences.Select(s => s[0])]));

        return new AnalyzerContent
        {
            Vocabulary = vocabulary,
            Normaliser = new TextNormaliser(vocabulary, rewrites, TypoCorrector.None(vocabulary)),
            Rules = new FindingRules(rules.Patterns, vocabulary),
            KindRules = rules.KindRules,
            CheckRules = rules.CheckRules,
            Hints = hints,
            Lexicon = lexicon,
            VagueFeelings = context.WordList(VagueFeelingsList, sections[ListsSection]),
        };
    }

    private static Dictionary<string, ContentNode> CollectSections(IReadOnlyList<ContentNode> files, string folderName)
    {
        var sections = new Dictionary<string, ContentNode>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!file.IsMap)
            {
                throw file.Error($"expected a map of sections ({string.Join(", ", Sections)})");
            }

            foreach (var (key, node) in file.Entries)
            {
                if (!Sections.Contains(key))
                {
                    throw node.Error($"unknown section '{key}' (expected one of: {string.Join(", ", Sections)})");
                }

                if (sections.TryGetValue(key, out var earlier))
                {
                    throw node.Error($"section '{key}' is already defined at {earlier.File}:{earlier.Line}");
                }

                sections[key] = node;
            }
        }

        foreach (var key in Sections)
        {
            if (!sections.ContainsKey(key))
            {
                throw new ContentException(folderName, 0, $"no .yaml file here defines the '{key}' section");
            }
        }

        return sections;
    }
}
