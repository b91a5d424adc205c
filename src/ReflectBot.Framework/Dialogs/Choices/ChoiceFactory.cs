using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Dialogs.Choices;

/// <summary>
/// The one place that shows choices, in the form each channel can actually click:
/// <c>msteams</c> gets an Adaptive Card 1.5 with one <c>Action.Submit</c> per choice (data <c>{"choice": value}</c>;
/// the Teams clients ignore imBack buttons), Web Chat, Direct Line, the Emulator and tests get suggested actions,
/// the console a numbered list. An explicit <see cref="ListStyle"/> other than Auto wins over the channel.
/// </summary>
public static class ChoiceFactory
{
    public const string AdaptiveCardVersion = "1.5";
    private const string AdaptiveCardSchema = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Renders <paramref name="choices"/> after <paramref name="text"/> in the style for <paramref name="channelId"/>.</summary>
    public static Activity ForChannel(string? channelId, IList<Choice> choices, string? text = null, ListStyle? style = null, string? speak = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return StyleFor(channelId, style) switch
        {
            ListStyle.None => MessageFactory.Text(text ?? string.Empty, speak),
            ListStyle.Inline => Inline(choices, text, speak),
            ListStyle.SuggestedAction => SuggestedAction(choices, text, speak),
            ListStyle.HeroCard => HeroCard(choices, text, speak),
            ListStyle.AdaptiveCard => AdaptiveCard(choices, text, speak),
            _ => List(choices, text, speak),
        };
    }

    /// <summary>The style actually used: an explicit style, else what the channel renders best.</summary>
    public static ListStyle StyleFor(string? channelId, ListStyle? style = null)
    {
        if (style is { } explicitStyle && explicitStyle != ListStyle.Auto)
        {
            return explicitStyle;
        }

        return channelId?.ToLowerInvariant() switch
        {
            Channels.Msteams => ListStyle.AdaptiveCard,
            Channels.Webchat or Channels.Directline or Channels.Emulator or Channels.Test => ListStyle.SuggestedAction,
            _ => ListStyle.List,
        };
    }

    /// <summary>"text\n\n1. Yes\n2. No": plain text, readable anywhere.</summary>
    public static Activity List(IList<Choice> choices, string? text = null, string? speak = null)
    {
        var sb = new StringBuilder(text);
        if (sb.Length > 0 && choices.Count > 0)
        {
            sb.Append("\n\n");
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{i + 1}. {TitleOf(choices[i])}");
        }

        return MessageFactory.Text(sb.ToString(), speak);
    }

    /// <summary>"text (1) Yes or (2) No" on one line.</summary>
    public static Activity Inline(IList<Choice> choices, string? text = null, string? speak = null)
    {
        var sb = new StringBuilder(text);
        for (var i = 0; i < choices.Count; i++)
        {
            var separator = i == 0 ? (sb.Length > 0 ? " " : string.Empty) : i == choices.Count - 1 ? " or " : ", ";
            sb.Append(separator).Append(CultureInfo.InvariantCulture, $"({i + 1}) {TitleOf(choices[i])}");
        }

        return MessageFactory.Text(sb.ToString(), speak);
    }

    /// <summary>Buttons under the message that send the choice's value back as the user's text.</summary>
    public static Activity SuggestedAction(IList<Choice> choices, string? text = null, string? speak = null) =>
        MessageFactory.SuggestedActions(choices.Select(c => CardAction.ImBack(TitleOf(c), c.Value)), text, speak);

    /// <summary>A hero card with the text and one imBack button per choice.</summary>
    public static Activity HeroCard(IList<Choice> choices, string? text = null, string? speak = null)
    {
        var card = new Schema.HeroCard
        {
            Text = text,
            Buttons = choices.Select(c => CardAction.ImBack(TitleOf(c), c.Value)).ToList(),
        };
        return MessageFactory.Attachment(card.ToAttachment(), null, speak);
    }

    /// <summary>
    /// An Adaptive Card 1.5: a wrapping TextBlock with the text and one <c>Action.Submit</c> per choice whose
    /// data is <c>{"choice": value}</c>, which <see cref="PromptInput.GetText"/> reads back.
    /// </summary>
    public static Activity AdaptiveCard(IList<Choice> choices, string? text = null, string? speak = null)
    {
        var body = new JsonArray();
        if (!string.IsNullOrEmpty(text))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true });
        }

        var actions = new JsonArray();
        foreach (var choice in choices)
        {
            actions.Add(new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = TitleOf(choice),
                ["data"] = new JsonObject { [PromptInput.ChoiceKey] = choice.Value },
            });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = AdaptiveCardSchema,
            ["version"] = AdaptiveCardVersion,
            ["body"] = body,
            ["actions"] = actions,
        };
        var attachment = Schema.AdaptiveCard.ToAttachment(JsonSerializer.SerializeToElement(card, SchemaJson.Default.JsonObject));
        return MessageFactory.Attachment(attachment, null, speak);
    }

    /// <summary>Plain strings as choices (value and title the same).</summary>
    public static List<Choice> ToChoices(IEnumerable<string> values) => values.Select(v => new Choice(v)).ToList();

    /// <summary>
    /// Renders the choices for a prompt activity: its text and speak go into the rendering, and anything else it
    /// carries (attachments, locale, entities) is kept.
    /// </summary>
    internal static Activity ForPrompt(Activity? prompt, string? channelId, IList<Choice> choices, ListStyle? style)
    {
        var rendered = ForChannel(channelId, choices, prompt?.Text, style, prompt?.Speak);
        if (prompt is null)
        {
            return rendered;
        }

        if (prompt.Attachments is { Count: > 0 } own)
        {
            rendered.Attachments = [.. own, .. rendered.Attachments ?? []];
        }

        rendered.Locale ??= prompt.Locale;
        rendered.TextFormat ??= prompt.TextFormat;
        rendered.Entities ??= prompt.Entities;
        rendered.ChannelData ??= prompt.ChannelData;
        rendered.InputHint ??= prompt.InputHint;
        return rendered;
    }

    private static string TitleOf(Choice choice) => string.IsNullOrWhiteSpace(choice.Title) ? choice.Value : choice.Title;
}
