using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReflectBot.Framework.Builder;

namespace ReflectBot.Framework.State;

/// <summary>
/// State scoped by a storage key (per conversation, per user ...), loaded once per turn and written back
/// only when it changed, with the ETag it was read with. Property values are (de)serialised with
/// source-generated type info registered with <see cref="StateJson"/>, never by reflection.
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

    /// <summary>
    /// An accessor for one property of this state. Its JSON comes from a context registered with <see cref="StateJson"/>
    /// (looked up here, once, not on every read), so an unregistered type fails now rather than at the first save.
    /// </summary>
    public IStatePropertyAccessor<T> CreateProperty<T>(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentNullException(nameof(name), "A state property needs a name.");
        }

        return new BotStatePropertyAccessor<T>(this, name, StateJson.GetTypeInfo<T>());
    }

    /// <summary>The storage key this state lives under for the given turn.</summary>
    protected abstract string GetStorageKey(ITurnContext turnContext);

    /// <summary>The storage key of this state for <paramref name="turnContext"/> (what <see cref="GetStorageKey"/> gives).</summary>
    public string StorageKeyFor(ITurnContext turnContext) => GetStorageKey(turnContext);

    public async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!force && turnContext.TurnState.ContainsKey(_contextServiceKey))
        {
            return;
        }

        var key = GetStorageKey(turnContext);
        var items = await Storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        var cached = items.TryGetValue(key, out var item) && AsDocument(item) is { } document
            ? new CachedBotState(document.Json, document.ETag, document.Json)
            : new CachedBotState(null, StoreItem.NewItemETag, null);
        turnContext.TurnState[_contextServiceKey] = cached;
    }

    /// <summary>Writes the state back if it changed. A stale ETag throws <see cref="StorageConflictException"/>.</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<CachedBotState>(_contextServiceKey) is not { } cached)
        {
            return;
        }

        var json = cached.Serialize();
        if (!force && json == cached.OriginalJson)
        {
            return;
        }

        var item = new StoreItem(json, force ? StoreItem.AnyETag : cached.ETag);
        await Storage.WriteAsync(new Dictionary<string, object> { [GetStorageKey(turnContext)] = item }, cancellationToken).ConfigureAwait(false);
        cached.ETag = item.ETag;
        cached.OriginalJson = json;
    }

    /// <summary>Empties the state for this turn; the next save writes the empty document.</summary>
    public Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var previous = turnContext.TurnState.Get<CachedBotState>(_contextServiceKey);
        turnContext.TurnState[_contextServiceKey] = new CachedBotState(null, previous?.ETag ?? StoreItem.AnyETag, previous?.OriginalJson ?? "");
        return Task.CompletedTask;
    }

    /// <summary>Removes the state from the store and from this turn.</summary>
    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Remove(_contextServiceKey);
        await Storage.DeleteAsync([GetStorageKey(turnContext)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when this turn has loaded the state (used by the error handler to decide what to clear).</summary>
    public bool IsLoaded(ITurnContext turnContext) => turnContext.TurnState.ContainsKey(_contextServiceKey);

    /// <summary>This turn's cached state (null before it is loaded); the same instance until the state is loaded again.</summary>
    public CachedBotState? GetCachedState(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<CachedBotState>(_contextServiceKey);
    }

    /// <summary>The state of this turn as JSON (the SDK's Get), or null before it is loaded.</summary>
    public System.Text.Json.Nodes.JsonObject? Get(ITurnContext turnContext) =>
        GetCachedState(turnContext) is { } cached ? System.Text.Json.Nodes.JsonNode.Parse(cached.Serialize()) as System.Text.Json.Nodes.JsonObject : null;

    internal CachedBotState GetCached(ITurnContext turnContext) =>
        turnContext.TurnState.Get<CachedBotState>(_contextServiceKey)
        ?? throw new InvalidOperationException($"{GetType().Name} was not loaded for this turn.");

    /// <summary>A stored item as this state's document: what the stores give back, or a state another store kept as a dictionary.</summary>
    private static StoreItem? AsDocument(object item) => item switch
    {
        StoreItem document => document,
        IDictionary<string, object?> values => new StoreItem(DictionaryJson(values), (values as IStoreItem)?.ETag),
        _ => null,
    };

    private static string DictionaryJson(IDictionary<string, object?> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            StateValueJson.WriteObject(writer, values, StateJsonOptions.Instance);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// One turn's view of the state document. The stored JSON is split once into its top-level properties (raw UTF-8,
    /// in document order); a property is deserialised straight from its bytes on first use, and written back from
    /// its typed value, while untouched properties are copied back as they were. The text written is the same as a
    /// JsonObject of the document would give, without building one (that, and turning each value into a JsonNode
    /// and back, was most of a turn's allocations).
    /// </summary>
    public sealed class CachedBotState
    {
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? t_buffer;

        [ThreadStatic]
        private static Utf8JsonWriter? t_writer;

        private readonly byte[] _utf8;
        private readonly List<string> _order = [];
        private readonly Dictionary<string, (int Start, int Length)> _raw = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (object? Value, Action<Utf8JsonWriter, object?> Write)> _values = new(StringComparer.Ordinal);

        /// <summary>Reads the stored document; anything but a JSON object counts as empty, broken JSON throws <see cref="JsonException"/>.</summary>
        internal CachedBotState(string? json, string? eTag, string? originalJson)
        {
            ETag = eTag;
            OriginalJson = originalJson;
            _utf8 = string.IsNullOrEmpty(json) ? [] : Encoding.UTF8.GetBytes(json);
            if (_utf8.Length > 0)
            {
                Split();
            }
        }

        internal string? ETag { get; set; }
        internal string? OriginalJson { get; set; }

        private void Split()
        {
            var reader = new Utf8JsonReader(_utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                // Still read to the end: broken JSON throws, as parsing it would have.
                reader.Skip();
                while (reader.Read())
                {
                }

                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                if (_raw.TryAdd(name, (start, end - start)))
                {
                    _order.Add(name);
                }
                else
                {
                    _raw[name] = (start, end - start);
                }
            }

            // Trailing content after the object is an error, as it was for the parser.
            while (reader.Read())
            {
            }
        }

        internal bool TryGet<T>(string name, JsonTypeInfo<T> typeInfo, out T value)
        {
            if (_values.TryGetValue(name, out var v))
            {
                value = (T)v.Value!;
                return true;
            }

            if (_raw.TryGetValue(name, out var raw))
            {
                var bytes = _utf8.AsSpan(raw.Start, raw.Length);
                if (bytes.SequenceEqual("null"u8))
                {
                    value = default!;
                    return false;
                }

                // A document written by an older deploy may not fit the current type: treat it as absent.
                try
                {
                    value = JsonSerializer.Deserialize(bytes, typeInfo)!;
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

        internal void Set<T>(string name, T value, JsonTypeInfo<T> typeInfo)
        {
            if (!_raw.ContainsKey(name) && !_values.ContainsKey(name))
            {
                _order.Add(name);
            }

            _values[name] = (value, (writer, o) => JsonSerializer.Serialize(writer, (T)o!, typeInfo));
        }

        internal void Remove(string name)
        {
            var known = _values.Remove(name) | _raw.Remove(name);
            if (known)
            {
                _order.Remove(name);
            }
        }

        internal string Serialize()
        {
            // Serialize runs synchronously start to end, so one buffer and writer per thread serve every turn.
            var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
            buffer.ResetWrittenCount();
            var writer = t_writer ??= new Utf8JsonWriter(buffer);
            writer.Reset(buffer);
            try
            {
                writer.WriteStartObject();
                foreach (var name in _order)
                {
                    if (_values.TryGetValue(name, out var v))
                    {
                        writer.WritePropertyName(name);
                        v.Write(writer, v.Value);
                    }
                    else if (_raw.TryGetValue(name, out var raw))
                    {
                        writer.WritePropertyName(name);
                        writer.WriteRawValue(_utf8.AsSpan(raw.Start, raw.Length), skipInputValidation: true);
                    }
                }

                writer.WriteEndObject();
                writer.Flush();
                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            }
            finally
            {
                writer.Reset(Stream.Null);
                if (buffer.Capacity > 256 * 1024)
                {
                    // One huge document must not pin its buffer to the thread for good.
                    t_buffer = null;
                }
            }
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
public class ConversationState(IStorage storage) : BotState(storage, nameof(ConversationState))
{
    protected override string GetStorageKey(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var a = turnContext.Activity;
        var channelId = a.ChannelId ?? throw new ArgumentNullException(nameof(turnContext), "invalid activity-missing channelId");
        var conversationId = a.Conversation?.Id ?? throw new ArgumentNullException(nameof(turnContext), "invalid activity-missing Conversation.Id");
        return KeyFor(channelId, conversationId);
    }

    public static string KeyFor(string channelId, string conversationId) => $"{channelId}/conversations/{conversationId}";
}

/// <summary>State that follows one user across conversations on a channel.</summary>
public class UserState(IStorage storage) : BotState(storage, nameof(UserState))
{
    protected override string GetStorageKey(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var a = turnContext.Activity;
        var channelId = a.ChannelId ?? throw new ArgumentNullException(nameof(turnContext), "invalid activity-missing channelId");
        var userId = a.From?.Id ?? throw new ArgumentNullException(nameof(turnContext), "invalid activity-missing From.Id");
        return KeyFor(channelId, userId);
    }

    public static string KeyFor(string channelId, string userId) => $"{channelId}/users/{userId}";
}

/// <summary>State of one user within one conversation.</summary>
public class PrivateConversationState(IStorage storage) : BotState(storage, nameof(PrivateConversationState))
{
    protected override string GetStorageKey(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var a = turnContext.Activity;
        var channelId = a.ChannelId ?? throw new ArgumentNullException(nameof(turnContext), "invalid activity-missing channelId");
        var conversationId = a.Conversation?.Id ?? throw new ArgumentNullException(nameof(turnContext), "invalid activity-missing Conversation.Id");
        var userId = a.From?.Id ?? throw new ArgumentNullException(nameof(turnContext), "invalid activity-missing From.Id");
        return $"{channelId}/conversations/{conversationId}/users/{userId}";
    }
}
