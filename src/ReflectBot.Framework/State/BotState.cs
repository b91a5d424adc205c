using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ReflectBot.Framework.Builder;

namespace ReflectBot.Framework.State;

/// <summary>
/// State scoped by a storage key (per conversation, per user ...), loaded once per turn and written back
/// only when it changed, with the ETag it was read with. Property values are (de)serialised with
/// source-generated type info, never by reflection.
/// </summary>
public abstract class BotState
{
    private readonly string _contextServiceKey;

    protected BotState(IStorage storage, string contextServiceKey)
    {
        Storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _contextServiceKey = contextServiceKey;
    }

    public IStorage Storage { get; }

    public IStatePropertyAccessor<T> CreateProperty<T>(string name, JsonTypeInfo<T> typeInfo) =>
        new BotStatePropertyAccessor<T>(this, name, typeInfo);

    /// <summary>The storage key this state lives under for the given turn.</summary>
    public abstract string GetStorageKey(ITurnContext turnContext);

    public async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!force && turnContext.TurnState.ContainsKey(_contextServiceKey))
        {
            return;
        }

        var key = GetStorageKey(turnContext);
        var items = await Storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        var cached = items.TryGetValue(key, out var item)
            ? new CachedState(ParseDocument(item.Json), item.ETag, item.Json)
            : new CachedState([], StoreItem.NewItemETag, null);
        turnContext.TurnState[_contextServiceKey] = cached;
    }

    /// <summary>Writes the state back if it changed. A stale ETag throws <see cref="StorageConflictException"/>.</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<CachedState>(_contextServiceKey) is not { } cached)
        {
            return;
        }

        var json = cached.Serialize();
        if (!force && json == cached.OriginalJson)
        {
            return;
        }

        var item = new StoreItem(json, force ? StoreItem.AnyETag : cached.ETag);
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { [GetStorageKey(turnContext)] = item }, cancellationToken).ConfigureAwait(false);
        cached.ETag = item.ETag;
        cached.OriginalJson = json;
    }

    /// <summary>Empties the state for this turn; the next save writes the empty document.</summary>
    public Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var previous = turnContext.TurnState.Get<CachedState>(_contextServiceKey);
        turnContext.TurnState[_contextServiceKey] = new CachedState([], previous?.ETag ?? StoreItem.AnyETag, previous?.OriginalJson ?? "");
        return Task.CompletedTask;
    }

    /// <summary>Removes the state from the store and from this turn.</summary>
    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        turnContext.TurnState.Remove(_contextServiceKey);
        await Storage.DeleteAsync([GetStorageKey(turnContext)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when this turn has loaded the state (used by the error handler to decide what to clear).</summary>
    public bool IsLoaded(ITurnContext turnContext) => turnContext.TurnState.ContainsKey(_contextServiceKey);

    internal CachedState GetCached(ITurnContext turnContext) =>
        turnContext.TurnState.Get<CachedState>(_contextServiceKey)
        ?? throw new InvalidOperationException($"{GetType().Name} was not loaded for this turn.");

    private static JsonObject ParseDocument(string json) =>
        JsonNode.Parse(json) as JsonObject ?? [];

    /// <summary>One turn's view of the state document: typed values are materialised on first use.</summary>
    internal sealed class CachedState(JsonObject document, string? eTag, string? originalJson)
    {
        private readonly Dictionary<string, (object? Value, Func<object?, JsonNode?> Write)> _values = new(StringComparer.Ordinal);

        public JsonObject Document { get; } = document;
        public string? ETag { get; set; } = eTag;
        public string? OriginalJson { get; set; } = originalJson;

        public bool TryGet<T>(string name, JsonTypeInfo<T> typeInfo, out T value)
        {
            if (_values.TryGetValue(name, out var v))
            {
                value = (T)v.Value!;
                return true;
            }

            if (Document.TryGetPropertyValue(name, out var node) && node is not null)
            {
                // A document written by an older deploy may not fit the current type: treat it as absent.
                try
                {
                    value = node.Deserialize(typeInfo)!;
                }
                catch (JsonException)
                {
                    value = default!;
                    return false;
                }

                Set(name, value, typeInfo);
                return true;
            }

            value = default!;
            return false;
        }

        public void Set<T>(string name, T value, JsonTypeInfo<T> typeInfo) =>
            _values[name] = (value, o => JsonSerializer.SerializeToNode((T)o!, typeInfo));

        public void Remove(string name)
        {
            _values.Remove(name);
            Document.Remove(name);
        }

        public string Serialize()
        {
            foreach (var (name, (value, write)) in _values)
            {
                Document[name] = write(value);
            }

            return Document.ToJsonString();
        }
    }
}

public interface IStatePropertyAccessor<T>
{
    string Name { get; }

    /// <summary>The value; when absent, the default factory's value is stored and returned (or default).</summary>
    Task<T> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default);

    Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default);

    Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}

internal sealed class BotStatePropertyAccessor<T>(BotState state, string name, JsonTypeInfo<T> typeInfo) : IStatePropertyAccessor<T>
{
    public string Name { get; } = name;

    public async Task<T> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default)
    {
        await state.LoadAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
        var cached = state.GetCached(turnContext);
        if (cached.TryGet(Name, typeInfo, out var value))
        {
            return value;
        }

        if (defaultValueFactory is null)
        {
            return default!;
        }

        value = defaultValueFactory();
        cached.Set(Name, value, typeInfo);
        return value;
    }

    public async Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default)
    {
        await state.LoadAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
        state.GetCached(turnContext).Set(Name, value, typeInfo);
    }

    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await state.LoadAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
        state.GetCached(turnContext).Remove(Name);
    }
}

/// <summary>State shared by everyone in one conversation: the dialog stack lives here.</summary>
public sealed class ConversationState(IStorage storage) : BotState(storage, nameof(ConversationState))
{
    public override string GetStorageKey(ITurnContext turnContext)
    {
        var a = turnContext.Activity;
        var channelId = a.ChannelId ?? throw new InvalidOperationException("The activity has no channelId.");
        var conversationId = a.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation id.");
        return KeyFor(channelId, conversationId);
    }

    public static string KeyFor(string channelId, string conversationId) => $"{channelId}/conversations/{conversationId}";
}

/// <summary>State that follows one user across conversations on a channel.</summary>
public sealed class UserState(IStorage storage) : BotState(storage, nameof(UserState))
{
    public override string GetStorageKey(ITurnContext turnContext)
    {
        var a = turnContext.Activity;
        var channelId = a.ChannelId ?? throw new InvalidOperationException("The activity has no channelId.");
        var userId = a.From?.Id ?? throw new InvalidOperationException("The activity has no from.id.");
        return KeyFor(channelId, userId);
    }

    public static string KeyFor(string channelId, string userId) => $"{channelId}/users/{userId}";
}
