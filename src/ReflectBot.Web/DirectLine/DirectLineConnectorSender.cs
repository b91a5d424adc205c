using System.Text.Json;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// The adapter's sender with a Direct Line branch: replies addressed to <see cref="DirectLineChannel.ServiceUrl"/>
/// go into the conversation's backlog (where polls and sockets pick them up, in the order the bot sent them, once);
/// everything else goes to the real connector unchanged.
/// </summary>
public sealed class DirectLineConnectorSender(IConnectorSender inner, IDirectLineStore store, TimeProvider clock, ILogger<DirectLineConnectorSender> logger) : IConnectorSender
{
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
        var ids = await store.AppendAsync(conversationId, [activity], ct).ConfigureAwait(false);
        return JsonSerializer.Serialize(new ResourceResponse(ids[0]), SchemaJson.Default.ResourceResponse);
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
