using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Builder;

public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);

public delegate Task NextDelegate(CancellationToken cancellationToken);

public delegate Task<ResourceResponse[]> SendActivitiesHandler(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next);

public delegate Task<ResourceResponse> UpdateActivityHandler(ITurnContext turnContext, Activity activity, Func<Task<ResourceResponse>> next);

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

    Task<ResourceResponse?> SendActivityAsync(string text, string? speak = null, string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default);

    Task<ResourceResponse?> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse[]> SendActivitiesAsync(Activity[] activities, CancellationToken cancellationToken = default);

    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);

    ITurnContext OnSendActivities(SendActivitiesHandler handler);

    ITurnContext OnUpdateActivity(UpdateActivityHandler handler);

    ITurnContext OnDeleteActivity(DeleteActivityHandler handler);
}

/// <summary>Per-turn services keyed by name or by type.</summary>
public sealed class TurnContextStateCollection : Dictionary<string, object>
{
    public T? Get<T>(string key) where T : class => TryGetValue(key, out var v) ? v as T : null;

    public T? Get<T>() where T : class => Get<T>(typeof(T).FullName!);

    public void Set<T>(string key, T value) where T : class => this[key] = value;

    public void Set<T>(T value) where T : class => this[typeof(T).FullName!] = value;
}
