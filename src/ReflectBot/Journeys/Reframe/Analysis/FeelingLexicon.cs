using ReflectBot.Content;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// The feelings, needs and faux feelings (feelings.yaml, needs.yaml, faux-feelings.yaml): the choices the dialog
/// offers, and the word lists the patterns use as {feeling}, {need}, {faux}, {faux-after-feel}, {faux-any} and
/// {faux-action}. Each list entry's term is the lexicon word, so a match says which feeling it found.
/// </summary>
internal sealed class FeelingLexicon
{
    public required IReadOnlyList<FeelingFamily> FeelingFamilies { get; init; }
    public required Dictionary<string, FeelingWord> FeelingsByWord { get; init; }
    public required IReadOnlyList<string> SuggestWhenUnsure { get; init; }
    public required IReadOnlyList<NeedGroup> NeedGroups { get; init; }
    public required IReadOnlyList<FauxFeeling> FauxFeelings { get; init; }
    public required Dictionary<string, FauxFeeling> FauxByWord { get; init; }

    /// <summary>Every feeling word, as a list a message can be read against.</summary>
    public required Element Feelings { get; init; }

    /// <summary>Every faux feeling, including those that only count after "feel".</summary>
    public required Element AnyFaux { get; init; }

    /// <summary>The lists built here, by the name patterns use.</summary>
    public required IReadOnlyList<(string Name, Element List)> DerivedLists { get; init; }

    public static FeelingLexicon Read(IReadOnlyDictionary<string, ContentNode> sections, PatternContext context)
    {
        var (families, familyOf, feelings) = ReadGroups(sections[AnalyzerContent.FeelingsSection], "words", "family", context);
        var feelingsByWord = familyOf.ToDictionary(kv => kv.Key, kv => new FeelingWord(kv.Key, kv.Value), StringComparer.Ordinal);
        var unsure = ReadRefs(sections[AnalyzerContent.UnsureSection], feelingsByWord.ContainsKey, "feelings");
        var (needGroups, groupOfNeed, needs) = ReadGroups(sections[AnalyzerContent.NeedsSection], "needs", "group", context);
        var faux = ReadFaux(sections[AnalyzerContent.FauxSection], context, feelingsByWord, groupOfNeed);
        return new FeelingLexicon
        {
            FeelingFamilies = [.. families.Select(f => new FeelingFamily(f.Key, f.Label, f.Words))],
            FeelingsByWord = feelingsByWord,
            SuggestWhenUnsure = unsure,
            NeedGroups = [.. needGroups.Select(g => new NeedGroup(g.Key, g.Label, g.Words))],
            FauxFeelings = faux.Entries,
            FauxByWord = faux.Entries.ToDictionary(f => f.Word, StringComparer.Ordinal),
            Feelings = feelings,
            AnyFaux = faux.Any,
            DerivedLists =
            [
                (AnalyzerContent.FeelingList, feelings),
                (AnalyzerContent.NeedList, needs),
                (AnalyzerContent.FauxList, faux.Plain),
                (AnalyzerContent.FauxAfterFeelList, faux.AfterFeel),
                (AnalyzerContent.FauxAnyList, faux.Any),
                (AnalyzerContent.FauxActionList, faux.Actions),
            ],
        };
    }

    /// <summary>A lexicon word as a key: trimmed, lower case, one kind of apostrophe.</summary>
    private static string Lower(string text)
    {
        var chars = text.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = TextNormaliser.IsApostrophe(chars[i]) ? '\'' : char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    internal static void CheckName(ContentNode node, string name)
    {
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw node.Error($"'{name}' is not a usable name (lower-case letters, digits and '-')");
        }
    }

    /// <summary>
    /// Labelled groups of words (feelings by family, needs by group). A word sits in one group only; every word
    /// also goes into one list, with itself as the term.
    /// </summary>
    private static (List<(string Key, string Label, List<string> Words)> Groups, Dictionary<string, string> GroupOf, Element List) ReadGroups(
        ContentNode section, string wordsKey, string groupNoun, PatternContext context)
    {
        var groups = new List<(string, string, List<string>)>();
        var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var list = new WordSet();
        foreach (var (key, node) in section.Entries)
        {
            CheckName(node, key);
            var words = new List<string>();
            foreach (var item in node.Get(wordsKey).Items())
            {
                var word = Lower(item.Text());
                if (!groupOf.TryAdd(word, key))
                {
                    throw item.Error($"'{word}' is already in the '{groupOf[word]}' {groupNoun}");
                }

                words.Add(word);
                list.Add(context.Words(word, item), context.Vocabulary.InternTerm(word));
            }

            groups.Add((key, node.Get("label").Text(), words));
        }

        return (groups, groupOf, list.Build());
    }

    /// <summary>Words that must name an entry of another section ("lonely" in the feelings list).</summary>
    private static List<string> ReadRefs(ContentNode node, Func<string, bool> known, string section)
    {
        var result = new List<string>();
        foreach (var item in node.Items())
        {
            var word = Lower(item.Text());
            if (!known(word))
            {
                throw item.Error($"'{word}' is not in the {section} list");
            }

            result.Add(word);
        }

        return result;
    }

    private sealed record FauxLists(List<FauxFeeling> Entries, Element Plain, Element AfterFeel, Element Any, Element Actions);

    private static FauxLists ReadFaux(ContentNode section, PatternContext context, Dictionary<string, FeelingWord> feelings, Dictionary<string, string> needs)
    {
        var entries = new List<FauxFeeling>();
        var (plain, afterFeel, any, actions) = (new WordSet(), new WordSet(), new WordSet(), new WordSet());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in section.Items())
        {
            var underFeelings = ReadRefs(entry.Get("feelings"), feelings.ContainsKey, "feelings");
            var underNeeds = ReadRefs(entry.Get("needs"), needs.ContainsKey, "needs");

            // "used" or "attacked" can be literal; they count only after "feel": "I feel used".
            var onlyAfterFeel = entry.TryGet("only-after-feel")?.Bool() ?? false;
            var wordNodes = entry.Get("words").Items();
            var first = context.Vocabulary.InternTerm(Lower(wordNodes[0].Text()));
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

                var words = context.Words(word, item);
                var term = context.Vocabulary.InternTerm(word);
                (onlyAfterFeel ? afterFeel : plain).Add(words, term);
                any.Add(words, term);
                entries.Add(new FauxFeeling(word, underFeelings, underNeeds));
            }

            foreach (var item in entry.TryGet("actions")?.Items() ?? [])
            {
                actions.Add(context.Words(item.Text(), item), first);
            }
        }

        return new FauxLists(entries, plain.Build(), afterFeel.Build(), any.Build(), actions.Build());
    }
}
