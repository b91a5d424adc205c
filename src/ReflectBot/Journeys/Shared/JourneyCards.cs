using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Journeys;

/// <summary>A titled part of a summary card: "Observation" and its text, or one step of a plan with its lines.</summary>
public sealed record CardSection(string? Heading, IReadOnlyList<string> Lines)
{
    public CardSection(string? heading, string text)
        : this(heading, [text])
    {
    }
}

/// <summary>
/// The one place the journey builds Adaptive Cards (as JSON), and decides which channels get them.
/// Every card has a plain-text twin for channels without cards; all words come from the caller's content.
/// </summary>
public static class JourneyCards
{
    /// <summary>Key in a card submission's data that marks a multi-select form.</summary>
    public const string FormKey = "form";

    /// <summary>Value of <see cref="FormKey"/> for a tick-box form; short and unlike any menu word, so a stale click picks nothing else.</summary>
    public const string MultiSelectForm = "multiselect";

    /// <summary>The submitted value of a ticked box.</summary>
    public const string Ticked = "true";

    private const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Teams and Web Chat based channels render Adaptive Cards; the console, tests and others get text.</summary>
    public static bool SupportsCards(string? channelId) =>
        channelId?.ToLowerInvariant() is Channels.Msteams or Channels.Webchat or Channels.Directline or Channels.Emulator;

    /// <summary>
    /// A multi-select form: a heading, a hint, one <c>Input.Toggle</c> per item (id = the item's key, numbered so
    /// a typed "2 and 5" also works) and one <c>Action.Submit</c> whose data marks it as <see cref="MultiSelectForm"/>.
    /// </summary>
    public static Activity Checklist(string title, string hint, IReadOnlyList<Choice> items, string submitTitle)
    {
        var body = new JsonArray
        {
            TextBlock(title, bold: true),
            TextBlock(hint, subtle: true),
        };
        for (var i = 0; i < items.Count; i++)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Input.Toggle",
                ["id"] = items[i].Value,
                ["title"] = Literal($"{i + 1}. {items[i].Title ?? items[i].Value}"),
                ["valueOn"] = Ticked,
                ["valueOff"] = "false",
                ["wrap"] = true,
            });
        }

        var actions = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = submitTitle,
                ["data"] = new JsonObject { [FormKey] = MultiSelectForm },
            },
        };
        return MessageFactory.Attachment(ToAttachment(body, actions));
    }

    /// <summary>
    /// A summary (a statement, a plan, the toolkit): as a card with <paramref name="intro"/> above it where cards
    /// work, else one plain message with the same words.
    /// </summary>
    public static Activity Summary(string? channelId, string intro, string title, IReadOnlyList<CardSection> sections)
    {
        if (!SupportsCards(channelId))
        {
            var text = new StringBuilder(intro).Append("\n\n").Append(title);
            foreach (var section in sections)
            {
                text.Append("\n\n");
                text.AppendJoin('\n', section.Heading is { } heading ? section.Lines.Prepend(heading) : section.Lines);
            }

            return MessageFactory.Text(text.ToString());
        }

        var body = new JsonArray { TextBlock(title, bold: true, large: true) };
        foreach (var section in sections)
        {
            if (section.Heading is { } heading)
            {
                body.Add(TextBlock(heading, bold: true, separator: true));
            }

            foreach (var line in section.Lines)
            {
                body.Add(TextBlock(line));
            }
        }

        return MessageFactory.Attachment(ToAttachment(body, null), intro);
    }

    /// <summary>The ticked item keys of a checklist submission, or null when the activity is not one.</summary>
    public static List<string>? ReadChecklist(Activity activity, IEnumerable<Choice> items)
    {
        if (Payload.AsElement(activity.Value) is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty(FormKey, out var form) || form.ValueKind != JsonValueKind.String || form.GetString() != MultiSelectForm)
        {
            return null;
        }

        return items
            .Where(i => value.TryGetProperty(i.Value, out var v) && IsTicked(v))
            .Select(i => i.Value)
            .ToList();
    }

    // Channels send toggles as strings; some clients send true booleans.
    private static bool IsTicked(JsonElement v) =>
        v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == Ticked);

    /// <summary>
    /// Card renderers read TextBlock and toggle text as Markdown, so a line such as "2. Regular check-ins" becomes an
    /// ordered list: Web Chat drops the list's start number ("2." shows as "1." or vanishes) and Teams indents it.
    /// The space after a line-leading list or heading marker becomes a no-break space, which no Markdown reads as a
    /// marker and which looks the same; a backslash escape would show as a stray "\" where Markdown is off.
    /// </summary>
    private static string Literal(string text)
    {
        StringBuilder? literal = null;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            if (MarkerSpaceAt(text, lineStart) is { } space)
            {
                literal ??= new StringBuilder(text);
                literal[space] = NoBreakSpace;
            }

            var newline = text.AsSpan(lineStart).IndexOfAny('\n', '\r');
            if (newline < 0)
            {
                break;
            }

            lineStart += newline + 1;
        }

        return literal?.ToString() ?? text;
    }

    private const char NoBreakSpace = '\u00A0';

    // Where the space after a block marker at the start of a line is: "1. ", "1) ", "- ", "* ", "+ ", "# ".."###### ",
    // after up to three spaces of indent (CommonMark's rules), or null when the line starts with none.
    private static int? MarkerSpaceAt(string text, int lineStart)
    {
        var i = lineStart;
        while (i < text.Length && i - lineStart < 3 && text[i] == ' ')
        {
            i++;
        }

        var markerStart = i;
        if (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - markerStart < 9)
            {
                i++;
            }

            if (i >= text.Length || (text[i] != '.' && text[i] != ')'))
            {
                return null;
            }

            i++;
        }
        else if (i < text.Length && text[i] is '-' or '*' or '+')
        {
            i++;
        }
        else
        {
            while (i < text.Length && text[i] == '#' && i - markerStart < 6)
            {
                i++;
            }

            if (i == markerStart)
            {
                return null;
            }
        }

        return i < text.Length && text[i] is ' ' or '\t' ? i : null;
    }

    private static JsonObject TextBlock(string text, bool bold = false, bool subtle = false, bool large = false, bool separator = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = Literal(text), ["wrap"] = true };
        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (large)
        {
            block["size"] = "Medium";
        }

        if (separator)
        {
            block["separator"] = true;
            block["spacing"] = "Medium";
        }

        return block;
    }

    private static Attachment ToAttachment(JsonArray body, JsonArray? actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = ChoiceFactory.AdaptiveCardVersion,
            ["body"] = body,
        };
        if (actions is not null)
        {
            card["actions"] = actions;
        }

        return AdaptiveCard.ToAttachment(JsonSerializer.SerializeToElement(card, SchemaJson.Default.JsonObject));
    }
}
