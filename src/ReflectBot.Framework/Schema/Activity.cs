using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReflectBot.Framework.Schema;

/// <summary>
/// A Bot Framework activity as it travels on the wire (camelCase JSON, nulls omitted).
/// Properties this runtime does not model are kept in <see cref="Properties"/> so a round trip loses nothing.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public List<MessageReaction>? ReactionsAdded { get; set; }
    public List<MessageReaction>? ReactionsRemoved { get; set; }
    public string? TopicName { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }
    public JsonElement? ChannelData { get; set; }
    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    public JsonElement? Value { get; set; }
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    public string? DeliveryMode { get; set; }
    public string? Importance { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>
    /// A copy to send: sending sets its conversation fields and middleware may add entities, none of which may reach
    /// this one (a prompt's saved activity). Accounts, cards and values are shared, not copied.
    /// </summary>
    internal Activity Clone()
    {
        var copy = (Activity)MemberwiseClone();
        copy.Attachments = Attachments?.ToList();
        copy.Entities = Entities?.ToList();
        copy.MembersAdded = MembersAdded?.ToList();
        copy.MembersRemoved = MembersRemoved?.ToList();
        copy.Properties = Properties is null ? null : new Dictionary<string, JsonElement>(Properties);
        return copy;
    }

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>A reply to this activity: from/recipient swapped, same conversation, replyToId set.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = DateTimeOffset.UtcNow,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = RoleTypes.Bot },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId, Role = RoleTypes.User },
        ReplyToId = Id,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Conversation = Conversation,
        Text = text ?? string.Empty,
        Locale = Locale,
        Attachments = [],
        Entities = [],
    };

    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = !IsType(ActivityTypes.ConversationUpdate) || (ChannelId != Channels.Directline && ChannelId != Channels.Webchat) ? Id : null,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        Locale = Locale,
        ServiceUrl = ServiceUrl,
    };

    /// <summary>Applies a conversation reference to an outgoing activity, as the SDK does.</summary>
    public Activity ApplyConversationReference(ConversationReference reference, bool isIncoming = false)
    {
        ChannelId = reference.ChannelId;
        ServiceUrl = reference.ServiceUrl;
        Conversation = reference.Conversation;
        Locale ??= reference.Locale;
        if (isIncoming)
        {
            From = reference.User;
            Recipient = reference.Bot;
            Id = reference.ActivityId ?? Id;
        }
        else
        {
            From = reference.Bot;
            Recipient = reference.User;
            ReplyToId = reference.ActivityId ?? ReplyToId;
        }

        return this;
    }

    /// <summary>The text of a message, or the string values of a card submission when there is no text.</summary>
    public bool HasContent() =>
        !string.IsNullOrWhiteSpace(Text) || Value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined }
        || Attachments is { Count: > 0 };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string EndOfConversation = "endOfConversation";
    public const string MessageReaction = "messageReaction";
    public const string Trace = "trace";

    /// <summary>Types this runtime understands; anything else is acknowledged and ignored.</summary>
    public static bool IsKnown(string? type) => type is Message or ConversationUpdate or InstallationUpdate or Typing
        or Event or Invoke or EndOfConversation or MessageReaction;
}

public static class Channels
{
    public const string Msteams = "msteams";
    public const string Webchat = "webchat";
    public const string Directline = "directline";
    public const string Emulator = "emulator";
    public const string Test = "test";
    public const string Console = "console";
}

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

public static class TextFormatTypes
{
    public const string Markdown = "markdown";
    public const string Plain = "plain";
}

public static class EndOfConversationCodes
{
    public const string CompletedSuccessfully = "completedSuccessfully";
    public const string UserCancelled = "userCancelled";
}
