using ReflectBot.Content;

namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// The hint texts from hints.yaml. A text may hold {phrase} (the user's words), {feelings} and
/// {needs} (choices offered, joined as "lonely, scared or hurt").
/// </summary>
internal sealed class HintBook
{
    public static readonly string[] Placeholders = ["phrase", "feelings", "needs"];

    /// <summary>The key whose text joins the last two choices: "or".</summary>
    public const string OrKey = "list-or";

    private readonly Dictionary<string, string> _texts;

    private HintBook(Dictionary<string, string> texts, ContentNode section)
    {
        _texts = texts;
        Section = section;
    }

    /// <summary>The hints section, for errors about it as a whole.</summary>
    public ContentNode Section { get; }

    public bool Contains(string key) => _texts.ContainsKey(key);

    public IEnumerable<string> Keys => _texts.Keys;

    public string Format(string key, string phrase, IReadOnlyList<string>? feelings = null, IReadOnlyList<string>? needs = null)
    {
        var text = _texts.TryGetValue(key, out var template)
            ? template
            : throw new KeyNotFoundException($"no hint '{key}' in hints.yaml");
        if (text.Contains('{'))
        {
            text = text
                .Replace("{phrase}", phrase, StringComparison.Ordinal)
                .Replace("{feelings}", JoinChoices(feelings), StringComparison.Ordinal)
                .Replace("{needs}", JoinChoices(needs), StringComparison.Ordinal);
        }

        return text;
    }

    private string JoinChoices(IReadOnlyList<string>? words)
    {
        if (words is null || words.Count == 0)
        {
            return "";
        }

        if (words.Count == 1)
        {
            return words[0];
        }

        return $"{string.Join(", ", words.Take(words.Count - 1))} {_texts[OrKey]} {words[^1]}";
    }

    public static HintBook Read(ContentNode section)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in section.Entries)
        {
            var text = node.Text();
            CheckPlaceholders(node, text);
            texts[key] = text;
        }

        if (!texts.ContainsKey(OrKey))
        {
            throw section.Error($"missing key '{OrKey}' (the word that joins the last two choices)");
        }

        return new HintBook(texts, section);
    }

    /// <summary>A hint no finding, check or dialog uses is most likely a typo in a key.</summary>
    public void RequireAllUsed(IReadOnlySet<string> used)
    {
        foreach (var key in Keys)
        {
            if (!used.Contains(key))
            {
                throw Section.Get(key).Error("is not used by any finding, check or dialog (a typo in a key?)");
            }
        }
    }

    private static void CheckPlaceholders(ContentNode node, string text)
    {
        var i = 0;
        while ((i = text.IndexOfAny(['{', '}'], i)) >= 0)
        {
            if (text[i] == '}')
            {
                throw node.Error("has a '}' without a '{'");
            }

            var close = text.IndexOf('}', i);
            if (close < 0)
            {
                throw node.Error("has a '{' without a '}'");
            }

            var name = text[(i + 1)..close];
            if (!Placeholders.Contains(name))
            {
                throw node.Error($"unknown placeholder '{{{name}}}' (known: {string.Join(", ", Placeholders.Select(p => $"{{{p}}}"))})");
            }

            i = close + 1;
        }
    }
}
