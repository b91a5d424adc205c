using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Builder;

public sealed class TurnContext(BotAdapter adapter, Activity activity) : ITurnContext
{
    private readonly List<SendActivitiesHandler> _onSend = [];
    private readonly List<UpdateActivityHandler> _onUpdate = [];
    private readonly List<DeleteActivityHandler> _onDelete = [];

    public BotAdapter Adapter { get; } = adapter ?? throw new ArgumentNullException(nameof(adapter));

    public Activity Activity { get; } = activity ?? throw new ArgumentNullException(nameof(activity));

    public TurnContextStateCollection TurnState { get; } = [];

    public bool Responded { get; private set; }

    /// <summary>Invoke responses are returned in the HTTP body rather than sent; the adapter reads this.</summary>
    public InvokeResponse? InvokeResponse { get; private set; }

    public ITurnContext OnSendActivities(SendActivitiesHandler handler)
    {
        _onSend.Add(handler);
        return this;
    }

    public ITurnContext OnUpdateActivity(UpdateActivityHandler handler)
    {
        _onUpdate.Add(handler);
        return this;
    }

    public ITurnContext OnDeleteActivity(DeleteActivityHandler handler)
    {
        _onDelete.Add(handler);
        return this;
    }

    public Task<ResourceResponse?> SendActivityAsync(string text, string? speak = null, string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default)
    {
        var reply = MessageFactory.Text(text, speak, inputHint);
        return SendActivityAsync(reply, cancellationToken);
    }

    public async Task<ResourceResponse?> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken).ConfigureAwait(false);
        return responses.Length > 0 ? responses[0] : null;
    }

    public Task<ResourceResponse[]> SendActivitiesAsync(Activity[] activities, CancellationToken cancellationToken = default)
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
            a.ApplyConversationReference(reference);
            a.Timestamp ??= DateTimeOffset.UtcNow;
            outgoing.Add(a);
        }

        return RunSendPipeline(outgoing, 0, cancellationToken);
    }

    private async Task<ResourceResponse[]> RunSendPipeline(List<Activity> activities, int index, CancellationToken ct)
    {
        if (index < _onSend.Count)
        {
            return await _onSend[index](this, activities, () => RunSendPipeline(activities, index + 1, ct)).ConfigureAwait(false);
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

    private static InvokeResponse ReadInvokeResponse(Activity a)
    {
        if (a.Value is { } v)
        {
            var status = v.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 200;
            return new InvokeResponse { Status = status, Body = v.TryGetProperty("body", out var b) ? b.Clone() : null };
        }

        return new InvokeResponse { Status = 200 };
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        activity.ApplyConversationReference(Activity.GetConversationReference());
        return RunUpdate(activity, 0, cancellationToken);
    }

    private Task<ResourceResponse> RunUpdate(Activity activity, int index, CancellationToken ct) =>
        index < _onUpdate.Count
            ? _onUpdate[index](this, activity, () => RunUpdate(activity, index + 1, ct))
            : Adapter.UpdateActivityAsync(this, activity, ct);

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default)
    {
        var reference = Activity.GetConversationReference();
        reference.ActivityId = activityId;
        return RunDelete(reference, 0, cancellationToken);
    }

    private Task RunDelete(ConversationReference reference, int index, CancellationToken ct) =>
        index < _onDelete.Count
            ? _onDelete[index](this, reference, () => RunDelete(reference, index + 1, ct))
            : Adapter.DeleteActivityAsync(this, reference, ct);
}
