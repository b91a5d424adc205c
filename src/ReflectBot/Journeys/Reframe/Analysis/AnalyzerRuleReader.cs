using ReflectBot.Content;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// The findings and checks sections (findings.yaml, checks.yaml): each rule's hint, tone, the rules it steps aside
/// for, and its patterns in the one pattern syntax. Also collects which hints are used, so a stray hint is caught.
/// </summary>
internal sealed class AnalyzerRuleReader
{
    private const int MaxTone = 5;

    private static readonly string[] RequiredChecks =
    [
        AnalyzerContent.ObservationJudgementCheck, AnalyzerContent.ObservationInterpretationCheck, AnalyzerContent.RequestNegativeCheck,
        AnalyzerContent.RequestCharacterCheck, AnalyzerContent.RequestOpenerCheck,
    ];

    private readonly HintBook _hints;

    private AnalyzerRuleReader(HintBook hints) => _hints = hints;

    public Dictionary<FindingKind, Rule> KindRules { get; } = [];
    public Dictionary<string, Rule> CheckRules { get; } = new(StringComparer.Ordinal);
    public List<RulePattern> Patterns { get; } = [];
    public HashSet<string> UsedHints { get; } = new(StringComparer.Ordinal) { HintBook.OrKey };

    public static AnalyzerRuleReader Read(ContentNode findings, ContentNode checks, HintBook hints, PatternContext context)
    {
        var reader = new AnalyzerRuleReader(hints);
        foreach (var key in ReframeAnalyzer.HintKeysUsedInCode)
        {
            if (!hints.Contains(key))
            {
                throw hints.Section.Error($"missing hint '{key}'");
            }

            reader.UsedHints.Add(key);
        }

        reader.CreateKindRules(findings);
        reader.CreateCheckRules(checks);
        var allRules = new Dictionary<string, (Rule Rule, ContentNode Node)>(StringComparer.Ordinal);
        foreach (var (name, node) in findings.Entries)
        {
            allRules[name] = (reader.KindRules.Values.Single(r => r.Name == name), node);
        }

        foreach (var (name, node) in checks.Entries)
        {
            if (allRules.ContainsKey(name))
            {
                throw node.Error($"'{name}' is already the name of a finding kind");
            }

            allRules[name] = (reader.CheckRules[name], node);
        }

        foreach (var (rule, node) in allRules.Values)
        {
            ReadUnless(node, "unless-overlapping", rule, rule.UnlessOverlapping, allRules);
            ReadUnless(node, "unless-in-sentence", rule, rule.UnlessInSentence, allRules);
            ReadUnless(node, "only-with-in-sentence", rule, rule.OnlyWithInSentence, allRules);
        }

        foreach (var (rule, node) in allRules.Values)
        {
            foreach (var item in node.Get("patterns").Items())
            {
                // A pattern is its text, or a map with its own hint: { match: "...", hint: key }.
                var textNode = item.IsMap ? item.Get("match") : item;
                var hintKey = item.IsMap ? reader.ReadHintKey(item) : null;
                reader.Patterns.Add(new RulePattern(rule, PatternParser.Parse(textNode, reader.Patterns.Count, context), hintKey));
            }
        }

        return reader;
    }

    private void CreateKindRules(ContentNode section)
    {
        var byName = Enum.GetValues<FindingKind>().ToDictionary(k => k.ContentName(), StringComparer.Ordinal);
        foreach (var (name, node) in section.Entries)
        {
            if (!byName.TryGetValue(name, out var kind))
            {
                throw node.Error($"unknown finding kind '{name}' (known: {string.Join(", ", byName.Keys)})");
            }

            var toneNode = node.Get("tone");
            var tone = toneNode.Int();
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

            KindRules[kind] = new Rule(name, kind, ReadHintKey(node), tone);
        }

        foreach (var kind in Enum.GetValues<FindingKind>())
        {
            if (!KindRules.ContainsKey(kind))
            {
                throw section.Error($"missing finding kind '{kind.ContentName()}'");
            }
        }
    }

    private void CreateCheckRules(ContentNode section)
    {
        foreach (var (name, node) in section.Entries)
        {
            FeelingLexicon.CheckName(node, name);
            CheckRules[name] = new Rule(name, null, ReadHintKey(node), 0);
        }

        foreach (var name in RequiredChecks)
        {
            if (!CheckRules.ContainsKey(name))
            {
                throw section.Error($"missing check '{name}'");
            }
        }
    }

    private string ReadHintKey(ContentNode node)
    {
        var hintNode = node.Get("hint");
        var key = hintNode.Text();
        if (!_hints.Contains(key))
        {
            throw hintNode.Error($"no hint '{key}' in the hints section");
        }

        UsedHints.Add(key);
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
}
