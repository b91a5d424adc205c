using ReflectBot.Content;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Safety.Screening;

/// <summary>
/// The <c>rules</c> section: each rule's category, its options and its patterns. Rules that feed a combination
/// name a <c>group</c>; every group must be used by some combination (<see cref="CombinationReader"/>).
/// </summary>
internal sealed class RuleReader
{
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);

    public List<ScreeningRule> Rules { get; } = [];

    /// <summary>Every rule's patterns, numbered in file order (<see cref="PhrasePattern.Index"/>).</summary>
    public List<PhrasePattern> Patterns { get; } = [];

    /// <summary>Where each group is first named, for the "not used by any combination" error.</summary>
    public Dictionary<string, ContentNode> GroupLines { get; } = new(StringComparer.Ordinal);

    public int GroupCount => _groups.Count;

    public bool TryGetGroup(string name, out int group) => _groups.TryGetValue(name, out group);

    public static RuleReader Read(ContentNode list, ScreeningFile file, bool hasFirstPersonWords)
    {
        var reader = new RuleReader();
        foreach (var node in list.Items())
        {
            reader.ReadRule(node, file, hasFirstPersonWords);
        }

        return reader;
    }

    private void ReadRule(ContentNode node, ScreeningFile file, bool hasFirstPersonWords)
    {
        node.RequireOnlyKeys("id", "category", "signal", "group", "uncertain", "near_first_person", "same_clause", "patterns", "examples");
        var id = file.ReadId(node);
        var categoryNode = node.Get("category");
        var category = ScreeningFile.ReadCategory(categoryNode);
        var group = node.TryGet("group") is { } groupNode ? ReadGroup(groupNode) : -1;
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

            if (!hasFirstPersonWords)
            {
                throw nearNode.Error("near_first_person needs a first_person word list at the top of the file");
            }
        }

        // A frame rule ("a risk word near me") must not join words from two different sentences.
        var sameClause = node.TryGet("same_clause")?.Bool() ?? false;
        var rule = new ScreeningRule(Rules.Count, id, category, group, uncertain, near, sameClause);
        Rules.Add(rule);
        foreach (var patternNode in node.Get("patterns").Items())
        {
            var pattern = PatternParser.Parse(patternNode, rule.Index, file.Context, gapsStayInClause: sameClause);
            pattern.Index = Patterns.Count;
            Patterns.Add(pattern);
        }

        file.AddExamples(node, category, id);
    }

    private int ReadGroup(ContentNode groupNode)
    {
        var name = groupNode.Text();
        if (!ScreeningFile.IsIdShaped(name))
        {
            throw groupNode.Error($"group '{name}' may only hold lower-case letters, digits, '-' and '.'");
        }

        if (!_groups.TryGetValue(name, out var group))
        {
            group = _groups.Count;
            _groups.Add(name, group);
            GroupLines.Add(name, groupNode);
        }

        return group;
    }
}
