using ReflectBot.Framework.Schema;

namespace ReflectBot.Web.DirectLine;

/// <summary>What starting a conversation came to.</summary>
public enum ConversationCreation
{
    Created,

    /// <summary>One with that id exists already; it was left as it was.</summary>
    Exists,

    /// <summary><see cref="DirectLineOptions.MaxConversations"/> are open: nothing was created.</summary>
    AtCapacity,
}

/// <summary>A Direct Line conversation: who it belongs to (tokens for it are issued to this user).</summary>
public sealed record DirectLineConversation(string Id, string UserId, string? Locale);

/// <summary>
/// What posting a user's activity with a client key came to: newly appended, or (a retry of a post whose answer the client
/// never saw) the activity stored the first time, with its id and, while the backlog still holds it, its JSON.
/// </summary>
public sealed record DirectLinePost(string Id, bool Appended, string? StoredJson);

/// <summary>Activities after a watermark, each already JSON, and the watermark to ask from next time.</summary>
public sealed record DirectLineActivityPage(IReadOnlyList<string> ActivitiesJson, long Watermark)
{
    /// <summary>Nothing to send (a reader that could not reach its store keeps its watermark).</summary>
    public static DirectLineActivityPage Empty { get; } = new([], 0);
}

/// <summary>
/// Everything Direct Line has to remember: conversations and their backlog of activities, numbered in order.
/// Tokens are signed, not stored. The in-memory store serves one instance; a shared store (Redis) lets several
/// instances serve the same conversations, which is why appends, reads and change notices all go through here.
/// </summary>
public interface IDirectLineStore
{
    /// <summary>
    /// Creates the conversation, unless one with that id exists (left as it was) or <see cref="DirectLineOptions.MaxConversations"/>
    /// are open (conversations idle past <see cref="DirectLineOptions.ConversationIdleTimeout"/> do not count).
    /// </summary>
    Task<ConversationCreation> TryCreateConversationAsync(DirectLineConversation conversation, CancellationToken ct);

    /// <summary>The conversation, or null when it does not exist (never did, or was forgotten after idling).</summary>
    Task<DirectLineConversation?> GetConversationAsync(string conversationId, CancellationToken ct);

    /// <summary>
    /// Appends activities in order. Numbering and appending are one atomic step: each activity gets the next
    /// sequence number and the id <c>{conversationId}|{sequence:D7}</c> (set on the object before it is stored as
    /// JSON), so readers never see a gap that fills later. Returns the ids. Throws
    /// <see cref="KeyNotFoundException"/> when the conversation does not exist.
    /// </summary>
    Task<IReadOnlyList<string>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken ct);

    /// <summary>
    /// Appends one activity unless an activity with the same <paramref name="clientKey"/> (Web Chat's
    /// <c>clientActivityID</c>) was appended to the conversation already: a client retrying a post after a lost answer
    /// (an instance died, the network dropped) must not say it twice. Keys of the last
    /// <see cref="DirectLineOptions.MaxBacklog"/> posts are remembered. Throws <see cref="KeyNotFoundException"/> when the
    /// conversation does not exist.
    /// </summary>
    Task<DirectLinePost> AppendOnceAsync(string conversationId, Activity activity, string clientKey, CancellationToken ct);

    /// <summary>Every kept activity with a sequence above <paramref name="watermark"/>; null when the conversation does not exist.</summary>
    Task<DirectLineActivityPage?> ReadAsync(string conversationId, long watermark, CancellationToken ct);

    /// <summary>Calls <paramref name="onAppended"/> after every append to the conversation; dispose to stop. Keeps the conversation alive meanwhile.</summary>
    IDisposable Subscribe(string conversationId, Action onAppended);
}
