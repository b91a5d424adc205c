using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// The Direct Line service side of a conversation: starts conversations (telling the bot someone joined, so the
/// welcome is waiting before the user types) and takes the user's activities, each of which is stored in the
/// backlog and then handed to the bot as a turn through the same <see cref="CloudAdapter"/> as every channel.
/// The bot's replies come back through <see cref="DirectLineConnectorSender"/> into the same backlog.
/// </summary>
public sealed class DirectLineChannel(
    IDirectLineStore store,
    CloudAdapter adapter,
    IBot bot,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<DirectLineChannel> logger)
{
    /// <summary>
    /// The serviceUrl of Direct Line activities. Nothing listens there: the sender recognises it and keeps the
    /// reply in the backlog instead of POSTing it (.invalid never resolves, so nothing can leak to the network).
    /// </summary>
    public const string ServiceUrl = "https://directline.reflectbot.invalid/";

    private const string ServiceHost = "directline.reflectbot.invalid";

    private readonly DirectLineOptions _options = options.Value;

    // Storing an activity and running its turn happen under one lock per conversation, so the bot sees
    // activities in backlog order and its replies follow the message they answer.
    private readonly KeyedAsyncLock _order = new();

    public static bool IsDirectLineServiceUrl(Uri serviceUrl) =>
        string.Equals(serviceUrl.Host, ServiceHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>A new conversation id: 128 random bits, URL-safe.</summary>
    public static string NewConversationId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A new user id for someone the page knows nothing about.</summary>
    public static string NewUserId() => "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>
    /// Starts the conversation, or returns it when it exists already (a client starting twice with one token); null when
    /// <see cref="DirectLineOptions.MaxConversations"/> are open. A new one gets a <c>conversationUpdate</c> turn with the
    /// user in <c>membersAdded</c>. That turn has a fixed id, so a client starting again after a lost answer (the instance
    /// died while greeting) gets the welcome finished, not repeated: the adapter's deduplication runs it only if it never
    /// finished, and otherwise posts its replies again, which the backlog keeps once.
    /// </summary>
    public async Task<DirectLineConversation?> StartAsync(string conversationId, string userId, string? locale, CancellationToken ct)
    {
        var conversation = new DirectLineConversation(conversationId, userId, locale);
        switch (await store.TryCreateConversationAsync(conversation, ct).ConfigureAwait(false))
        {
            case ConversationCreation.AtCapacity:
                return null;
            case ConversationCreation.Exists:
                var existing = await store.GetConversationAsync(conversationId, ct).ConfigureAwait(false) ?? conversation;
                if (existing.UserId != userId)
                {
                    return existing;
                }

                conversation = existing;
                break;
        }

        var joined = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = conversationId + "|join",
            From = new ChannelAccount { Id = userId, Role = RoleTypes.User },
            MembersAdded = [BotAccount(), new ChannelAccount { Id = userId, Role = RoleTypes.User }],
            Locale = conversation.Locale,
        };
        using (await _order.AcquireAsync(conversationId, ct).ConfigureAwait(false))
        {
            Address(joined, conversationId);
            await RunTurnAsync(joined).ConfigureAwait(false);
        }

        return conversation;
    }

    /// <summary>
    /// Stores the user's activity (the client sees it come back with its id and clientActivityID) and runs the
    /// bot's turn for it. Returns the activity's id once the turn is over, so its replies are already readable.
    /// A post carrying a <c>clientActivityID</c> seen before in this conversation is a retry (the client lost the first
    /// answer: an instance died, the network dropped): it is not stored again, and its turn runs again only if the first
    /// run did not finish, which the adapter's deduplication (by the stored activity's id) decides.
    /// </summary>
    public async Task<string> PostAsync(string conversationId, Activity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using (await _order.AcquireAsync(conversationId, ct).ConfigureAwait(false))
        {
            Address(activity, conversationId);
            var turn = activity;
            string id;
            if (ClientActivityId(activity) is { } clientKey)
            {
                var post = await store.AppendOnceAsync(conversationId, activity, clientKey, ct).ConfigureAwait(false);
                id = post.Id;
                if (!post.Appended)
                {
                    // Too old to be in the backlog any more: long finished, nothing to run again.
                    if (post.StoredJson is null)
                    {
                        return id;
                    }

                    turn = JsonSerializer.Deserialize(post.StoredJson, SchemaJson.Default.Activity)!;
                    logger.LogInformation("Direct Line post {ActivityId} was sent again; its turn runs only if the first run did not finish.", id);
                }
            }
            else
            {
                id = (await store.AppendAsync(conversationId, [activity], ct).ConfigureAwait(false))[0];
            }

            if (ActivityTypes.IsKnown(turn.Type) && !turn.IsType(ActivityTypes.Typing))
            {
                await RunTurnAsync(turn).ConfigureAwait(false);
            }

            return id;
        }
    }

    /// <summary>Web Chat's <c>channelData.clientActivityID</c>: a short string the client gives each post it makes.</summary>
    internal static string? ClientActivityId(Activity activity) =>
        Payload.AsElement(activity.ChannelData) is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("clientActivityID", out var value)
        && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 and <= 128 } key
            ? key
            : null;

    public ChannelAccount BotAccount() => new() { Id = _options.BotId, Name = _options.BotName, Role = RoleTypes.Bot };

    /// <summary>Fills what the service owns, whatever the client sent: where it came from, where replies go, when.</summary>
    private void Address(Activity activity, string conversationId)
    {
        activity.ChannelId = Channels.Directline;
        activity.ServiceUrl = ServiceUrl;
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.Recipient = BotAccount();
        activity.Timestamp = clock.GetUtcNow();

        // Replies must come back here as sends, never in an HTTP body nobody reads.
        activity.DeliveryMode = null;
    }

    /// <summary>
    /// Runs the bot's turn. A busy conversation or unreachable storage is passed on (nothing of the turn was
    /// saved, and the caller answers 503); any other failure has already been handled by the adapter's error
    /// handler and is only logged.
    /// </summary>
    private async Task RunTurnAsync(Activity activity)
    {
        try
        {
            // Not tied to the HTTP request: a client that stops waiting must not leave the turn half done.
            await adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or TurnBusyException or StorageUnavailableException))
        {
            // The adapter's error handler has already apologised where it could; never log the activity's text.
            logger.LogError("A Direct Line turn ({ActivityType}) in conversation {ConversationId} failed with {ExceptionType}.", activity.Type, activity.Conversation?.Id, ex.GetType().FullName);
        }
    }
}
