using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Builder;

public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);

public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>Sees (and may change, or keep back by not calling <paramref name="next"/>) what the bot sends; may return null.</summary>
public delegate Task<ResourceResponse[]> SendActivitiesHandler(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next);

public delegate Task<ResourceResponse?> UpdateActivityHandler(ITurnContext turnContext, Activity activity, Func<Task<ResourceResponse?>> next);

public delegate Task DeleteActivityHandler(ITurnContext turnContext, ConversationReference reference, Func<Task> next);

/// <summary>Everything one turn needs: the incoming activity, a way to reply, and per-turn state.</summary>
public interface ITurnContext
{
    BotAdapter Adapter { get; }

    Activity Activity { get; }

    /// <summary>Services and cached state for this turn only (bot state, dialog state, flags).</summary>
    TurnContextStateCollection TurnState { get; }

    /// <summary>True once the bot has sent anything other than a trace or typing in this turn.</summary>
    bool Responded { get; }

    Task<ResourceResponse?> SendActivityAsync(string textReplyToSend, string? speak = null, string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default);

    Task<ResourceResponse?> SendActivityAsync(IActivity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse[]> SendActivitiesAsync(IActivity[] activities, CancellationToken cancellationToken = default);

    Task<ResourceResponse?> UpdateActivityAsync(IActivity activity, CancellationToken cancellationToken = default);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);

    Task DeleteActivityAsync(ConversationReference conversationReference, CancellationToken cancellationToken = default);

    ITurnContext OnSendActivities(SendActivitiesHandler handler);

    ITurnContext OnUpdateActivity(UpdateActivityHandler handler);

    ITurnContext OnDeleteActivity(DeleteActivityHandler handler);
}

/// <summary>A turn whose activity is known to be of one kind (the SDK's typed handler parameter).</summary>
public interface ITurnContext<T> : ITurnContext
    where T : IActivity
{
    new T Activity { get; }
}

/// <summary>Per-turn services keyed by name or by type.</summary>
public class TurnContextStateCollection : Dictionary<string, object>, IDisposable
{
    public T? Get<T>(string key) where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryGetValue(key, out var v) ? v as T : null;
    }

    public T? Get<T>() where T : class => Get<T>(typeof(T).FullName!);

    public void Add<T>(T value) where T : class => Add(typeof(T).FullName!, value ?? throw new ArgumentNullException(nameof(value)));

    public void Set<T>(string key, T value) where T : class => this[key] = value;

    public void Set<T>(T value) where T : class => this[typeof(T).FullName!] = value;

    /// <summary>Disposes the disposable services the turn put here (the turn context calls it when it is disposed).</summary>
    public void Dispose()
    {
        foreach (var value in Values)
        {
            if (value is IDisposable disposable && !ReferenceEquals(disposable, this))
            {
                disposable.Dispose();
            }
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A view of a turn typed by its activity (what <see cref="ActivityHandler"/> passes to its handlers).</summary>
internal sealed class DelegatingTurnContext<T>(ITurnContext inner) : ITurnContext<T>
    where T : IActivity
{
    T ITurnContext<T>.Activity => (T)(IActivity)inner.Activity;

    public BotAdapter Adapter => inner.Adapter;

    public Activity Activity => inner.Activity;

    public TurnContextStateCollection TurnState => inner.TurnState;

    public bool Responded => inner.Responded;

    public Task<ResourceResponse?> SendActivityAsync(string textReplyToSend, string? speak = null, string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default) =>
        inner.SendActivityAsync(textReplyToSend, speak, inputHint, cancellationToken);

    public Task<ResourceResponse?> SendActivityAsync(IActivity activity, CancellationToken cancellationToken = default) =>
        inner.SendActivityAsync(activity, cancellationToken);

    public Task<ResourceResponse[]> SendActivitiesAsync(IActivity[] activities, CancellationToken cancellationToken = default) =>
        inner.SendActivitiesAsync(activities, cancellationToken);

    public Task<ResourceResponse?> UpdateActivityAsync(IActivity activity, CancellationToken cancellationToken = default) =>
        inner.UpdateActivityAsync(activity, cancellationToken);

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default) =>
        inner.DeleteActivityAsync(activityId, cancellationToken);

    public Task DeleteActivityAsync(ConversationReference conversationReference, CancellationToken cancellationToken = default) =>
        inner.DeleteActivityAsync(conversationReference, cancellationToken);

    public ITurnContext OnSendActivities(SendActivitiesHandler handler) => inner.OnSendActivities(handler);

    public ITurnContext OnUpdateActivity(UpdateActivityHandler handler) => inner.OnUpdateActivity(handler);

    public ITurnContext OnDeleteActivity(DeleteActivityHandler handler) => inner.OnDeleteActivity(handler);
}
