using ReflectBot.Content;

namespace ReflectBot.Understanding.Recognition;

/// <summary>One intent of <c>intents.yaml</c>: what people mean, with messages that mean it.</summary>
public sealed record IntentDefinition(string Name, string Description, IReadOnlyList<string> Examples);

/// <summary>
/// One value of an entity: a key the journeys know (signs.yaml <c>who</c>, rehearsal topics, plan strategies) and the
/// phrases that name it. <see cref="Pronouns"/> name it only when nothing else does; <see cref="Suggest"/> lists, for a
/// plan goal, the strategies to offer first.
/// </summary>
public sealed record EntityValue(string Key, IReadOnlyList<string> Phrases, IReadOnlyList<string> Pronouns, IReadOnlyList<string> Suggest);

/// <summary>What people mean when they type (<c>intents.yaml</c>): intents with example messages, and the entities.</summary>
public sealed class IntentsContent : IBotContent
{
    public required IReadOnlyList<IntentDefinition> Intents { get; init; }

    /// <summary>Whose behaviour: partner, self, other.</summary>
    public required IReadOnlyList<EntityValue> Who { get; init; }

    /// <summary>The rehearsal topic (rehearsal.yaml topic keys; <c>own</c> has no phrases).</summary>
    public required IReadOnlyList<EntityValue> Topic { get; init; }

    /// <summary>A plan strategy named outright (plan.yaml strategy keys).</summary>
    public required IReadOnlyList<EntityValue> Step { get; init; }

    /// <summary>A broader plan aim, with the strategies to suggest for it.</summary>
    public required IReadOnlyList<EntityValue> Goal { get; init; }

    public static IntentsContent Load(ContentSource source)
    {
        var root = source.LocaleFile("intents.yaml");
        var intents = root.Get("intents").Items().Select(i => new IntentDefinition(
            i.Get("name").Text(),
            i.TextOr("description", ""),
            NonEmpty(i.Get("examples")))).ToList();

        foreach (var name in IntentNames.All)
        {
            if (!intents.Any(i => i.Name == name))
            {
                throw root.Get("intents").Error($"the intent '{name}' is missing (the bot needs it)");
            }
        }

        foreach (var group in intents.GroupBy(i => i.Name).Where(g => g.Count() > 1))
        {
            throw root.Get("intents").Error($"the intent '{group.Key}' is listed twice");
        }

        var unknown = intents.FirstOrDefault(i => !IntentNames.All.Contains(i.Name));
        if (unknown is not null)
        {
            throw root.Get("intents").Error($"'{unknown.Name}' is not an intent the bot knows; add its phrasings to one of the others");
        }

        var entities = root.Get("entities");
        return new IntentsContent
        {
            Intents = intents,
            Who = Values(entities.Get("who")),
            Topic = Values(entities.Get("topic")),
            Step = Values(entities.Get("step")),
            Goal = Values(entities.Get("goal")),
        };
    }

    private static IReadOnlyList<string> NonEmpty(ContentNode list)
    {
        var texts = list.Texts();
        if (texts.Count == 0)
        {
            throw list.Error("needs at least one entry");
        }

        return texts;
    }

    private static List<EntityValue> Values(ContentNode list) =>
        list.Items().Select(v => new EntityValue(
            v.Get("key").Text(),
            Optional(v.TryGet("phrases")),
            Optional(v.TryGet("pronouns")),
            Optional(v.TryGet("suggest")))).ToList();

    /// <summary>A list that may be absent or empty (<c>own</c> has <c>phrases: []</c>).</summary>
    private static IReadOnlyList<string> Optional(ContentNode? list) =>
        list is null || !list.IsList || IsEmptyList(list) ? [] : list.Texts();

    private static bool IsEmptyList(ContentNode list)
    {
        try
        {
            _ = list.Items();
            return false;
        }
        catch (ContentException)
        {
            // Items() refuses an empty list; here an empty list is allowed.
            return true;
        }
    }
}
