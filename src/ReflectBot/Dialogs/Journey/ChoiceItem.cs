using ReflectBot.Content;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Dialogs.Journey;

/// <summary>One answer a user can pick, as written in the content: its key, its button title and other words that pick it.</summary>
public sealed record ChoiceItem(string Key, string Title, IReadOnlyList<string> Synonyms)
{
    public Choice ToChoice() => new(Key) { Title = Title, Synonyms = [.. Synonyms] };

    /// <summary>Reads <c>key</c>, <c>title</c> and optional <c>synonyms</c> of one list entry.</summary>
    public static ChoiceItem Read(ContentNode node) =>
        new(node.Get("key").Text(), node.Get("title").Text(), node.TryGet("synonyms")?.Texts() ?? []);
}

/// <summary>Reading helpers shared by the journey's content classes, so every list is checked the same way.</summary>
public static class JourneyContentReader
{
    /// <summary>
    /// The entries of a list, each read by <paramref name="read"/>; a key used twice stops loading at the second
    /// entry's line, since the bot could not tell the two apart.
    /// </summary>
    public static IReadOnlyList<T> ReadKeyed<T>(this ContentNode list, Func<ContentNode, T> read, Func<T, string> keyOf)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<T>();
        foreach (var node in list.Items())
        {
            var item = read(node);
            if (!seen.Add(keyOf(item)))
            {
                throw node.Error($"the key '{keyOf(item)}' is used twice in this list");
            }

            result.Add(item);
        }

        return result;
    }

    /// <summary>A list of choices (key, title, synonyms).</summary>
    public static IReadOnlyList<ChoiceItem> ReadChoices(this ContentNode list) => list.ReadKeyed(ChoiceItem.Read, c => c.Key);

    /// <summary>Text that must contain each of <paramref name="placeholders"/>, so a counsellor's edit cannot drop one silently.</summary>
    public static string Template(this ContentNode node, params string[] placeholders)
    {
        var text = node.Text();
        foreach (var name in placeholders)
        {
            if (!text.Contains("{" + name + "}", StringComparison.Ordinal))
            {
                throw node.Error($"the text needs the placeholder {{{name}}}");
            }
        }

        return text;
    }

    /// <summary>A .NET date pattern; checked here so a typo stops start-up instead of a conversation.</summary>
    public static string DatePattern(this ContentNode node)
    {
        var pattern = node.Text();
        try
        {
            _ = new DateTime(2026, 1, 4, 19, 0, 0).ToString(pattern, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw node.Error($"'{pattern}' is not a date pattern");
        }

        return pattern;
    }

    /// <summary>Joins "a", "b", "c" as "a, b and c" with the content's own word for "and".</summary>
    public static string JoinList(IReadOnlyList<string> items, string and) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {and} {items[^1]}",
    };
}
