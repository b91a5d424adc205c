using System.Text.RegularExpressions;
using ReflectBot.Content;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Safety.Screening;

/// <summary>A message under a rule, combination or idiom that must screen as <see cref="Expected"/> (checked at start-up).</summary>
internal sealed record ScreeningExample(ContentNode Node, SafetyCategory Expected, string Owner);

/// <summary>
/// What the sections of screening.yaml share while they are read: the pattern context, the ids in use (unique
/// across rules, combinations and idioms) and the examples to check once the screener is built.
/// </summary>
internal sealed partial class ScreeningFile(PatternContext context)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public PatternContext Context { get; } = context;

    public List<ScreeningExample> Examples { get; } = [];

    public string ReadId(ContentNode node)
    {
        var idNode = node.Get("id");
        var id = idNode.Text();
        if (!IdShape().IsMatch(id))
        {
            throw idNode.Error($"id '{id}' may only hold lower-case letters, digits, '-', '_' and '.'");
        }

        if (!_ids.Add(id))
        {
            throw idNode.Error($"id '{id}' is used twice");
        }

        return id;
    }

    public static bool IsIdShaped(string name) => IdShape().IsMatch(name);

    public static SafetyCategory ReadCategory(ContentNode node)
    {
        var text = node.Text();
        return SafetyCategories.TryParse(text, out var category)
            ? category
            : throw node.Error($"unknown category '{text}' (use one of: {string.Join(", ", SafetyCategories.All.Select(c => c.WireName()))})");
    }

    public void AddExamples(ContentNode node, SafetyCategory expected, string owner)
    {
        if (node.TryGet("examples") is { } list)
        {
            if (expected == SafetyCategory.None && node.Has("category"))
            {
                throw list.Error("a signal-only rule cannot have examples; give them to its combination");
            }

            Examples.AddRange(list.Items().Select(n => new ScreeningExample(n, expected, owner)));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();
}
