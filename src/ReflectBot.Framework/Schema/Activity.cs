using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ReflectBot.Framework.Schema;

/// <summary>
/// A Bot Framework activity as it travels on the wire (camelCase JSON, nulls omitted), shaped like the SDK's: it
/// implements the typed views (<see cref="IMessageActivity"/>, <see cref="IConversationUpdateActivity"/> ...), and
/// <see cref="Value"/> and <see cref="ChannelData"/> are <c>object</c>s: as received they hold a <see cref="JsonElement"/>,
/// and <see cref="GetValue{T}(JsonTypeInfo{T})"/> / <see cref="GetChannelData{T}(JsonTypeInfo{T})"/> read them typed with
/// source-generated JSON. Properties this runtime does not model are kept in <see cref="Properties"/> so a round trip loses nothing.
/// </summary>
public sealed class Activity : IMessageActivity, IConversationUpdateActivity, IInstallationUpdateActivity, IMessageReactionActivity,
    IEventActivity, IInvokeActivity, ITypingActivity, IEndOfConversationActivity, ITraceActivity
{
    public Activity() { }

    /// <summary>An activity of <paramref name="type"/>, as the SDK's constructor with named arguments makes one.</summary>
    public Activity(string? type, string? id = null, string? channelId = null, string? text = null, string? locale = null)
    {
        Type = type;
        Id = id;
        ChannelId = channelId;
        Text = text;
        Locale = locale;
    }

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
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }
    public IList<MessageReaction>? ReactionsAdded { get; set; }
    public IList<MessageReaction>? ReactionsRemoved { get; set; }
    public string? TopicName { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public IList<Entity>? Entities { get; set; }

    [JsonConverter(typeof(PayloadConverter))]
    public object? ChannelData { get; set; }

    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }

    [JsonConverter(typeof(PayloadConverter))]
    public object? Value { get; set; }

    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    public string? DeliveryMode { get; set; }
    public string? Importance { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A new message activity (the SDK's factory).</summary>
    public static Activity CreateMessageActivity() => new() { Type = ActivityTypes.Message, Attachments = [], Entities = [] };

    /// <summary>A trace activity, shown by the Emulator and not counted as a reply.</summary>
    public static Activity CreateTraceActivity(string name, string? valueType = null, object? value = null, string? label = null) => new()
    {
        Type = ActivityTypes.Trace,
        Name = name,
        Label = label,
        ValueType = valueType ?? value?.GetType().Name,
        Value = value,
    };

    /// <summary>This activity as a message, or null when it is another type.</summary>
    public IMessageActivity? AsMessageActivity() => IsType(ActivityTypes.Message) ? this : null;

    public IConversationUpdateActivity? AsConversationUpdateActivity() => IsType(ActivityTypes.ConversationUpdate) ? this : null;

    public IInstallationUpdateActivity? AsInstallationUpdateActivity() => IsType(ActivityTypes.InstallationUpdate) ? this : null;

    public IMessageReactionActivity? AsMessageReactionActivity() => IsType(ActivityTypes.MessageReaction) ? this : null;

    public IEventActivity? AsEventActivity() => IsType(ActivityTypes.Event) ? this : null;

    public IInvokeActivity? AsInvokeActivity() => IsType(ActivityTypes.Invoke) ? this : null;

    public ITypingActivity? AsTypingActivity() => IsType(ActivityTypes.Typing) ? this : null;

    public IEndOfConversationActivity? AsEndOfConversationActivity() => IsType(ActivityTypes.EndOfConversation) ? this : null;

    public ITraceActivity? AsTraceActivity() => IsType(ActivityTypes.Trace) ? this : null;

    /// <summary><see cref="Value"/> read as <typeparamref name="T"/> with source-generated JSON (default when absent or not that shape).</summary>
    public T? GetValue<T>(JsonTypeInfo<T> typeInfo) => Payload.As(Value, typeInfo);

    /// <summary><see cref="Value"/> read as <typeparamref name="T"/>, with the JSON registered for it in <see cref="State.StateJson"/>.</summary>
    public T? GetValue<T>() => Payload.As(Value, State.StateJson.GetTypeInfo<T>());

    /// <summary><see cref="ChannelData"/> read as <typeparamref name="T"/> with source-generated JSON.</summary>
    public T? GetChannelData<T>(JsonTypeInfo<T> typeInfo) => Payload.As(ChannelData, typeInfo);

    /// <summary><see cref="ChannelData"/> read as <typeparamref name="T"/>, with the JSON registered for it in <see cref="State.StateJson"/>.</summary>
    public T? GetChannelData<T>() => Payload.As(ChannelData, State.StateJson.GetTypeInfo<T>());

    /// <summary>True, with the channel data read as <typeparamref name="T"/>, when there is channel data of that shape.</summary>
    public bool TryGetChannelData<T>(out T? instance)
    {
        try
        {
            instance = ChannelData is null ? default : GetChannelData<T>();
            return instance is not null;
        }
        catch (JsonException)
        {
            instance = default;
            return false;
        }
    }

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
        !string.IsNullOrWhiteSpace(Text) || Payload.HasContent(Value) || Attachments is { Count: > 0 };
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
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Handoff = "handoff";
    public const string Command = "command";
    public const string CommandResult = "commandResult";

    /// <summary>Types this runtime understands; anything else is acknowledged and ignored.</summary>
    public static bool IsKnown(string? type) => type is Message or ConversationUpdate or InstallationUpdate or Typing
        or Event or Invoke or EndOfConversation or MessageReaction;
}

/// <summary>Channel ids: the ones ReflectBot serves, and the SDK's other names so code written for it compiles.</summary>
public static class Channels
{
    public const string Msteams = "msteams";
    public const string Webchat = "webchat";
    public const string Directline = "directline";
    public const string DirectlineSpeech = "directlinespeech";
    public const string Emulator = "emulator";
    public const string Test = "test";

    /// <summary>
    /// ReflectBot's own test channel (not the SDK's): choices as Web Chat's buttons, journey content as text, so the
    /// bot's tests read the text conversation a Web Chat user clicks through. The SDK's <see cref="Test"/> shows no buttons.
    /// </summary>
    public const string TestButtons = "test-buttons";
    public const string Console = "console";
    public const string Cortana = "cortana";
    public const string Email = "email";
    public const string Facebook = "facebook";
    public const string Groupme = "groupme";
    public const string Kik = "kik";
    public const string Line = "line";
    public const string Omni = "omnichannel";
    public const string Outlook = "outlook";
    public const string Skype = "skype";
    public const string Slack = "slack";
    public const string Sms = "sms";
    public const string Telegram = "telegram";
    public const string Telephony = "telephony";
    public const string Webex = "webex";
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

public static class AttachmentLayoutTypes
{
    public const string List = "list";
    public const string Carousel = "carousel";
}
