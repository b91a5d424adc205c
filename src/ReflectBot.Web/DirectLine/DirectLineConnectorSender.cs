using System.Text.Json;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// The adapter's sender with a Direct Line branch: replies addressed to <see cref="DirectLineChannel.ServiceUrl"/>
/// go into the conversation's backlog (where polls and sockets pick them up, in the order the bot sent them, once);
/// everything else goes to the real connector unchanged. A reply is sent after its turn was saved, so giving up on it
/// would lose it for good: while the store is unreachable (Redis restarting) the send is tried again for
/// <see cref="StoreOutageWindow"/>, under one key, so an append whose answer was lost is not made twice. The key is the
/// reply's own id when the adapter gave it one (it does for replies it may post again, <see cref="IReplayableConnectorSender"/>),
/// so a reply posted again by a retry of its turn is kept once too.
/// </summary>
public sealed class DirectLineConnectorSender(IConnectorSender inner, IDirectLineStore store, TimeProvider clock, ILogger<DirectLineConnectorSender> logger)
    : IConnectorSender, IReplayableConnectorSender
{
    public bool CanReplay(Uri serviceUrl) => DirectLineChannel.IsDirectLineServiceUrl(serviceUrl);

    /// <summary>How long a reply waits for its store to come back: longer than a Redis restart, shorter than a channel's patience.</summary>
    internal static readonly TimeSpan StoreOutageWindow = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(1);

    public async Task<string?> SendAsync(HttpMethod method, Uri serviceUrl, string relativePath, string? jsonBody, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!DirectLineChannel.IsDirectLineServiceUrl(serviceUrl))
        {
            return await inner.SendAsync(method, serviceUrl, relativePath, jsonBody, ct).ConfigureAwait(false);
        }

        var conversationId = ConversationIdOf(relativePath)
            ?? throw new InvalidOperationException("A Direct Line send needs a v3/conversations/{id}/activities path.");
        if (method != HttpMethod.Post)
        {
            // Web Chat has no way to show an edit or a deletion of an earlier message; the bot never needs it here.
            logger.LogDebug("Direct Line ignores {Method} of an activity in conversation {ConversationId}.", method, conversationId);
            return null;
        }

        var activity = JsonSerializer.Deserialize(jsonBody ?? "{}", SchemaJson.Default.Activity)
            ?? throw new InvalidOperationException("The bot sent an empty activity.");
        activity.Type ??= ActivityTypes.Message;
        activity.ChannelId = Channels.Directline;
        activity.Conversation = new ConversationAccount { Id = conversationId };

        // Web Chat orders by timestamp: the server's clock, as the real service does.
        activity.Timestamp = clock.GetUtcNow();
        var key = "reply:" + (string.IsNullOrEmpty(activity.Id) ? Guid.NewGuid().ToString("N") : activity.Id);
        var started = clock.GetTimestamp();
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                var post = await store.AppendOnceAsync(conversationId, activity, key, ct).ConfigureAwait(false);
                return JsonSerializer.Serialize(new ResourceResponse(post.Id), SchemaJson.Default.ResourceResponse);
            }
            catch (StorageUnavailableException ex) when (clock.GetElapsedTime(started) + delay < StoreOutageWindow)
            {
                logger.LogDebug("A Direct Line reply to conversation {ConversationId} waits for its store: {Reason}", conversationId, ex.Message);
                await Task.Delay(delay, clock, ct).ConfigureAwait(false);
                delay = delay * 2 < LongestRetryDelay ? delay * 2 : LongestRetryDelay;
            }
        }
    }

    /// <summary>The conversation id in <c>v3/conversations/{id}/activities[/{replyToId}]</c>.</summary>
    internal static string? ConversationIdOf(string relativePath)
    {
        const string prefix = "v3/conversations/";
        var path = relativePath.TrimStart('/');
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || !rest[(slash + 1)..].StartsWith("activities", StringComparison.Ordinal))
        {
            return null;
        }

        return Uri.UnescapeDataString(rest[..slash].ToString());
    }
}
