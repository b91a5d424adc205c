using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Builder;

/// <summary>One turn: the incoming activity, the send/update/delete pipelines and per-turn state.</summary>
public class TurnContext : ITurnContext, IDisposable
{
    private readonly List<SendActivitiesHandler> _onSend = [];
    private readonly List<UpdateActivityHandler> _onUpdate = [];
    private readonly List<DeleteActivityHandler> _onDelete = [];
    private bool _disposed;

    public TurnContext(BotAdapter adapter, Activity activity)
    {
        Adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
    }

    public BotAdapter Adapter { get; }

    public Activity Activity { get; }

    public TurnContextStateCollection TurnState { get; } = [];

    public bool Responded { get; private set; }

    /// <summary>Invoke responses are returned in the HTTP body rather than sent; the adapter reads this.</summary>
    public InvokeResponse? InvokeResponse { get; private set; }

    public ITurnContext OnSendActivities(SendActivitiesHandler handler)
    {
        _onSend.Add(handler ?? throw new ArgumentNullException(nameof(handler)));
        return this;
    }

    public ITurnContext OnUpdateActivity(UpdateActivityHandler handler)
    {
        _onUpdate.Add(handler ?? throw new ArgumentNullException(nameof(handler)));
        return this;
    }

    public ITurnContext OnDeleteActivity(DeleteActivityHandler handler)
    {
        _onDelete.Add(handler ?? throw new ArgumentNullException(nameof(handler)));
        return this;
    }

    public Task<ResourceResponse?> SendActivityAsync(string textReplyToSend, string? speak = null, string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default)
    {
        return SendActivityAsync(MessageFactory.Text(textReplyToSend, speak, inputHint), cancellationToken);
    }

    public async Task<ResourceResponse?> SendActivityAsync(IActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var responses = await SendActivitiesAsync([activity], cancellationToken).ConfigureAwait(false);

        // A send handler that kept the activity back may answer with nothing at all.
        return responses is { Length: > 0 } ? responses[0] : null;
    }

    public Task<ResourceResponse[]> SendActivitiesAsync(IActivity[] activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (activities.Length == 0)
        {
            return Task.FromResult(Array.Empty<ResourceResponse>());
        }

        var reference = Activity.GetConversationReference();
        var outgoing = new List<Activity>(activities.Length);
        foreach (var a in activities)
        {
            var activity = (Activity)a;
            activity.ApplyConversationReference(reference);
            activity.Timestamp ??= DateTimeOffset.UtcNow;
            outgoing.Add(activity);
        }

        return RunSendPipeline(outgoing, 0, cancellationToken);
    }

    private async Task<ResourceResponse[]> RunSendPipeline(List<Activity> activities, int index, CancellationToken ct)
    {
        if (index < _onSend.Count)
        {
            return await _onSend[index](this, activities, () => RunSendPipeline(activities, index + 1, ct)).ConfigureAwait(false) ?? [];
        }

        // Invoke responses are not sent: they become the HTTP body of the invoke request.
        var toSend = new List<Activity>(activities.Count);
        foreach (var a in activities)
        {
            if (a.IsType(ActivityTypes.InvokeResponse))
            {
                InvokeResponse = ReadInvokeResponse(a);
            }
            else
            {
                toSend.Add(a);
            }
        }

        var responses = toSend.Count == 0 ? [] : await Adapter.SendActivitiesAsync(this, toSend.ToArray(), ct).ConfigureAwait(false);
        if (toSend.Exists(a => !a.IsType(ActivityTypes.Trace) && !a.IsType(ActivityTypes.Typing)))
        {
            Responded = true;
        }

        return responses;
    }

    private static InvokeResponse ReadInvokeResponse(Activity a) => a.Value switch
    {
        InvokeResponse response => response,
        null => new InvokeResponse { Status = 200 },
        var value => Payload.AsElement(value) is { } v
            ? new InvokeResponse
            {
                Status = v.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 200,
                Body = v.TryGetProperty("body", out var b) ? b.Clone() : null,
            }
            : new InvokeResponse { Status = 200 },
    };

    public Task<ResourceResponse?> UpdateActivityAsync(IActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var update = (Activity)activity;
        update.ApplyConversationReference(Activity.GetConversationReference());
        return RunUpdate(update, 0, cancellationToken);
    }

    private Task<ResourceResponse?> RunUpdate(Activity activity, int index, CancellationToken ct) =>
        index < _onUpdate.Count
            ? _onUpdate[index](this, activity, () => RunUpdate(activity, index + 1, ct))
            : UpdateThroughAdapterAsync(activity, ct);

    private async Task<ResourceResponse?> UpdateThroughAdapterAsync(Activity activity, CancellationToken ct) =>
        await Adapter.UpdateActivityAsync(this, activity, ct).ConfigureAwait(false);

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        var reference = Activity.GetConversationReference();
        reference.ActivityId = activityId;
        return RunDelete(reference, 0, cancellationToken);
    }

    public Task DeleteActivityAsync(ConversationReference conversationReference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationReference);
        return RunDelete(conversationReference, 0, cancellationToken);
    }

    private Task RunDelete(ConversationReference reference, int index, CancellationToken ct) =>
        index < _onDelete.Count
            ? _onDelete[index](this, reference, () => RunDelete(reference, index + 1, ct)) ?? Task.CompletedTask
            : Adapter.DeleteActivityAsync(this, reference, ct);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            TurnState.Dispose();
        }

        _disposed = true;
    }
}
