using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Builder;

/// <summary>
/// Builds outgoing message activities, as the SDK's MessageFactory: input hint <c>acceptingInput</c> unless given.
/// Unlike the SDK it leaves attachments and entities null rather than empty, so what a client receives has no empty lists.
/// </summary>
public static class MessageFactory
{
    public static Activity Text(string? text, string? ssml = null, string? inputHint = null)
    {
        var activity = new Activity { Type = ActivityTypes.Message };
        SetTextAndSpeech(activity, text, ssml, inputHint);
        return activity;
    }

    public static Activity SuggestedActions(IEnumerable<string> actions, string? text = null, string? ssml = null, string? inputHint = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return SuggestedActions(actions.Select(c => CardAction.ImBack(c, c)), text, ssml, inputHint);
    }

    public static Activity SuggestedActions(IEnumerable<CardAction> cardActions, string? text = null, string? ssml = null, string? inputHint = null)
    {
        ArgumentNullException.ThrowIfNull(cardActions);
        var activity = Text(text, ssml, inputHint);
        activity.SuggestedActions = new SuggestedActions { Actions = cardActions.ToList() };
        return activity;
    }

    public static Activity Attachment(Attachment attachment, string? text = null, string? ssml = null, string? inputHint = null)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return Attachment([attachment], text, ssml, inputHint);
    }

    public static Activity Attachment(IEnumerable<Attachment> attachments, string? text = null, string? ssml = null, string? inputHint = null) =>
        AttachmentActivity(null, attachments, text, ssml, inputHint);

    public static Activity Carousel(IEnumerable<Attachment> attachments, string? text = null, string? ssml = null, string? inputHint = null) =>
        AttachmentActivity(AttachmentLayoutTypes.Carousel, attachments, text, ssml, inputHint);

    public static Activity ContentUrl(string url, string contentType, string? name = null, string? text = null, string? ssml = null, string? inputHint = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return Attachment(new Attachment { ContentType = contentType, ContentUrl = url, Name = name ?? string.Empty }, text, ssml, inputHint);
    }

    // A list is what a client shows when no layout is given, so it is left out (the SDK writes "list").
    private static Activity AttachmentActivity(string? layout, IEnumerable<Attachment> attachments, string? text, string? ssml, string? inputHint)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var activity = new Activity { Type = ActivityTypes.Message, AttachmentLayout = layout };
        activity.Attachments = attachments.ToList();
        SetTextAndSpeech(activity, text, ssml, inputHint);
        return activity;
    }

    private static void SetTextAndSpeech(Activity activity, string? text, string? ssml, string? inputHint)
    {
        if (!string.IsNullOrEmpty(text))
        {
            activity.Text = text;
        }

        if (!string.IsNullOrEmpty(ssml))
        {
            activity.Speak = ssml;
        }

        activity.InputHint = inputHint ?? InputHints.AcceptingInput;
    }
}
