using ReflectBot.Content;

namespace ReflectBot.Understanding;

/// <summary>
/// Every reply the bot itself offers in its content: button titles and the synonyms that pick them (any mapping with a
/// <c>title</c> or <c>synonyms</c>), the command words (<c>commands:</c> in common.yaml), and every other short text of
/// at most six words (buttons under other keys, such as "No, keep it"). A message that is exactly
/// one of them, ignoring case, punctuation and spacing, answers the bot's own question; the cheap path has settled it,
/// so no model needs to read it (the crisis rules still screen it like every message). Gathered from the YAML files
/// at start-up, so a counsellor's new button is known without a code change.
/// </summary>
public sealed class KnownReplies : IBotContent
{
    private const int MaxLabelWords = 6;

    private readonly HashSet<string> _replies;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public KnownReplies(IEnumerable<string> replies)
    {
        _replies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reply in replies)
        {
            var key = Key(reply);
            if (key.Length > 0)
            {
                _replies.Add(key);
            }
        }

        _lookup = _replies.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _replies.Count;

    /// <summary>Every title, synonym and command in the locale's content files.</summary>
    public static KnownReplies Load(ContentSource source)
    {
        var folder = Path.Combine(source.Root, source.Locale);
        var replies = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Collect(source.File(Path.GetRelativePath(source.Root, file)), replies, underCommands: false);
        }

        return new KnownReplies(replies);
    }

    /// <summary>True when <paramref name="text"/> is one of the bot's own replies. Allocates nothing for messages up to 256 characters.</summary>
    public bool Contains(ReadOnlySpan<char> text)
    {
        if (text.Length > 256)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[text.Length];
        return _lookup.Contains(buffer[..Normalise(text, buffer)]);
    }

    private static void Collect(ContentNode node, List<string> replies, bool underCommands)
    {
        if (node.IsList)
        {
            foreach (var item in ItemsOf(node))
            {
                Collect(item, replies, underCommands);
            }
        }
        else if (node.IsMap)
        {
            foreach (var (key, value) in node.Entries)
            {
                if (value.IsScalar && (key == "title" || underCommands || IsShort(value)))
                {
                    AddText(value, replies);
                }
                else if (value.IsList && (key == "synonyms" || underCommands))
                {
                    foreach (var item in ItemsOf(value).Where(i => i.IsScalar))
                    {
                        AddText(item, replies);
                    }
                }
                else if (!value.IsScalar)
                {
                    Collect(value, replies, underCommands || key == "commands");
                }
            }
        }
    }

    // Each feature's loader validates its own file; this scan only reads, so it skips what that loader would reject.
    private static IReadOnlyList<ContentNode> ItemsOf(ContentNode list)
    {
        try
        {
            return list.Items();
        }
        catch (ContentException)
        {
            return [];
        }
    }

    /// <summary>A button or label the bot shows ("No, keep it", "I'm struggling"): at most six words.</summary>
    private static bool IsShort(ContentNode scalar)
    {
        try
        {
            return scalar.Text().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxLabelWords;
        }
        catch (ContentException)
        {
            return false;
        }
    }

    private static void AddText(ContentNode scalar, List<string> replies)
    {
        try
        {
            replies.Add(scalar.Text());
        }
        catch (ContentException)
        {
            // An empty string: nothing a person could type.
        }
    }

    private static string Key(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        return new string(buffer[..Normalise(text, buffer)]);
    }

    /// <summary>Lower-case letters and digits, one space between words; everything else is dropped.</summary>
    private static int Normalise(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && length > 0)
                {
                    destination[length++] = ' ';
                }

                destination[length++] = char.ToLowerInvariant(c);
                pendingSpace = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
            }
        }

        return length;
    }
}
