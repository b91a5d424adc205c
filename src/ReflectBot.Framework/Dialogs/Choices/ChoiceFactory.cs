using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Dialogs.Choices;

/// <summary>
/// The one place that shows choices, rendered as the SDK renders them (inline "text (1) a, (2) b, or (3) c"; a list
/// "text\n\n   1. a\n   2. b"; suggested actions; a hero card). <see cref="ForChannel"/> picks as the SDK does (suggested
/// actions where the channel shows them, else inline for up to three short choices, else a list), with three
/// deliberate differences: <c>msteams</c> gets an Adaptive Card 1.5 with one <c>Action.Submit</c> per choice (data
/// <c>{"choice": value}</c>), which every Teams client can click; suggested actions are kept for titles over 20
/// characters (Web Chat wraps them; the SDK falls back to a text list); and <c>console</c> gets a list even for three
/// short choices (one a line reads better in a terminal). The SDK's <c>test</c> channel shows no buttons, as in the
/// SDK; ReflectBot's <see cref="Channels.TestButtons"/> shows suggested actions, for the bot's own tests.
/// </summary>
public static class ChoiceFactory
{
    public const string AdaptiveCardVersion = "1.5";
    private const string AdaptiveCardSchema = "http://adaptivecards.io/schemas/adaptive-card.json";

    // The SDK's limit for a button title; longer titles make a text list.
    private const int MaxActionTitleLength = 20;

    /// <summary>Renders <paramref name="list"/> after <paramref name="text"/> in the style <paramref name="channelId"/> shows best.</summary>
    public static Activity ForChannel(string? channelId, IList<Choice> list, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null) =>
        Render(StyleFor(channelId, list), list, text, speak, options);

    /// <summary>Renders in the given style (Auto: as <see cref="ForChannel"/>).</summary>
    public static Activity Render(ListStyle style, IList<Choice> list, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null, string? channelId = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        return style switch
        {
            ListStyle.None => MessageFactory.Text(text, speak, InputHints.ExpectingInput),
            ListStyle.Inline => Inline(list, text, speak, options),
            ListStyle.List => List(list, text, speak, options),
            ListStyle.SuggestedAction => SuggestedAction(list, text, speak),
            ListStyle.HeroCard => HeroCard(list, text, speak),
            ListStyle.AdaptiveCard => AdaptiveCard(list, text, speak),
            _ => ForChannel(channelId, list, text, speak, options),
        };
    }

    /// <summary>The style <see cref="ForChannel"/> uses for these choices on this channel.</summary>
    public static ListStyle StyleFor(string? channelId, IList<Choice> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var channel = channelId?.ToLowerInvariant();
        if (channel == Channels.Msteams)
        {
            return ListStyle.AdaptiveCard;
        }

        if (SupportsSuggestedActions(channel, list.Count))
        {
            return ListStyle.SuggestedAction;
        }

        var longTitles = list.Any(c => c.DisplayTitle.Length > MaxActionTitleLength);
        return !longTitles && list.Count <= 3 && channel != Channels.Console ? ListStyle.Inline : ListStyle.List;
    }

    /// <summary>"text (1) a, (2) b, or (3) c" on one line (separators from <paramref name="options"/>).</summary>
    public static Activity Inline(IList<Choice> choices, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null)
    {
        choices ??= [];
        var separator = options?.InlineSeparator ?? ", ";
        var or = options?.InlineOr ?? " or ";
        var orMore = options?.InlineOrMore ?? ", or ";
        var includeNumbers = options?.IncludeNumbers ?? true;

        var sb = new StringBuilder(text).Append(' ');
        var connector = string.Empty;
        for (var i = 0; i < choices.Count; i++)
        {
            sb.Append(connector);
            if (includeNumbers)
            {
                sb.Append(CultureInfo.InvariantCulture, $"({i + 1}) ");
            }

            sb.Append(choices[i].DisplayTitle);
            connector = i == choices.Count - 2 ? (i == 0 ? or : orMore) : separator;
        }

        return MessageFactory.Text(sb.ToString(), speak, InputHints.ExpectingInput);
    }

    /// <summary>"text\n\n   1. a\n   2. b": one choice a line, readable anywhere.</summary>
    public static Activity List(IList<Choice> choices, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null)
    {
        choices ??= [];
        var includeNumbers = options?.IncludeNumbers ?? true;
        var sb = new StringBuilder(text).Append("\n\n   ");
        for (var i = 0; i < choices.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("\n   ");
            }

            sb.Append(includeNumbers ? $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. " : "- ").Append(choices[i].DisplayTitle);
        }

        return MessageFactory.Text(sb.ToString(), speak, InputHints.ExpectingInput);
    }

    /// <summary>Buttons under the message that send the choice's value back as the user's text.</summary>
    public static Activity SuggestedAction(IList<Choice> choices, string? text = null, string? speak = null) =>
        MessageFactory.SuggestedActions(ExtractActions(choices), text, speak, InputHints.ExpectingInput);

    /// <summary>A hero card with the text and one button per choice.</summary>
    public static Activity HeroCard(IList<Choice> choices, string? text = null, string? speak = null)
    {
        var card = new Schema.HeroCard { Text = text, Buttons = ExtractActions(choices) };
        return MessageFactory.Attachment(card.ToAttachment(), null, speak, InputHints.ExpectingInput);
    }

    /// <summary>Plain strings as choices (value and title the same).</summary>
    public static List<Choice> ToChoices(IEnumerable<string> choices) => (choices ?? []).Select(v => new Choice(v)).ToList();

    private static List<CardAction> ExtractActions(IList<Choice> choices) =>
        (choices ?? []).Select(c => c.Action ?? CardAction.ImBack(c.DisplayTitle, c.Value)).ToList();

    // As the SDK's Channel.SupportsSuggestedActions, plus ReflectBot's own test-buttons channel.
    private static bool SupportsSuggestedActions(string? channel, int buttonCount) => channel switch
    {
        Channels.Facebook or Channels.Skype => buttonCount <= 10,
        Channels.Line => buttonCount <= 13,
        Channels.Kik => buttonCount <= 20,
        Channels.Telegram or Channels.Emulator or Channels.Directline or Channels.DirectlineSpeech or Channels.Webchat or Channels.TestButtons => buttonCount <= 100,
        _ => false,
    };

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
                ["title"] = choice.DisplayTitle,
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
        return MessageFactory.Attachment(attachment, null, speak, InputHints.ExpectingInput);
    }

    /// <summary>
    /// Renders the choices for a prompt activity, as the SDK's Prompt.AppendChoices: the prompt's text goes into the
    /// rendering; a copy of the prompt takes the rendered text, buttons and (after its own) attachments, keeping its speak.
    /// </summary>
    internal static Activity ForPrompt(Activity? prompt, string? channelId, IList<Choice> choices, ListStyle style, ChoiceFactoryOptions? options = null)
    {
        var rendered = Render(style, choices, prompt?.Text, null, options, channelId);
        if (prompt is null)
        {
            return rendered;
        }

        var copy = prompt.Clone();
        copy.Text = rendered.Text;
        if (rendered.SuggestedActions is { Actions.Count: > 0 } actions)
        {
            copy.SuggestedActions = actions;
        }

        if (rendered.Attachments is { Count: > 0 } cards)
        {
            copy.Attachments = [.. copy.Attachments ?? [], .. cards];
        }

        return copy;
    }
}
