using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Adapters;

/// <summary>
/// The adapter for HTTP channels (Bot Connector and anything posting activities to /api/messages).
/// Authentication happens before, in the host. Per delivery mode:
/// <list type="bullet">
/// <item><c>normal</c>: each reply is POSTed to <c>{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]</c>,
/// as it is sent, or, with <see cref="HoldRepliesUntilSaved"/> (the host's setting), in order once the turn's state
/// is saved. Typing, and replies sent with <see cref="ReplyDelivery.SendNowAsync(ITurnContext, Activity[], CancellationToken)"/>,
/// always go out at once.</item>
/// <item><c>expectReplies</c>: replies are buffered and returned in the HTTP body as <see cref="ExpectedReplies"/>; typing is dropped.</item>
/// </list>
/// Invokes answer with the bot's invoke response, or 501 when it gave none (as the SDK does).
/// Around each turn: a retried activity (same id) is answered from the first run via <see cref="Deduplicator"/>;
/// turns of one conversation run one at a time via <see cref="TurnLock"/> (this process by default, every
/// instance with <see cref="RedisTurnLock"/>); state writes are batched (<see cref="TurnWriteBatch"/>) and a
/// turn whose save meets an ETag conflict is re-run from fresh state with its held replies discarded.
/// </summary>
public class CloudAdapter : BotAdapter
{
    /// <summary>TurnState key of the caller's <see cref="ClaimsIdentity"/>, as in the SDK.</summary>
    public const string BotIdentityKey = "BotIdentity";

    /// <summary>TurnState key of the attempt number (1 on the first run, higher when re-run after a conflict).</summary>
    public const string TurnAttemptKey = "ReflectBot.TurnAttempt";

    private readonly IConnectorSender _sender;
    private readonly ILogger _logger;
    private ITurnLock? _turnLock;

    public CloudAdapter(IConnectorSender sender, ILogger<CloudAdapter>? logger = null)
    {
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _logger = logger ?? NullLogger<CloudAdapter>.Instance;
    }

    /// <summary>The in-process per-conversation lock behind the default <see cref="TurnLock"/>; tests use it to see it stays small.</summary>
    public KeyedAsyncLock ConversationLock { get; } = new();

    /// <summary>One turn per conversation at a time. Defaults to <see cref="InProcessTurnLock"/> over <see cref="ConversationLock"/>.</summary>
    public ITurnLock TurnLock
    {
        get => _turnLock ??= new InProcessTurnLock(ConversationLock);
        set => _turnLock = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Answers a retried activity from its first run. Null: every arrival runs a turn.</summary>
    public IActivityDeduplicator? Deduplicator { get; set; }

    /// <summary>
    /// Normal delivery: post replies only after the turn's state is saved, so a turn re-run after a conflict (or
    /// failed for lack of storage) has said nothing it must take back. The price: a held reply has no connector
    /// id yet, so the bot cannot update or delete it within the same turn. Off by default here; the web host turns it on.
    /// </summary>
    public bool HoldRepliesUntilSaved { get; set; }

    /// <summary>How many times a turn runs when its save keeps meeting ETag conflicts, before answering busy.</summary>
    public int MaxTurnAttempts { get; set; } = 3;

    /// <summary>
    /// Longest a turn (with its save) may hold its conversation. Past it the turn is cancelled and abandoned unsaved,
    /// <see cref="BotAdapter.OnTurnError"/> gets a <see cref="TurnTimeoutException"/> (its reply goes out like a
    /// send-now reply), and the conversation's next message runs. Null: no limit.
    /// </summary>
    public TimeSpan? TurnTimeout { get; set; }

    /// <summary>
    /// Runs one turn for an inbound activity and says what to answer the HTTP request with. Throws
    /// <see cref="TurnBusyException"/> (conversation or activity busy past the wait bound) and
    /// <see cref="StorageUnavailableException"/> (state, lock or deduplication store down, and no send-now reply
    /// was produced); the host answers both with 503. Nothing of a turn that throws was saved.
    /// </summary>
    public async Task<TurnResult> ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken = default, ClaimsIdentity? identity = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(callback);
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        }

        var conversationKey = $"{activity.ChannelId}/{conversationId}";
        ActivityClaim? claim = null;
        if (Deduplicator is { } deduplicator && !string.IsNullOrEmpty(activity.Id))
        {
            try
            {
                claim = await deduplicator.ClaimAsync($"{conversationKey}/{activity.Id}", cancellationToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException ex)
            {
                // Run the turn anyway: a crisis reply is sent before state is touched, so it can still go out.
                // Without state the rest of the turn fails and the request gets its 503 then.
                _logger.LogInformation("Activity deduplication unavailable ({Reason}); running the turn without it.", ex.Message);
            }
        }

        if (claim?.Previous is { } previous)
        {
            await claim.DisposeAsync().ConfigureAwait(false);
            _logger.LogInformation(
                "Activity {ActivityId} of {ChannelId} conversation {ConversationId} was already handled; answering with the first run's result.",
                activity.Id, activity.ChannelId, conversationId);
            if (previous.HeldReplies is { Count: > 0 } held && CanReplay(activity))
            {
                // The run that handled it may have died while posting these; the channel keeps each of them once.
                await using (await AcquireTurnLockAsync(conversationKey, cancellationToken).ConfigureAwait(false))
                {
                    await PostHeldRepliesAsync(activity, [.. held], cancellationToken).ConfigureAwait(false);
                }
            }

            return previous.ToTurnResult();
        }

        try
        {
            await using (await AcquireTurnLockAsync(conversationKey, cancellationToken).ConfigureAwait(false))
            {
                // Read now: a middleware may be presenting the invoke as a message when the deadline passes.
                var isInvoke = activity.IsType(ActivityTypes.Invoke);
                var (result, postAfterSave) = TurnTimeout is { } limit
                    ? await TurnDeadline.RunAsync(limit, (deadline, ct) => RunTurnAsync(activity, callback, identity, ct, deadline), attempt => TurnDeadline.AnswerAbandonedAsync(activity, isInvoke, attempt, limit, OnTurnError, _logger), cancellationToken).ConfigureAwait(false)
                    : await RunTurnAsync(activity, callback, identity, cancellationToken).ConfigureAwait(false);
                if (claim is not null)
                {
                    var replayable = postAfterSave.Count > 0 && CanReplay(activity);
                    if (replayable)
                    {
                        NameHeldReplies(activity, postAfterSave);
                    }

                    try
                    {
                        await claim.CompleteAsync(
                            replayable ? StoredTurnResult.WithHeldReplies(result, postAfterSave) : StoredTurnResult.From(result),
                            cancellationToken).ConfigureAwait(false);
                    }
                    catch (StorageUnavailableException ex)
                    {
                        // The turn is saved; only a retry of it would run again.
                        _logger.LogWarning("Could not record activity {ActivityId} as handled: {Reason}", activity.Id, ex.Message);
                    }
                }

                await PostHeldRepliesAsync(activity, postAfterSave, cancellationToken).ConfigureAwait(false);

                return result;
            }
        }
        finally
        {
            if (claim is not null)
            {
                await claim.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The configured lock, or this process's lock when the shared one's store is down: the turn then still runs
    /// (for the sake of a crisis reply), and its save's ETag check still stops a lost write.
    /// </summary>
    private async Task<IAsyncDisposable> AcquireTurnLockAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var turnLock = TurnLock;
        try
        {
            return await turnLock.AcquireAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex) when (turnLock is not InProcessTurnLock)
        {
            _logger.LogInformation("Shared turn lock unavailable ({Reason}); running the turn under this process's lock.", ex.Message);
            return await new InProcessTurnLock(ConversationLock).AcquireAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when the inbound activity's channel keeps a reply once however often it is posted.</summary>
    private bool CanReplay(Activity inbound) =>
        _sender is IReplayableConnectorSender replayable
        && Uri.TryCreate(inbound.ServiceUrl, UriKind.Absolute, out var serviceUrl)
        && replayable.CanReplay(serviceUrl);

    /// <summary>Gives each held reply an id of its own, derived from the activity it answers, so a replay is recognised.</summary>
    private static void NameHeldReplies(Activity inbound, List<Activity> replies)
    {
        for (var i = 0; i < replies.Count; i++)
        {
            replies[i].Id ??= $"{inbound.Id}~{i + 1}";
        }
    }

    /// <summary>
    /// Posts what a saved turn held back, in order, still under the turn lock so the next turn's replies cannot
    /// overtake them. The turn is saved, so a channel that refuses a reply must not fail the request (the channel
    /// would retry a turn that already happened): with an error handler, the failure is logged and the rest dropped,
    /// as a failed send inside the turn would have been.
    /// </summary>
    private async Task PostHeldRepliesAsync(Activity inbound, List<Activity> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            try
            {
                await PostAsync(reply, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (OnTurnError is not null && ex is not OperationCanceledException)
            {
                _logger.LogError(
                    "Could not post a reply to {ChannelId} conversation {ConversationId} after the turn for {ActivityId} was saved: {ExceptionTypes}; {Dropped} replies dropped.",
                    inbound.ChannelId, inbound.Conversation?.Id, inbound.Id, TurnErrorHandler.DescribeTypes(ex), replies.Count - replies.IndexOf(reply));
                return;
            }
        }
    }

    /// <summary>Runs the turn (again, from fresh state, while its save meets conflicts) and saves its state.</summary>
    private async Task<(TurnResult Result, List<Activity> PostAfterSave)> RunTurnAsync(
        Activity inbound, BotCallbackHandler callback, ClaimsIdentity? identity, CancellationToken cancellationToken, TurnDeadline? deadline = null)
    {
        var expectReplies = string.Equals(inbound.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);

        // Middleware may change the activity it is given; a re-run starts from what arrived (UTF-8: half the bytes of a string).
        var original = JsonSerializer.SerializeToUtf8Bytes(inbound, SchemaJson.Default.Activity);
        var postedNow = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            var activity = attempt == 1 ? inbound : JsonSerializer.Deserialize(original, SchemaJson.Default.Activity)!;
            var context = new TurnContext(this, activity);
            if (identity is not null)
            {
                context.TurnState[BotIdentityKey] = identity;
            }

            context.TurnState[TurnAttemptKey] = attempt;
            var replies = new TurnReplies(expectReplies, HoldRepliesUntilSaved, postedNow);
            context.TurnState[TurnReplies.TurnStateKey] = replies;
            deadline?.Attempt = context;

            using (var batch = TurnWriteBatch.Begin())
            {
                try
                {
                    await RunTurnPipelineAsync(context, callback, cancellationToken).ConfigureAwait(false);
                    await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (StorageConflictException) when (attempt < Math.Max(1, MaxTurnAttempts) && !replies.PostedDuringTurn)
                {
                    _logger.LogInformation(
                        "State of {ChannelId} conversation {ConversationId} changed during the turn for {ActivityId}; running it again (attempt {Attempt}).",
                        inbound.ChannelId, inbound.Conversation?.Id, inbound.Id, attempt + 1);
                    continue;
                }
                catch (Exception ex) when (ex is (StorageConflictException or StorageUnavailableException) && replies.HasSentNow)
                {
                    // A crisis reply (or another send-now reply) was produced: the person gets it even though the rest is lost.
                    _logger.LogWarning(
                        "Turn for {ActivityId} of {ChannelId} conversation {ConversationId} was not saved ({ExceptionType}); answering with its send-now replies only.",
                        inbound.Id, inbound.ChannelId, inbound.Conversation?.Id, ex.GetType().Name);
                    var fallback = expectReplies ? TurnResult.Replies(new ExpectedReplies { Activities = replies.SentNowOnly() }) : TurnResult.Ok;
                    return (fallback, []);
                }
                catch (StorageConflictException)
                {
                    throw new TurnBusyException($"The conversation's state kept changing during the turn ({attempt} attempts).");
                }
            }

            if (expectReplies)
            {
                return (TurnResult.Replies(new ExpectedReplies { Activities = replies.All() }), []);
            }

            var result = activity.IsType(ActivityTypes.Invoke)
                ? context.InvokeResponse is { } invokeResponse ? TurnResult.Invoke(invokeResponse) : TurnResult.NotImplemented
                : TurnResult.Ok;
            return (result, replies.All());
        }
    }

    /// <summary>
    /// Middleware and bot, with failures going to <see cref="BotAdapter.OnTurnError"/>, except those the host must
    /// answer itself: a conflict (re-run), an outage or a busy conversation (503). The error handler's apology would
    /// otherwise be the only answer, with state half-loaded.
    /// </summary>
    private async Task RunTurnPipelineAsync(ITurnContext context, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        try
        {
            await MiddlewareSet.ReceiveActivityWithStatusAsync(context, callback, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OnTurnError is not null
            && ex is not (OperationCanceledException or StorageConflictException or StorageUnavailableException or TurnBusyException))
        {
            await OnTurnError(context, ex).ConfigureAwait(false);
        }
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse[activities.Length];
        var replies = turnContext.TurnState.Get<TurnReplies>(TurnReplies.TurnStateKey);
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            var typing = activity.IsType(ActivityTypes.Typing);
            if (activity.IsType(ActivityTypes.Trace) && activity.ChannelId != Channels.Emulator)
            {
                // Traces are for the Emulator's inspector; real channels would show them to the user or reject them.
                responses[i] = new ResourceResponse();
            }
            else if (replies is null)
            {
                // Outside a turn of ProcessActivityAsync (proactive messages): nothing to wait for.
                responses[i] = await PostAsync(activity, cancellationToken).ConfigureAwait(false);
            }
            else if (replies.ExpectReplies)
            {
                if (!typing)
                {
                    // All replies arrive at once in the HTTP body, so "typing" would mean nothing there.
                    replies.Hold(activity, replies.SendingNow);
                }

                responses[i] = new ResourceResponse(activity.Id);
            }
            else if (typing)
            {
                responses[i] = await PostAsync(activity, cancellationToken).ConfigureAwait(false);
            }
            else if (!replies.HoldUntilSaved)
            {
                // Said and gone: this turn can no longer be re-run after a conflict without repeating itself.
                replies.PostedDuringTurn = true;
                responses[i] = await PostAsync(activity, cancellationToken).ConfigureAwait(false);
            }
            else if (replies.SendingNow)
            {
                responses[i] = replies.MarkPostedNow(activity)
                    ? await PostAsync(activity, cancellationToken).ConfigureAwait(false)
                    : new ResourceResponse(activity.Id);
            }
            else
            {
                // Posted once the turn's state is saved; there is no connector id for it yet.
                replies.Hold(activity, sentNow: false);
                responses[i] = new ResourceResponse(activity.Id);
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
