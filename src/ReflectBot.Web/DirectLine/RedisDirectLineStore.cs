using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage.Redis;
using StackExchange.Redis;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// Direct Line bookkeeping shared by every instance through Redis, so a conversation started on one instance can
/// be posted to, polled and streamed on any other. Per conversation (the id in braces is a hash tag, so all of a
/// conversation's keys sit in one cluster slot and its scripts may touch them together):
/// <list type="bullet">
/// <item><c>{prefix}dl:{id}:conversation</c>: hash <c>user</c>, <c>locale</c>, <c>seq</c> (the last sequence number);</item>
/// <item><c>{prefix}dl:{id}:activities</c>: list of the last <see cref="DirectLineOptions.MaxBacklog"/> activities as JSON, oldest first;</item>
/// <item><c>{prefix}dl:{id}:appended</c>: pub/sub channel, one message (the new last sequence) per append.</item>
/// <item><c>{prefix}dl:{id}:clients</c> and <c>{prefix}dl:{id}:client-order</c>: the client keys of the last
/// <see cref="DirectLineOptions.MaxBacklog"/> user posts and their sequence numbers, so a retried post is not appended twice.</item>
/// </list>
/// And for all conversations, <c>{prefix}dl:open</c>: a sorted set of conversation ids scored by when they go idle
/// (Redis's own clock), which caps how many are open at once (<see cref="DirectLineOptions.MaxConversations"/>) over all
/// instances. It is a key of its own (its own cluster slot), so it is checked before a conversation is created and
/// refreshed after each append and with the streamed conversations' expiry.
/// Numbering, appending, trimming and publishing run as one Lua script, so no reader sees a number before its
/// activity. Every access restarts both keys' expiry (<see cref="DirectLineOptions.ConversationIdleTimeout"/>), and
/// conversations with an open subscription here are refreshed in the background: Redis forgets idle ones by itself.
/// Outages surface as <see cref="StorageUnavailableException"/> from the shared <see cref="RedisConnection"/>.
/// </summary>
public sealed class RedisDirectLineStore : IDirectLineStore, IAsyncDisposable
{
    // KEYS: conversation, activities. ARGV: TTL ms, user, has locale ("1"/"0"), locale. Returns 1 when created, 0 when it existed.
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[1], 'user', ARGV[2], 'seq', 0)
        if ARGV[3] == '1' then redis.call('HSET', KEYS[1], 'locale', ARGV[4]) end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """;

    // KEYS: open set. ARGV: conversation id, TTL ms, cap. Forgets idle entries, then lists the conversation unless the cap is
    // reached (one listed already keeps its place). Returns 1 when it may be created, 0 at the cap.
    private const string AdmitScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
        return 1
        """;

    // KEYS: open set. ARGV: TTL ms, conversation ids. Moves their idle time forward.
    private const string TouchOpenScript = """
        local t = redis.call('TIME')
        local idle = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
        for i = 2, #ARGV do redis.call('ZADD', KEYS[1], idle, ARGV[i]) end
        return #ARGV - 1
        """;

    // KEYS: conversation, activities. ARGV: TTL ms. Returns {user, locale or nil}, or nil when the conversation does not exist.
    private const string GetScript = """
        local fields = redis.call('HMGET', KEYS[1], 'user', 'locale')
        if not fields[1] then return false end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        return fields
        """;

    // KEYS: conversation, activities, clients, client order. ARGV: TTL ms, max backlog, channel, client key ("" for none),
    // then per activity its JSON before and after the sequence digits of its id. Returns nil when the conversation does
    // not exist; {sequence, 0, stored JSON or nil} when the client key was appended before (nothing is appended again);
    // else {first new sequence, 1}.
    private const string AppendScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        local key = ARGV[4]
        if key ~= '' then
          local known = redis.call('HGET', KEYS[3], key)
          if known then
            local index = redis.call('LLEN', KEYS[2]) - 1 - (tonumber(redis.call('HGET', KEYS[1], 'seq')) - tonumber(known))
            local stored = false
            if index >= 0 then stored = redis.call('LINDEX', KEYS[2], index) end
            return {tonumber(known), 0, stored}
          end
        end
        local count = (#ARGV - 4) / 2
        local last = redis.call('HINCRBY', KEYS[1], 'seq', count)
        local first = last - count + 1
        for i = 0, count - 1 do
          redis.call('RPUSH', KEYS[2], ARGV[5 + 2 * i] .. string.format('%07d', first + i) .. ARGV[6 + 2 * i])
        end
        local max = tonumber(ARGV[2])
        if max > 0 then redis.call('LTRIM', KEYS[2], -max, -1) else redis.call('DEL', KEYS[2]) end
        if key ~= '' then
          redis.call('HSET', KEYS[3], key, first)
          redis.call('RPUSH', KEYS[4], key)
          while redis.call('LLEN', KEYS[4]) > math.max(max, 1) do redis.call('HDEL', KEYS[3], redis.call('LPOP', KEYS[4])) end
          redis.call('PEXPIRE', KEYS[3], ARGV[1])
          redis.call('PEXPIRE', KEYS[4], ARGV[1])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        if count > 0 then redis.call('PUBLISH', ARGV[3], last) end
        return {first, 1}
        """;

    // KEYS: conversation, activities. ARGV: TTL ms, watermark. Returns {last sequence, JSON after the watermark...}, or nil.
    // The list holds the newest activities, the last one numbered `seq`, so those after the watermark are its last seq - watermark.
    private const string ReadScript = """
        local seq = redis.call('HGET', KEYS[1], 'seq')
        if not seq then return false end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        local newer = tonumber(seq) - tonumber(ARGV[2])
        local page = {}
        if newer > 0 then page = redis.call('LRANGE', KEYS[2], -newer, -1) end
        table.insert(page, 1, seq)
        return page
        """;

    /// <summary>After Redis comes back, readers are woken once more this much later, in case the re-subscription lagged the first wake.</summary>
    private static readonly TimeSpan SecondCatchUpDelay = TimeSpan.FromSeconds(1);

    private readonly RedisConnection _connection;
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _keyPrefix;
    private readonly RedisValue _ttlMilliseconds;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Listeners> _listeners = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private IConnectionMultiplexer? _watched;
    private Task? _refreshing;
    private bool _disposed;

    public RedisDirectLineStore(
        RedisConnection connection,
        IOptions<DirectLineOptions> options,
        TimeProvider clock,
        ILogger<RedisDirectLineStore> logger,
        string keyPrefix = RedisStorageOptions.DefaultKeyPrefix)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options.Value;
        if (_options.ConversationIdleTimeout < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ConversationIdleTimeout, "DirectLine:ConversationIdleTimeout must be at least 100 ms.");
        }

        _clock = clock;
        _logger = logger;
        _keyPrefix = keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix));
        _ttlMilliseconds = (long)Math.Ceiling(_options.ConversationIdleTimeout.TotalMilliseconds);
    }

    public async Task<ConversationCreation> TryCreateConversationAsync(DirectLineConversation conversation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var admitted = await _connection.RunAsync(
            "count open Direct Line conversations",
            db => db.ScriptEvaluateAsync(AdmitScript, [OpenKey], [conversation.Id, _ttlMilliseconds, _options.MaxConversations]),
            ct).ConfigureAwait(false);
        if ((long)admitted == 0)
        {
            return await GetConversationAsync(conversation.Id, ct).ConfigureAwait(false) is null ? ConversationCreation.AtCapacity : ConversationCreation.Exists;
        }

        var created = await _connection.RunAsync(
            "start a Direct Line conversation",
            db => db.ScriptEvaluateAsync(CreateScript, Keys(conversation.Id), [_ttlMilliseconds, conversation.UserId, conversation.Locale is null ? "0" : "1", conversation.Locale ?? ""]),
            ct).ConfigureAwait(false);
        return (long)created == 1 ? ConversationCreation.Created : ConversationCreation.Exists;
    }

    public async Task<DirectLineConversation?> GetConversationAsync(string conversationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var found = await _connection.RunAsync(
            "find a Direct Line conversation",
            db => db.ScriptEvaluateAsync(GetScript, Keys(conversationId), [_ttlMilliseconds]),
            ct).ConfigureAwait(false);
        if (found.IsNull)
        {
            return null;
        }

        var fields = (RedisResult[])found!;
        return new DirectLineConversation(conversationId, (string)fields[0]!, fields[1].IsNull ? null : (string?)fields[1]);
    }

    public async Task<IReadOnlyList<string>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(activities);
        var (first, _, _) = await AppendAsync(conversationId, activities, clientKey: "", ct).ConfigureAwait(false);
        var ids = new string[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            ids[i] = InMemoryDirectLineStore.FormatId(conversationId, first + i);
        }

        return ids;
    }

    public async Task<DirectLinePost> AppendOnceAsync(string conversationId, Activity activity, string clientKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(clientKey);
        var (sequence, appended, stored) = await AppendAsync(conversationId, [activity], clientKey, ct).ConfigureAwait(false);
        return new DirectLinePost(InMemoryDirectLineStore.FormatId(conversationId, sequence), appended, stored);
    }

    /// <summary>One run of <see cref="AppendScript"/>: the first sequence (or the known one), whether it appended, and the stored JSON of a known one.</summary>
    private async Task<(long Sequence, bool Appended, string? Stored)> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, string clientKey, CancellationToken ct)
    {
        // The sequence is only known inside the script, but the id is part of the stored JSON: each activity is
        // serialized with a random marker where the digits go, and the script puts the number between the halves.
        var marker = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var previousIds = new string?[activities.Count];
        var values = new RedisValue[4 + (2 * activities.Count)];
        values[0] = _ttlMilliseconds;
        values[1] = _options.MaxBacklog;
        values[2] = ChannelName(conversationId);
        values[3] = clientKey;
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            previousIds[i] = activity.Id;
            activity.Id = conversationId + "|" + marker;
            var json = JsonSerializer.Serialize(activity, SchemaJson.Default.Activity);
            var at = json.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException("The activity's id did not appear in its JSON.");
            }

            values[4 + (2 * i)] = json[..at];
            values[5 + (2 * i)] = json[(at + marker.Length)..];
        }

        RedisResult result;
        try
        {
            result = await _connection.RunAsync(
                "append to a Direct Line conversation",
                db => db.ScriptEvaluateAsync(AppendScript, [.. Keys(conversationId), .. ClientKeys(conversationId)], values),
                ct).ConfigureAwait(false);
        }
        catch
        {
            RestoreIds(activities, previousIds);
            throw;
        }

        if (result.IsNull)
        {
            RestoreIds(activities, previousIds);
            throw new KeyNotFoundException("The Direct Line conversation does not exist.");
        }

        var items = (RedisResult[])result!;
        var sequence = (long)items[0];
        if ((long)items[1] == 0)
        {
            RestoreIds(activities, previousIds);
            return (sequence, false, items.Length > 2 && !items[2].IsNull ? (string?)items[2] : null);
        }

        // The conversation is in use: push its place in the open set forward (no need to wait for it).
        await _connection.RunAsync(
            "refresh an open Direct Line conversation",
            db => db.ScriptEvaluateAsync(TouchOpenScript, [OpenKey], [_ttlMilliseconds, conversationId], CommandFlags.FireAndForget),
            ct).ConfigureAwait(false);
        for (var i = 0; i < activities.Count; i++)
        {
            activities[i].Id = InMemoryDirectLineStore.FormatId(conversationId, sequence + i);
        }

        return (sequence, true, null);
    }

    public async Task<DirectLineActivityPage?> ReadAsync(string conversationId, long watermark, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var read = await _connection.RunAsync(
            "read a Direct Line conversation",
            db => db.ScriptEvaluateAsync(ReadScript, Keys(conversationId), [_ttlMilliseconds, watermark]),
            ct).ConfigureAwait(false);
        if (read.IsNull)
        {
            return null;
        }

        var items = (RedisResult[])read!;
        var page = new string[items.Length - 1];
        for (var i = 1; i < items.Length; i++)
        {
            page[i - 1] = (string)items[i]!;
        }

        return new DirectLineActivityPage(page, long.Parse((string)items[0]!, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Listens on the conversation's channel (one Redis subscription per conversation per instance, however many
    /// sockets share it). The subscription takes effect a moment later; the callback then fires once, so a reader
    /// that read before it took effect reads again and misses nothing. It also fires when the connection to Redis
    /// comes back, because notices published meanwhile are lost: readers catch up from their watermark.
    /// </summary>
    public IDisposable Subscribe(string conversationId, Action onAppended)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(onAppended);
        ObjectDisposedException.ThrowIf(_disposed, this);
        Listeners listeners;
        lock (_gate)
        {
            if (!_listeners.TryGetValue(conversationId, out listeners!))
            {
                listeners = new Listeners(conversationId, RedisChannel.Literal(ChannelName(conversationId)), this);
                _listeners.Add(conversationId, listeners);
            }

            listeners.Callbacks = [.. listeners.Callbacks, onAppended];
            if (listeners.Callbacks.Length == 1)
            {
                QueueReconcile(listeners);
            }

            _refreshing ??= Task.Run(KeepSubscribedConversationsAliveAsync);
        }

        return new Subscription(this, listeners, onAppended);
    }

    /// <summary>How many conversations this instance holds a Redis subscription for (tests check that sockets let go).</summary>
    public int SubscribedConversationCount
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    private RedisKey[] Keys(string conversationId) =>
        [$"{_keyPrefix}dl:{{{conversationId}}}:conversation", $"{_keyPrefix}dl:{{{conversationId}}}:activities"];

    private RedisKey[] ClientKeys(string conversationId) =>
        [$"{_keyPrefix}dl:{{{conversationId}}}:clients", $"{_keyPrefix}dl:{{{conversationId}}}:client-order"];

    private string ChannelName(string conversationId) => $"{_keyPrefix}dl:{{{conversationId}}}:appended";

    private RedisKey OpenKey => $"{_keyPrefix}dl:open";

    private static void RestoreIds(IReadOnlyList<Activity> activities, string?[] previousIds)
    {
        for (var i = 0; i < activities.Count; i++)
        {
            activities[i].Id = previousIds[i];
        }
    }

    /// <summary>
    /// Subscribing and unsubscribing a channel run one after another per conversation (a socket closing while another
    /// opens must not leave the channel unsubscribed). Each step does whatever the current listeners need. Under _gate.
    /// </summary>
    private void QueueReconcile(Listeners listeners)
    {
        listeners.Pending++;
        listeners.Chain = listeners.Chain.ContinueWith(_ => ReconcileAsync(listeners), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    private async Task ReconcileAsync(Listeners listeners)
    {
        try
        {
            bool wanted;
            lock (_gate)
            {
                wanted = listeners.Callbacks.Length > 0;
            }

            if (wanted && !listeners.Subscribed && !_disposed)
            {
                var subscriber = (await WatchedMultiplexerAsync().ConfigureAwait(false)).GetSubscriber();
                try
                {
                    await subscriber.SubscribeAsync(listeners.Channel, listeners.Handler).ConfigureAwait(false);
                    listeners.Subscribed = true;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or IOException)
                {
                    // The library may keep it for its own reconnect; drop that, so the retry after the restore is the only one.
                    subscriber.Unsubscribe(listeners.Channel, listeners.Handler, CommandFlags.FireAndForget);
                    _logger.LogDebug("Direct Line could not subscribe to conversation {ConversationId} yet ({ExceptionType}); it will when Redis is back.", listeners.ConversationId, ex.GetType().Name);
                }

                // Whatever was appended before the subscription took effect: readers read again from their watermark.
                listeners.Notify();
            }
            else if (!wanted && listeners.Subscribed)
            {
                listeners.Subscribed = false;
                var subscriber = (await _connection.GetMultiplexerAsync().ConfigureAwait(false)).GetSubscriber();
                try
                {
                    await subscriber.UnsubscribeAsync(listeners.Channel, listeners.Handler).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or IOException)
                {
                    // The library has forgotten the handler already; the server drops the channel with the connection.
                    _logger.LogDebug("Direct Line could not unsubscribe from conversation {ConversationId} ({ExceptionType}).", listeners.ConversationId, ex.GetType().Name);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the connection goes, and its subscriptions with it.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning("Direct Line's subscription to conversation {ConversationId} failed with {ExceptionType}.", listeners.ConversationId, ex.GetType().FullName);
        }
        finally
        {
            lock (_gate)
            {
                listeners.Pending--;
                if (listeners.Pending == 0 && listeners.Callbacks.Length == 0 && !listeners.Subscribed
                    && _listeners.TryGetValue(listeners.ConversationId, out var current) && ReferenceEquals(current, listeners))
                {
                    _listeners.Remove(listeners.ConversationId);
                }
            }
        }
    }

    private async Task<IConnectionMultiplexer> WatchedMultiplexerAsync()
    {
        var multiplexer = await _connection.GetMultiplexerAsync().ConfigureAwait(false);
        lock (_gate)
        {
            if (_watched is null)
            {
                _watched = multiplexer;
                multiplexer.ConnectionRestored += OnConnectionRestored;
            }
        }

        return multiplexer;
    }

    /// <summary>
    /// Notices published while this instance was cut off are gone: every reader here reads again from its watermark
    /// (now, and once more shortly after, since re-subscribing runs alongside this event), and channels that could
    /// not be subscribed are subscribed now.
    /// </summary>
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        List<Listeners> all;
        lock (_gate)
        {
            all = [.. _listeners.Values];
            foreach (var listeners in all)
            {
                if (listeners.Callbacks.Length > 0 && !listeners.Subscribed)
                {
                    QueueReconcile(listeners);
                }
            }
        }

        if (all.Count == 0)
        {
            return;
        }

        _logger.LogInformation("Direct Line: Redis ({ConnectionType}) is back; {Count} conversation(s) with open streams here catch up from their watermark.", e.ConnectionType, all.Count);
        foreach (var listeners in all)
        {
            listeners.Notify();
        }

        _ = NotifyLaterAsync(all);
    }

    private async Task NotifyLaterAsync(List<Listeners> all)
    {
        try
        {
            await Task.Delay(SecondCatchUpDelay, _clock, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        foreach (var listeners in all)
        {
            listeners.Notify();
        }
    }

    /// <summary>
    /// An open stream keeps its conversation alive (as in memory): every quarter of the idle timeout, the expiry of
    /// each conversation subscribed here is restarted, in one pipelined batch.
    /// </summary>
    private async Task KeepSubscribedConversationsAliveAsync()
    {
        using var timer = new PeriodicTimer(_options.ConversationIdleTimeout / 4, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                string[] ids;
                lock (_gate)
                {
                    ids = [.. _listeners.Values.Where(l => l.Callbacks.Length > 0).Select(l => l.ConversationId)];
                }

                if (ids.Length == 0)
                {
                    continue;
                }

                try
                {
                    await _connection.RunAsync("keep streamed Direct Line conversations alive", async db =>
                    {
                        var batch = db.CreateBatch();
                        var pending = new List<Task<bool>>(ids.Length * 2);
                        foreach (var id in ids)
                        {
                            foreach (var key in Keys(id))
                            {
                                pending.Add(batch.KeyExpireAsync(key, _options.ConversationIdleTimeout));
                            }
                        }

                        var touched = batch.ScriptEvaluateAsync(TouchOpenScript, [OpenKey], [_ttlMilliseconds, .. ids.Select(id => (RedisValue)id)]);
                        batch.Execute();
                        await touched.ConfigureAwait(false);
                        return await Task.WhenAll(pending).ConfigureAwait(false);
                    }, _stopping.Token).ConfigureAwait(false);
                }
                catch (StorageUnavailableException ex)
                {
                    _logger.LogDebug("Direct Line could not refresh open conversations: {Reason}", ex.Message);
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
                {
                    // Try again next tick; a conversation missed once still has three quarters of its timeout left.
                    _logger.LogWarning("Direct Line could not refresh open conversations: {ExceptionType}", ex.GetType().FullName);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? refreshing;
        IConnectionMultiplexer? watched;
        List<Listeners> subscribed;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            refreshing = _refreshing;
            watched = _watched;
            subscribed = [.. _listeners.Values.Where(l => l.Subscribed)];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (refreshing is not null)
        {
            await refreshing.ConfigureAwait(false);
        }

        if (watched is not null)
        {
            watched.ConnectionRestored -= OnConnectionRestored;
            var subscriber = watched.GetSubscriber();
            foreach (var listeners in subscribed)
            {
                subscriber.Unsubscribe(listeners.Channel, listeners.Handler, CommandFlags.FireAndForget);
            }
        }

        _stopping.Dispose();
    }

    /// <summary>This instance's listeners of one conversation; Callbacks is replaced, never changed, so notices read it without the lock.</summary>
    private sealed class Listeners
    {
        private readonly RedisDirectLineStore _store;

        public Listeners(string conversationId, RedisChannel channel, RedisDirectLineStore store)
        {
            ConversationId = conversationId;
            Channel = channel;
            _store = store;
            Handler = (_, _) => Notify();
        }

        public string ConversationId { get; }

        public RedisChannel Channel { get; }

        /// <summary>One delegate per conversation, so unsubscribing removes exactly this one.</summary>
        public Action<RedisChannel, RedisValue> Handler { get; }

        public volatile Action[] Callbacks = [];

        public volatile bool Subscribed;

        public int Pending;

        public Task Chain = Task.CompletedTask;

        public void Notify()
        {
            foreach (var callback in Callbacks)
            {
                try
                {
                    callback();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _store._logger.LogWarning("A Direct Line subscriber of conversation {ConversationId} failed with {ExceptionType}.", ConversationId, ex.GetType().FullName);
                }
            }
        }
    }

    private sealed class Subscription(RedisDirectLineStore store, Listeners listeners, Action callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            lock (store._gate)
            {
                var callbacks = listeners.Callbacks;
                var at = Array.IndexOf(callbacks, callback);
                if (at >= 0)
                {
                    listeners.Callbacks = [.. callbacks[..at], .. callbacks[(at + 1)..]];
                }

                if (listeners.Callbacks.Length == 0 && !store._disposed)
                {
                    store.QueueReconcile(listeners);
                }
            }
        }
    }
}
