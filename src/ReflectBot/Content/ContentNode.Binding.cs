using System.Globalization;

namespace ReflectBot.Content;

/// <summary>
/// The readers the generated <c>Bind</c> methods call (see <see cref="ContentAttribute"/>): every check a content
/// file gets lives here once, and every problem names the file and line.
/// </summary>
public sealed partial class ContentNode
{
    /// <summary>A map whose keys are all among <paramref name="allowed"/>; anything else is most likely a typo.</summary>
    public void ExpectKeys(string[] allowed)
    {
        foreach (var (key, child) in Entries)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                // A list or map value starts on the line below its key, so say where the key is.
                var where = child.IsScalar ? "" : " just above this line";
                throw child.Error($"unknown key '{key}'{where} (expected: {string.Join(", ", allowed)})");
            }
        }
    }

    /// <summary>
    /// Text that uses only the placeholders in <paramref name="fills"/> or <paramref name="needs"/> and contains every
    /// one in <paramref name="needs"/>: a misspelt placeholder would reach someone as "{emergancy}", a dropped one
    /// would lose what the bot fills in.
    /// </summary>
    public string TextWith(string[]? fills, string[]? needs)
    {
        var text = Text();
        string[] allowed = [.. fills ?? [], .. needs ?? []];
        for (var open = text.IndexOf('{'); open >= 0; open = text.IndexOf('{', open + 1))
        {
            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw Error("a '{' is never closed");
            }

            var name = text[(open + 1)..close];
            if (Array.IndexOf(allowed, name) < 0)
            {
                throw Error(allowed.Length == 0
                    ? $"'{{{name}}}' cannot be filled here (this text takes no placeholders)"
                    : $"'{{{name}}}' cannot be filled here (expected: {string.Join(", ", allowed.Select(a => "{" + a + "}"))})");
            }
        }

        foreach (var name in needs ?? [])
        {
            if (!text.Contains("{" + name + "}", StringComparison.Ordinal))
            {
                throw Error($"the text needs the placeholder {{{name}}}");
            }
        }

        return text;
    }

    public int IntAtLeast(int min)
    {
        var n = Int();
        return n >= min ? n : throw Error($"expected a whole number of at least {min}");
    }

    public int IntBetween(int min, int max)
    {
        var n = Int();
        return n >= min && n <= max ? n : throw Error($"expected a number from {min} to {max}");
    }

    /// <summary>A time of day written like 19:00.</summary>
    public TimeOnly Time() =>
        TimeOnly.TryParseExact(Text(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Error($"expected a time like 19:00, found '{Text()}'");

    /// <summary>One of an enum's names, in any case ("crisis" for <c>Crisis</c>).</summary>
    public TEnum Enum<TEnum>()
        where TEnum : struct, System.Enum
    {
        var text = Text();
        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Error($"'{text}' is not one of {string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => ContentKey(v.ToString())))}");
    }

    /// <summary>A .NET date pattern; checked here so a typo stops start-up instead of a conversation.</summary>
    public string DatePattern()
    {
        var pattern = Text();
        try
        {
            _ = new DateTime(2026, 1, 4, 19, 0, 0).ToString(pattern, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw Error($"'{pattern}' is not a date pattern");
        }

        return pattern;
    }

    /// <summary>The items of a list, each read by <paramref name="read"/>; an empty list is an error.</summary>
    public IReadOnlyList<T> List<T>(Func<ContentNode, T> read) => [.. Items().Select(read)];

    /// <summary>
    /// The items of a list whose entries have keys: a key used twice stops loading at the second entry, since the
    /// bot could not tell the two apart. With <paramref name="keys"/>, each of them must be there; others are
    /// refused unless <paramref name="othersAllowed"/>, because the bot would never act on them.
    /// </summary>
    public IReadOnlyList<T> KeyedList<T>(Func<ContentNode, T> read, Func<T, string> keyOf, string[]? keys, bool othersAllowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<T>();
        foreach (var node in Items())
        {
            var item = read(node);
            var key = keyOf(item);
            if (keys is not null && !othersAllowed && Array.IndexOf(keys, key) < 0)
            {
                throw node.Get("key").Error($"unknown answer key '{key}' (expected: {string.Join(", ", keys)})");
            }

            if (!seen.Add(key))
            {
                throw node.Error($"the key '{key}' is used twice in this list");
            }

            result.Add(item);
        }

        foreach (var key in keys ?? [])
        {
            if (!seen.Contains(key))
            {
                throw Error($"the answer with key '{key}' is missing");
            }
        }

        return result;
    }

    /// <summary>A map's values by key, in file order.</summary>
    public IReadOnlyDictionary<string, T> Map<T>(Func<ContentNode, T> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, node) in Entries)
        {
            result[key] = read(node);
        }

        return result;
    }

    /// <summary>A map with one entry for each value of <typeparamref name="TEnum"/> (keys in camelCase), and no others.</summary>
    public IReadOnlyDictionary<TEnum, T> EnumMap<TEnum, T>(Func<ContentNode, T> read)
        where TEnum : struct, System.Enum
    {
        var values = System.Enum.GetValues<TEnum>();
        ExpectKeys([.. values.Select(v => ContentKey(v.ToString()))]);
        return values.ToDictionary(v => v, v => read(Get(ContentKey(v.ToString()))));
    }

    /// <summary>How a name is written as a content key: <c>Closed</c> → <c>closed</c>, <c>NoChange</c> → <c>noChange</c>.</summary>
    public static string ContentKey(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
