using ReflectBot.Content;

namespace ReflectBot.Safety.Screening;

/// <summary>The <c>combinations</c> section: signs that mean more together than alone, by rule group.</summary>
internal static class CombinationReader
{
    public static List<ScreeningCombination> Read(ContentNode? list, RuleReader rules, ScreeningFile file)
    {
        var combinations = new List<ScreeningCombination>();
        var usedGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in list?.Items() ?? [])
        {
            node.RequireOnlyKeys("id", "category", "when", "examples");
            var id = file.ReadId(node);
            var categoryNode = node.Get("category");
            var category = ScreeningFile.ReadCategory(categoryNode);
            if (category == SafetyCategory.None)
            {
                throw categoryNode.Error("a combination needs a category other than 'none'");
            }

            var requirements = new List<(int, int)>();
            foreach (var (groupName, countNode) in node.Get("when").Entries)
            {
                if (!rules.TryGetGroup(groupName, out var group))
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
            file.AddExamples(node, category, id);
        }

        foreach (var (name, node) in rules.GroupLines)
        {
            if (!usedGroups.Contains(name))
            {
                throw node.Error($"group '{name}' is not used by any combination");
            }
        }

        return combinations;
    }
}
