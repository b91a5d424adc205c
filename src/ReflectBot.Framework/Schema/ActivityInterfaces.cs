namespace ReflectBot.Framework.Schema;

// The SDK's typed views of an activity. One Activity class implements them all; AsMessageActivity() and friends return
// the activity when its type matches and null otherwise, so handlers can take ITurnContext<IMessageActivity> as in the SDK.

/// <summary>What every activity has.</summary>
public interface IActivity
{
    string? Type { get; set; }
    string? Id { get; set; }
    string? ServiceUrl { get; set; }
    DateTimeOffset? Timestamp { get; set; }
    DateTimeOffset? LocalTimestamp { get; set; }
    string? ChannelId { get; set; }
    ChannelAccount? From { get; set; }
    ConversationAccount? Conversation { get; set; }
    ChannelAccount? Recipient { get; set; }
    string? ReplyToId { get; set; }
    IList<Entity>? Entities { get; set; }

    /// <summary>Channel-specific content: as received, a <see cref="System.Text.Json.JsonElement"/>; read it with <see cref="Activity.GetChannelData{T}()"/>.</summary>
    object? ChannelData { get; set; }

    ConversationReference GetConversationReference();
}

public interface IMessageActivity : IActivity
{
    string? Locale { get; set; }
    string? Text { get; set; }
    string? Speak { get; set; }
    string? InputHint { get; set; }
    string? Summary { get; set; }
    string? TextFormat { get; set; }
    string? AttachmentLayout { get; set; }
    IList<Attachment>? Attachments { get; set; }
    SuggestedActions? SuggestedActions { get; set; }
    string? Importance { get; set; }
    string? DeliveryMode { get; set; }

    /// <summary>A card submission's data (as received, a <see cref="System.Text.Json.JsonElement"/>).</summary>
    object? Value { get; set; }

    bool HasContent();
}

public interface IConversationUpdateActivity : IActivity
{
    IList<ChannelAccount>? MembersAdded { get; set; }
    IList<ChannelAccount>? MembersRemoved { get; set; }
    string? TopicName { get; set; }
}

public interface IInstallationUpdateActivity : IActivity
{
    string? Action { get; set; }
}

public interface IMessageReactionActivity : IActivity
{
    IList<MessageReaction>? ReactionsAdded { get; set; }
    IList<MessageReaction>? ReactionsRemoved { get; set; }
}

public interface IEventActivity : IActivity
{
    string? Name { get; set; }
    object? Value { get; set; }
    ConversationReference? RelatesTo { get; set; }
}

public interface IInvokeActivity : IActivity
{
    string? Name { get; set; }
    object? Value { get; set; }
    ConversationReference? RelatesTo { get; set; }
}

public interface ITypingActivity : IActivity;

public interface IEndOfConversationActivity : IActivity
{
    string? Code { get; set; }
    string? Text { get; set; }
}

public interface ITraceActivity : IActivity
{
    string? Name { get; set; }
    string? Label { get; set; }
    string? ValueType { get; set; }
    object? Value { get; set; }
    ConversationReference? RelatesTo { get; set; }
}

/// <summary>The typed views for code that holds an <see cref="IActivity"/> (a reply in a test, a handler's activity).</summary>
public static class ActivityExtensions
{
    public static IMessageActivity? AsMessageActivity(this IActivity activity) => (activity as Activity)?.AsMessageActivity();

    public static IConversationUpdateActivity? AsConversationUpdateActivity(this IActivity activity) => (activity as Activity)?.AsConversationUpdateActivity();

    public static IEventActivity? AsEventActivity(this IActivity activity) => (activity as Activity)?.AsEventActivity();

    public static IInvokeActivity? AsInvokeActivity(this IActivity activity) => (activity as Activity)?.AsInvokeActivity();

    public static ITypingActivity? AsTypingActivity(this IActivity activity) => (activity as Activity)?.AsTypingActivity();

    public static IEndOfConversationActivity? AsEndOfConversationActivity(this IActivity activity) => (activity as Activity)?.AsEndOfConversationActivity();
}
