using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Adapters;

/// <summary>
/// The adapter for HTTP channels (Bot Connector and anything posting activities to /api/messages).
/// Authentication happens before, in the host. Per delivery mode:
/// <list type="bullet">
/// <item><c>normal</c>: each reply is POSTed to <c>{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]</c> as it is sent.</item>
/// <item><c>expectReplies</c>: replies are buffered and returned in the HTTP body as <see cref="ExpectedReplies"/>; typing is dropped.</item>
/// </list>
/// Invokes answer with the bot's invoke response, or 501 when it gave none (as the SDK does).
/// Turns of one conversation run one at a time, in arrival order, within this process.
/// </summary>
public class CloudAdapter : BotAdapter
{
    /// <summary>TurnState key of the caller's <see cref="ClaimsIdentity"/>, as in the SDK.</summary>
    public const string BotIdentityKey = "BotIdentity";

    private const string BufferedRepliesKey = "ReflectBot.BufferedReplies";

    private readonly IConnectorSender _sender;
    private readonly ILogger _logger;

    public CloudAdapter(IConnectorSender sender, ILogger<CloudAdapter>? logger = null)
    {
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _logger = logger ?? NullLogger<CloudAdapter>.Instance;
    }

    /// <summary>Serialises turns per conversation; exposed so tests and the host can see it stays small.</summary>
    public KeyedAsyncLock ConversationLock { get; } = new();

    /// <summary>Runs one turn for an inbound activity and says what to answer the HTTP request with.</summary>
    public async Task<TurnResult> ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken = default, ClaimsIdentity? identity = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(callback);
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        }

        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        using (await ConversationLock.AcquireAsync($"{activity.ChannelId}/{conversationId}", cancellationToken).ConfigureAwait(false))
        {
            var context = new TurnContext(this, activity);
            if (identity is not null)
            {
                context.TurnState[BotIdentityKey] = identity;
            }

            List<Activity>? buffer = null;
            if (expectReplies)
            {
                buffer = [];
                context.TurnState[BufferedRepliesKey] = buffer;
            }

            await RunPipelineAsync(context, callback, cancellationToken).ConfigureAwait(false);

            if (buffer is not null)
            {
                lock (buffer)
                {
                    return TurnResult.Replies(new ExpectedReplies { Activities = [.. buffer] });
                }
            }

            if (activity.IsType(ActivityTypes.Invoke))
            {
                return context.InvokeResponse is { } invokeResponse ? TurnResult.Invoke(invokeResponse) : TurnResult.NotImplemented;
            }

            return TurnResult.Ok;
        }
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse[activities.Length];
        var buffer = turnContext.TurnState.Get<List<Activity>>(BufferedRepliesKey);
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            if (activity.IsType(ActivityTypes.Trace) && activity.ChannelId != Channels.Emulator)
            {
                // Traces are for the Emulator's inspector; real channels would show them to the user or reject them.
                responses[i] = new ResourceResponse();
            }
            else if (buffer is not null)
            {
                if (!activity.IsType(ActivityTypes.Typing))
                {
                    // All replies arrive at once in the HTTP body, so "typing" would mean nothing there.
                    lock (buffer)
                    {
                        buffer.Add(activity);
                    }
                }

                responses[i] = new ResourceResponse(activity.Id);
            }
            else
            {
                responses[i] = await PostAsync(activity, cancellationToken).ConfigureAwait(false);
            }
        }

        return responses;
    }

    public override async Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (serviceUrl, conversationId) = Target(activity.ServiceUrl, activity.Conversation?.Id);
        var activityId = activity.Id ?? throw new ArgumentException("An update needs the id of the activity to replace.", nameof(activity));
        var json = JsonSerializer.Serialize(activity, SchemaJson.Default.Activity);
        var body = await _sender.SendAsync(HttpMethod.Put, serviceUrl, ActivityPath(conversationId, activityId), json, cancellationToken).ConfigureAwait(false);
        return ParseResponse(body, activityId);
    }

    public override async Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var (serviceUrl, conversationId) = Target(reference.ServiceUrl, reference.Conversation?.Id);
        var activityId = reference.ActivityId ?? throw new ArgumentException("A delete needs the id of the activity.", nameof(reference));
        await _sender.SendAsync(HttpMethod.Delete, serviceUrl, ActivityPath(conversationId, activityId), null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResourceResponse> PostAsync(Activity activity, CancellationToken cancellationToken)
    {
        var (serviceUrl, conversationId) = Target(activity.ServiceUrl, activity.Conversation?.Id);
        var path = string.IsNullOrEmpty(activity.ReplyToId)
            ? $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities"
            : ActivityPath(conversationId, activity.ReplyToId);
        var json = JsonSerializer.Serialize(activity, SchemaJson.Default.Activity);
        var body = await _sender.SendAsync(HttpMethod.Post, serviceUrl, path, json, cancellationToken).ConfigureAwait(false);
        return ParseResponse(body, activity.Id);
    }

    private static string ActivityPath(string conversationId, string activityId) =>
        $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}";

    private static (Uri ServiceUrl, string ConversationId) Target(string? serviceUrl, string? conversationId)
    {
        if (string.IsNullOrEmpty(serviceUrl) || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException("The activity has no usable serviceUrl to send replies to.");
        }

        if (string.IsNullOrEmpty(conversationId))
        {
            throw new InvalidOperationException("The activity has no conversation id.");
        }

        return (uri, conversationId);
    }

    /// <summary>Reads the connector's <c>{"id":...}</c>; typing answers 202 with no body, and some mock channels answer non-JSON.</summary>
    private ResourceResponse ParseResponse(string? body, string? fallbackId)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ResourceResponse(fallbackId);
        }

        try
        {
            return JsonSerializer.Deserialize(body, SchemaJson.Default.ResourceResponse) ?? new ResourceResponse(fallbackId);
        }
        catch (JsonException)
        {
            _logger.LogDebug("The connector answered a send with a body that is not a resource response.");
            return new ResourceResponse(fallbackId);
        }
    }
}
