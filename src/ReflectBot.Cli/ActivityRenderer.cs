using System.Text;
using System.Text.Json;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Cli;

/// <summary>A button shown as a numbered line; typing its number sends <see cref="Text"/> or <see cref="Value"/> back.</summary>
public sealed record TerminalButton(string Title, string? Text, JsonElement? Value);

/// <summary>What one bot activity looks like in a terminal: its text and the buttons, numbered from 1.</summary>
public sealed record RenderedActivity(string Text, IReadOnlyList<TerminalButton> Buttons);

/// <summary>
/// The one place that turns what the bot sends into terminal text: message text, hero cards and Adaptive Cards
/// as plain lines, and every button or suggested action as a numbered choice the user can answer by number.
/// </summary>
public static class ActivityRenderer
{
    /// <summary>Null for activities a terminal does not show (typing, events, an empty message).</summary>
    public static RenderedActivity? Render(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!activity.IsType(ActivityTypes.Message))
        {
            return null;
        }

        var lines = new List<string>();
        var buttons = new List<TerminalButton>();
        AddText(lines, activity.Text);
        foreach (var attachment in activity.Attachments ?? [])
        {
            RenderAttachment(attachment, lines, buttons);
        }

        foreach (var action in activity.SuggestedActions?.Actions ?? [])
        {
            AddAction(action, lines, buttons);
        }

        if (lines.Count == 0 && buttons.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(string.Join(Environment.NewLine, lines));
        for (var i = 0; i < buttons.Count; i++)
        {
            text.Append(text.Length > 0 && i == 0 ? Environment.NewLine + Environment.NewLine : i > 0 ? Environment.NewLine : "");
            // Indented as ChoiceFactory.List writes a list, so buttons read the same whichever channel sent them.
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"   {i + 1}. {buttons[i].Title}");
        }

        return new RenderedActivity(text.ToString(), buttons);
    }

    private static void RenderAttachment(Attachment attachment, List<string> lines, List<TerminalButton> buttons)
    {
        if (Payload.AsElement(attachment.Content) is not { ValueKind: JsonValueKind.Object } content)
        {
            AddText(lines, attachment.Name ?? attachment.ContentUrl);
            return;
        }

        if (attachment.ContentType == HeroCard.ContentType)
        {
            var card = content.Deserialize(SchemaJson.Default.HeroCard);
            AddText(lines, card?.Title);
            AddText(lines, card?.Subtitle);
            AddText(lines, card?.Text);
            foreach (var button in card?.Buttons ?? [])
            {
                AddAction(button, lines, buttons);
            }
        }
        else if (attachment.ContentType == AdaptiveCard.ContentType)
        {
            RenderAdaptiveElements(content, "body", lines, buttons);
            RenderAdaptiveActions(content, lines, buttons);
        }
        else
        {
            AddText(lines, String(content, "title") ?? String(content, "text") ?? attachment.Name);
        }
    }

    /// <summary>Text-bearing Adaptive Card elements in reading order; containers and columns are walked into.</summary>
    private static void RenderAdaptiveElements(JsonElement parent, string property, List<string> lines, List<TerminalButton> buttons)
    {
        if (!parent.TryGetProperty(property, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var element in items.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            switch (String(element, "type"))
            {
                case "TextBlock":
                    AddText(lines, String(element, "text"));
                    break;
                case "RichTextBlock" when element.TryGetProperty("inlines", out var inlines) && inlines.ValueKind == JsonValueKind.Array:
                    AddText(lines, string.Concat(inlines.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : String(i, "text"))));
                    break;
                case "FactSet" when element.TryGetProperty("facts", out var facts) && facts.ValueKind == JsonValueKind.Array:
                    foreach (var fact in facts.EnumerateArray())
                    {
                        AddText(lines, $"{String(fact, "title")}: {String(fact, "value")}");
                    }

                    break;
                case "Image":
                    AddText(lines, String(element, "altText"));
                    break;
                case "Input.Text":
                    AddText(lines, String(element, "label") ?? String(element, "placeholder"));
                    break;
                case "Container":
                    RenderAdaptiveElements(element, "items", lines, buttons);
                    break;
                case "ColumnSet" when element.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Array:
                    foreach (var column in columns.EnumerateArray())
                    {
                        RenderAdaptiveElements(column, "items", lines, buttons);
                    }

                    break;
                case "ActionSet":
                    RenderAdaptiveActions(element, lines, buttons);
                    break;
            }
        }
    }

    private static void RenderAdaptiveActions(JsonElement parent, List<string> lines, List<TerminalButton> buttons)
    {
        if (!parent.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var action in actions.EnumerateArray())
        {
            var title = String(action, "title") ?? "";
            switch (String(action, "type"))
            {
                case "Action.Submit" or "Action.Execute":
                    var data = action.TryGetProperty("data", out var d) ? d.Clone() : (JsonElement?)null;
                    buttons.Add(data is { ValueKind: JsonValueKind.String } s
                        ? new TerminalButton(title, s.GetString(), null)
                        : new TerminalButton(title, null, data));
                    break;
                case "Action.OpenUrl":
                    AddText(lines, $"{title}: {String(action, "url")}");
                    break;
            }
        }
    }

    private static void AddAction(CardAction action, List<string> lines, List<TerminalButton> buttons)
    {
        var title = action.Title ?? action.DisplayText ?? "";
        var value = Payload.AsElement(action.Value) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
        switch (action.Type)
        {
            case ActionTypes.OpenUrl:
                AddText(lines, $"{title}: {value}");
                break;
            case ActionTypes.MessageBack:
                buttons.Add(new TerminalButton(title, action.Text ?? value, Payload.AsElement(action.Value) is { ValueKind: JsonValueKind.Object } obj ? obj : null));
                break;
            default:
                buttons.Add(new TerminalButton(title, value ?? title, null));
                break;
        }
    }

    private static void AddText(List<string> lines, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            lines.Add(text.Trim());
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
