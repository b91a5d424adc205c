using ReflectBot.Content;
using ReflectBot.Journeys.Reframe.Analysis.Engine;

namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// The analyser's lexicon, read and validated once from dialogs/{locale}/analyzer/*.yaml.
/// Any file may hold any section; each section is defined once. Every problem stops loading with
/// the file and line a counsellor has to fix.
/// </summary>
internal sealed class AnalyzerContent
{
    // Sections a file may hold.
    private const string HintsSection = "hints";
    private const string RewritesSection = "rewrites";
    private const string KeepBareSection = "not-without-apostrophe";
    private const string ListsSection = "lists";
    private const string FeelingsSection = "feelings";
    private const string UnsureSection = "suggest-when-unsure";
    private const string NeedsSection = "needs";
    private const string FauxSection = "faux-feelings";
    private const string FindingsSection = "findings";
    private const string ChecksSection = "checks";

    private static readonly string[] Sections =
    [
        HintsSection, RewritesSection, KeepBareSection, ListsSection, FeelingsSection, UnsureSection,
        NeedsSection, FauxSection, FindingsSection, ChecksSection,
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

    private static readonly string[] RequiredChecks =
    [
        ObservationJudgementCheck, ObservationInterpretationCheck, RequestNegativeCheck, RequestCharacterCheck, RequestOpenerCheck,
    ];

    private const int DefaultGap = 3;
    private const int MaxGap = 8;
    private const int MaxTone = 5;

    public required TextNormaliser Normaliser { get; init; }
    /// <summary>Finding kinds and step checks in one engine, so a kind can depend on a check.</summary>
    public required PatternEngine Engine { get; init; }
    public required Dictionary<FindingKind, Rule> KindRules { get; init; }
    public required Dictionary<string, Rule> CheckRules { get; init; }
    public required HintBook Hints { get; init; }
    public required IReadOnlyList<FeelingFamily> FeelingFamilies { get; init; }
    public required Dictionary<string, FeelingWord> FeelingsByWord { get; init; }
    public required IReadOnlyList<string> SuggestWhenUnsure { get; init; }
    public required IReadOnlyList<NeedGroup> NeedGroups { get; init; }
    public required IReadOnlyList<FauxFeeling> FauxFeelings { get; init; }
    public required Dictionary<string, FauxFeeling> FauxByWord { get; init; }
    public required PhraseTrie FeelingTrie { get; init; }
    public required PhraseTrie FauxAnyTrie { get; init; }
    public required PhraseTrie VagueFeelingTrie { get; init; }

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

        // Rewrites first: every lexicon word and pattern is normalised exactly like user text.
        var rewrites = ReadRewrites(sections[RewritesSection], sections[KeepBareSection]);
        var bootstrap = new TextNormaliser(rewrites, new HashSet<string>());

        var lists = ReadLists(sections[ListsSection], bootstrap);
        var (families, feelingsByWord, feelingTrie) = ReadFeelings(sections[FeelingsSection], bootstrap);
        var unsure = ReadFeelingRefs(sections[UnsureSection], feelingsByWord);
        var (needGroups, needWords, needTrie) = ReadNeeds(sections[NeedsSection], bootstrap);
        var faux = ReadFaux(sections[FauxSection], bootstrap, feelingsByWord, needWords);

        AddDerivedList(lists, sections[ListsSection], FeelingList, feelingTrie);
        AddDerivedList(lists, sections[ListsSection], NeedList, needTrie);
        AddDerivedList(lists, sections[ListsSection], FauxList, faux.Plain);
        AddDerivedList(lists, sections[ListsSection], FauxAfterFeelList, faux.AfterFeel);
        AddDerivedList(lists, sections[ListsSection], FauxAnyList, faux.Any);
        AddDerivedList(lists, sections[ListsSection], FauxActionList, faux.Actions);

        foreach (var required in new[] { ClauseJoinersList, VagueFeelingsList })
        {
            if (!lists.ContainsKey(required))
            {
                throw sections[ListsSection].Error($"missing list '{required}'");
            }
        }

        var joiners = lists[ClauseJoinersList].FirstWords.ToHashSet(StringComparer.Ordinal);
        var normaliser = new TextNormaliser(rewrites, joiners);

        var hints = HintBook.Read(sections[HintsSection]);
        var usedHints = new HashSet<string>(StringComparer.Ordinal) { HintBook.OrKey };
        foreach (var key in ReframeAnalyzer.HintKeysUsedInCode)
        {
            if (!hints.Contains(key))
            {
                throw sections[HintsSection].Error($"missing hint '{key}'");
            }

            usedHints.Add(key);
        }

        var findingsNode = sections[FindingsSection];
        var checksNode = sections[ChecksSection];
        var kindRules = CreateKindRules(findingsNode, hints, usedHints);
        var checkRules = CreateCheckRules(checksNode, hints, usedHints);
        var allRules = new Dictionary<string, (Rule Rule, ContentNode Node)>(StringComparer.Ordinal);
        foreach (var (name, node) in findingsNode.Entries)
        {
            allRules[name] = (kindRules.Values.Single(r => r.Name == name), node);
        }

        foreach (var (name, node) in checksNode.Entries)
        {
            if (allRules.ContainsKey(name))
            {
                throw node.Error($"'{name}' is already the name of a finding kind");
            }

            allRules[name] = (checkRules[name], node);
        }

        foreach (var (rule, node) in allRules.Values)
        {
            ReadUnless(node, "unless-overlapping", rule, rule.UnlessOverlapping, allRules);
            ReadUnless(node, "unless-in-sentence", rule, rule.UnlessInSentence, allRules);
            ReadUnless(node, "only-with-in-sentence", rule, rule.OnlyWithInSentence, allRules);
        }

        var patterns = new List<Pattern>();
        foreach (var (rule, node) in allRules.Values)
        {
            foreach (var item in node.Get("patterns").Items())
            {
                patterns.Add(CompilePattern(item, rule, lists, bootstrap, hints, usedHints));
            }
        }

        foreach (var key in hints.Keys)
        {
            if (!usedHints.Contains(key))
            {
                var node = sections[HintsSection].Get(key);
                throw node.Error("is not used by any finding, check or dialog (a typo in a key?)");
            }
        }

        return new AnalyzerContent
        {
            Normaliser = normaliser,
            Engine = new PatternEngine(patterns),
            KindRules = kindRules,
            CheckRules = checkRules,
            Hints = hints,
            FeelingFamilies = families,
            FeelingsByWord = feelingsByWord,
            SuggestWhenUnsure = unsure,
            NeedGroups = needGroups,
            FauxFeelings = faux.Entries,
            FauxByWord = faux.Entries.ToDictionary(f => f.Word, StringComparer.Ordinal),
            FeelingTrie = feelingTrie,
            FauxAnyTrie = faux.Any,
            VagueFeelingTrie = lists[VagueFeelingsList],
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

    private static Dictionary<string, string[]> ReadRewrites(ContentNode section, ContentNode keepBareSection)
    {
        var keepBare = keepBareSection.Items()
            .Select(item => (Node: item, Word: Lower(item.Text())))
            .ToList();
        var rewrites = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, node) in section.Entries)
        {
            var from = Lower(key);
            if (from.Length == 0 || !from.All(c => char.IsLetterOrDigit(c) || c == '\''))
            {
                throw node.Error($"'{key}': a rewrite replaces one word (letters, digits, an apostrophe inside)");
            }

            var to = Lower(node.Text()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!rewrites.TryAdd(from, to))
            {
                throw node.Error($"'{from}' is rewritten twice");
            }
        }

        // "dont" means "don't"; but "well" is not "we'll", so those stay as typed.
        foreach (var (from, to) in rewrites.ToList())
        {
            if (!from.Contains('\''))
            {
                continue;
            }

            var bare = from.Replace("'", "", StringComparison.Ordinal);
            if (!keepBare.Any(k => k.Word == from) && !rewrites.ContainsKey(bare))
            {
                rewrites[bare] = to;
            }
        }

        foreach (var (node, word) in keepBare)
        {
            if (!rewrites.ContainsKey(word))
            {
                throw node.Error($"'{word}' is not one of the rewrites");
            }
        }

        return rewrites;
    }

    private static string Lower(string text)
    {
        var chars = text.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = TextNormaliser.IsApostrophe(chars[i]) ? '\'' : char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    private static string[] WordsOf(ContentNode node, string text, TextNormaliser normaliser)
    {
        var words = normaliser.Words(text);
        return words.Length > 0 ? words : throw node.Error($"'{text}' has no words in it");
    }

    private static Dictionary<string, PhraseTrie> ReadLists(ContentNode section, TextNormaliser normaliser)
    {
        var lists = new Dictionary<string, PhraseTrie>(StringComparer.Ordinal);
        foreach (var (name, node) in section.Entries)
        {
            CheckName(node, name);
            var trie = new PhraseTrie();
            foreach (var item in node.Items())
            {
                var text = item.Text();
                trie.Add(WordsOf(item, text, normaliser), Lower(text));
            }

            lists[name] = trie;
        }

        return lists;
    }

    private static void AddDerivedList(Dictionary<string, PhraseTrie> lists, ContentNode listsSection, string name, PhraseTrie trie)
    {
        if (lists.ContainsKey(name))
        {
            throw listsSection.Get(name).Error($"'{name}' is built from another section; choose another list name");
        }

        lists[name] = trie;
    }

    private static void CheckName(ContentNode node, string name)
    {
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw node.Error($"'{name}' is not a usable name (lower-case letters, digits and '-')");
        }
    }

    private static (List<FeelingFamily>, Dictionary<string, FeelingWord>, PhraseTrie) ReadFeelings(ContentNode section, TextNormaliser normaliser)
    {
        var families = new List<FeelingFamily>();
        var byWord = new Dictionary<string, FeelingWord>(StringComparer.Ordinal);
        var trie = new PhraseTrie();
        foreach (var (key, node) in section.Entries)
        {
            CheckName(node, key);
            var label = node.Get("label").Text();
            var words = new List<string>();
            foreach (var item in node.Get("words").Items())
            {
                var word = Lower(item.Text());
                if (byWord.TryGetValue(word, out var existing))
                {
                    throw item.Error($"'{word}' is already in the '{existing.Family}' family");
                }

                byWord[word] = new FeelingWord(word, key);
                words.Add(word);
                trie.Add(WordsOf(item, word, normaliser), word);
            }

            families.Add(new FeelingFamily(key, label, words));
        }

        return (families, byWord, trie);
    }

    private static List<string> ReadFeelingRefs(ContentNode node, Dictionary<string, FeelingWord> feelings)
    {
        var result = new List<string>();
        foreach (var item in node.Items())
        {
            var word = Lower(item.Text());
            if (!feelings.ContainsKey(word))
            {
                throw item.Error($"'{word}' is not in the feelings list");
            }

            result.Add(word);
        }

        return result;
    }

    private static (List<NeedGroup>, HashSet<string>, PhraseTrie) ReadNeeds(ContentNode section, TextNormaliser normaliser)
    {
        var groups = new List<NeedGroup>();
        var all = new HashSet<string>(StringComparer.Ordinal);
        var trie = new PhraseTrie();
        foreach (var (key, node) in section.Entries)
        {
            CheckName(node, key);
            var label = node.Get("label").Text();
            var needs = new List<string>();
            foreach (var item in node.Get("needs").Items())
            {
                var need = Lower(item.Text());
                if (!all.Add(need))
                {
                    throw item.Error($"'{need}' is listed twice");
                }

                needs.Add(need);
                trie.Add(WordsOf(item, need, normaliser), need);
            }

            groups.Add(new NeedGroup(key, label, needs));
        }

        return (groups, all, trie);
    }

    private sealed record FauxLexicon(List<FauxFeeling> Entries, PhraseTrie Plain, PhraseTrie AfterFeel, PhraseTrie Any, PhraseTrie Actions);

    private static FauxLexicon ReadFaux(ContentNode section, TextNormaliser normaliser, Dictionary<string, FeelingWord> feelings, HashSet<string> needs)
    {
        var entries = new List<FauxFeeling>();
        var plain = new PhraseTrie();
        var afterFeel = new PhraseTrie();
        var any = new PhraseTrie();
        var actions = new PhraseTrie();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var entry in section.Items())
        {
            var underFeelings = ReadFeelingRefs(entry.Get("feelings"), feelings);
            var underNeeds = new List<string>();
            foreach (var item in entry.Get("needs").Items())
            {
                var need = Lower(item.Text());
                if (!needs.Contains(need))
                {
                    throw item.Error($"'{need}' is not in the needs list");
                }

                underNeeds.Add(need);
            }

            // "used" or "attacked" can be literal; they count only after "feel": "I feel used".
            var onlyAfterFeel = entry.TryGet("only-after-feel")?.Bool() ?? false;
            var wordNodes = entry.Get("words").Items();
            var first = Lower(wordNodes[0].Text());
            foreach (var item in wordNodes)
            {
                var word = Lower(item.Text());
                if (feelings.ContainsKey(word))
                {
                    throw item.Error($"'{word}' is in the feelings list too; a word is either a real feeling or a faux one");
                }

                if (!seen.Add(word))
                {
                    throw item.Error($"'{word}' is listed twice");
                }

                var words = WordsOf(item, word, normaliser);
                (onlyAfterFeel ? afterFeel : plain).Add(words, word);
                any.Add(words, word);
                entries.Add(new FauxFeeling(word, underFeelings, underNeeds));
            }

            if (entry.TryGet("actions") is { } actionNode)
            {
                foreach (var item in actionNode.Items())
                {
                    actions.Add(WordsOf(item, item.Text(), normaliser), first);
                }
            }
        }

        return new FauxLexicon(entries, plain, afterFeel, any, actions);
    }

    private static Dictionary<FindingKind, Rule> CreateKindRules(ContentNode section, HintBook hints, HashSet<string> usedHints)
    {
        var byName = Enum.GetValues<FindingKind>().ToDictionary(k => k.ContentName(), StringComparer.Ordinal);
        var rules = new Dictionary<FindingKind, Rule>();
        foreach (var (name, node) in section.Entries)
        {
            if (!byName.TryGetValue(name, out var kind))
            {
                throw node.Error($"unknown finding kind '{name}' (known: {string.Join(", ", byName.Keys)})");
            }

            var tone = node.Get("tone").Int();
            var toneNode = node.Get("tone");
            if (Math.Abs(tone) > MaxTone)
            {
                throw toneNode.Error($"tone {tone} is outside -{MaxTone}..{MaxTone}");
            }

            if (kind.IsPositive() ? tone < 0 : tone > 0)
            {
                throw toneNode.Error(kind.IsPositive()
                    ? $"'{name}' helps a conversation, so its tone cannot be negative"
                    : $"'{name}' strains a conversation, so its tone cannot be positive");
            }

            rules[kind] = new Rule(name, kind, ReadHintKey(node, hints, usedHints), tone);
        }

        foreach (var kind in Enum.GetValues<FindingKind>())
        {
            if (!rules.ContainsKey(kind))
            {
                throw section.Error($"missing finding kind '{kind.ContentName()}'");
            }
        }

        return rules;
    }

    private static Dictionary<string, Rule> CreateCheckRules(ContentNode section, HintBook hints, HashSet<string> usedHints)
    {
        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);
        foreach (var (name, node) in section.Entries)
        {
            CheckName(node, name);
            rules[name] = new Rule(name, null, ReadHintKey(node, hints, usedHints), 0);
        }

        foreach (var name in RequiredChecks)
        {
            if (!rules.ContainsKey(name))
            {
                throw section.Error($"missing check '{name}'");
            }
        }

        return rules;
    }

    private static string ReadHintKey(ContentNode node, HintBook hints, HashSet<string> usedHints)
    {
        var hintNode = node.Get("hint");
        var key = hintNode.Text();
        if (!hints.Contains(key))
        {
            throw hintNode.Error($"no hint '{key}' in the hints section");
        }

        usedHints.Add(key);
        return key;
    }

    private static void ReadUnless(ContentNode node, string key, Rule rule, List<Rule> target, Dictionary<string, (Rule Rule, ContentNode Node)> rules)
    {
        if (node.TryGet(key) is not { } list)
        {
            return;
        }

        foreach (var item in list.Items())
        {
            var name = item.Text();
            if (!rules.TryGetValue(name, out var other))
            {
                throw item.Error($"unknown finding or check '{name}'");
            }

            if (other.Rule == rule)
            {
                throw item.Error("a rule cannot step aside for itself");
            }

            target.Add(other.Rule);
        }
    }

    private static Pattern CompilePattern(ContentNode item, Rule rule, Dictionary<string, PhraseTrie> lists, TextNormaliser normaliser, HintBook hints, HashSet<string> usedHints)
    {
        ContentNode textNode;
        string? hintKey = null;
        if (item.IsMap)
        {
            textNode = item.Get("match");
            hintKey = ReadHintKey(item, hints, usedHints);
        }
        else
        {
            textNode = item;
        }

        var source = textNode.Text();
        var elements = new List<Element>();
        foreach (var part in SplitPattern(textNode, source))
        {
            elements.Add(CompileElement(textNode, part, lists, normaliser));
        }

        var firstConsuming = elements.FindIndex(e => e.Consumes);
        var lastConsuming = elements.FindLastIndex(e => e.Consumes);
        if (!elements.Any(e => e.Consumes && !e.Optional && e is not GapElement))
        {
            throw textNode.Error($"pattern '{source}' needs at least one word that must be there");
        }

        if (elements[firstConsuming] is GapElement || elements[lastConsuming] is GapElement)
        {
            throw textNode.Error($"pattern '{source}' cannot begin or end with '...'");
        }

        return new Pattern(rule, elements.ToArray(), hintKey, source);
    }

    /// <summary>Splits on spaces, keeping "( … )" groups whole: "you (need to|have to)".</summary>
    private static List<string> SplitPattern(ContentNode node, string source)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = -1;
        for (var i = 0; i <= source.Length; i++)
        {
            var c = i < source.Length ? source[i] : ' ';
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth < 0)
            {
                throw node.Error($"pattern '{source}' has a ')' without a '('");
            }

            if (char.IsWhiteSpace(c) && depth == 0)
            {
                if (start >= 0)
                {
                    parts.Add(source[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        return depth == 0 ? parts : throw node.Error($"pattern '{source}' has a '(' without a ')'");
    }

    private static Element CompileElement(ContentNode node, string part, Dictionary<string, PhraseTrie> lists, TextNormaliser normaliser)
    {
        switch (part)
        {
            case "^":
                return new AnchorElement(AnchorKind.ClauseStart);
            case "~":
                return new AnchorElement(AnchorKind.SoftStart);
            case "$":
                return new AnchorElement(AnchorKind.ClauseEnd);
            case "*":
                return new AnyWordElement();
            case "#":
                return new NumberElement();
        }

        if (part.StartsWith("...", StringComparison.Ordinal) || part.StartsWith('\u2026'))
        {
            var digits = part.TrimStart('.', '\u2026');
            if (digits.Length == 0)
            {
                return new GapElement(DefaultGap);
            }

            return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max) && max is > 0 and <= MaxGap
                ? new GapElement(max)
                : throw node.Error($"'{part}': a gap is '...' or '...N' with N from 1 to {MaxGap}");
        }

        if (part.StartsWith('>'))
        {
            var ahead = CompileElement(node, part[1..], lists, normaliser);
            return ahead is WordsElement { Negated: false, Optional: false, Words.SingleWordsOnly: true } aheadWords
                ? new LookaheadElement(aheadWords.Words)
                : throw node.Error($"'{part}': a look-ahead is '>' and single words, like '>when|because'");
        }

        var optional = part.EndsWith('?');
        var negated = part.StartsWith('!');
        var body = part[(negated ? 1 : 0)..(optional ? part.Length - 1 : part.Length)];

        if (body.StartsWith('*'))
        {
            var suffix = body[1..];
            if (negated || suffix.Length == 0 || !suffix.All(char.IsLetter))
            {
                throw node.Error($"'{part}': a word ending is written '*ing'");
            }

            return new SuffixElement(suffix.ToLowerInvariant()) { Optional = optional };
        }

        if (negated && optional)
        {
            throw node.Error($"'{part}': '!' and '?' together mean nothing");
        }

        if (body.StartsWith('(') != body.EndsWith(')') || body.IndexOf('(', 1) >= 0)
        {
            throw node.Error($"'{part}': a group is written '(a b|c)', with '?' or '!' outside it");
        }

        if (body.StartsWith('('))
        {
            body = body[1..^1];
        }

        var alternatives = body.Split('|');
        PhraseTrie? single = null;
        var trie = new PhraseTrie();
        foreach (var alternative in alternatives)
        {
            if (alternative.Length == 0)
            {
                throw node.Error($"'{part}' has an empty alternative");
            }

            if (alternative.StartsWith('{') && alternative.EndsWith('}'))
            {
                var name = alternative[1..^1];
                if (!lists.TryGetValue(name, out var list))
                {
                    throw node.Error($"unknown list '{{{name}}}' (known: {string.Join(", ", lists.Keys.Order(StringComparer.Ordinal))})");
                }

                single = alternatives.Length == 1 ? list : null;
                trie.AddAll(list);
                continue;
            }

            if (alternative.Trim().Length == 0)
            {
                throw node.Error($"'{part}' has an empty alternative");
            }

            if (alternative.IndexOfAny(['{', '}', '*', '!', '?', '^', '~', '$', '(', ')', '#', '>']) >= 0)
            {
                throw node.Error($"'{alternative}' in '{part}' mixes a word with pattern symbols");
            }

            trie.Add(WordsOf(node, alternative, normaliser), null);
        }

        var words = single ?? trie;
        if (negated && !words.SingleWordsOnly)
        {
            throw node.Error($"'{part}': '!' works with single words only");
        }

        return new WordsElement(words, negated) { Optional = optional };
    }
}
