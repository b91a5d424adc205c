using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.State;
using StackExchange.Redis;

namespace ReflectBot.Framework.Storage.Redis;

/// <summary>
/// <see cref="IStorage"/> on Redis, so several bot instances share conversation and user state.
/// Each document is a hash <c>{json, etag}</c> under <see cref="RedisStorageOptions.KeyPrefix"/> + key.
/// A write batch runs as one Lua script that checks every ETag before writing anything, so the check and the
/// write cannot interleave with another instance's write and a batch is applied whole or not at all.
/// Inside a turn with a <see cref="TurnWriteBatch"/> (CloudAdapter begins one), writes are held until the turn
/// ends and then go out as one such script, so conversation and user state are saved together.
/// Retention is Redis's own expiry: every write resets the key's TTL to <see cref="RedisStorageOptions.TimeToLive"/>,
/// which is why this store has no <see cref="IStorageMaintenance"/> sweep.
/// </summary>
public sealed class RedisStorage : IStorage, IAsyncDisposable, IDisposable
{
    private const string JsonField = "json";
    private const string ETagField = "etag";
    private static readonly RedisValue[] DocumentFields = [JsonField, ETagField];

    // KEYS: the documents. ARGV[1]: TTL in ms ("0" = keep forever); then per document 3 values: condition, json, new ETag.
    // The condition is "*" (overwrite), "!new" (only if absent) or the ETag that must be stored now.
    // Returns 0 when everything was written, else the 1-based index of the first document whose condition failed.
    private const string ConditionalWriteScript = """
        local ttl = tonumber(ARGV[1])
        for i, key in ipairs(KEYS) do
          local condition = ARGV[2 + (i - 1) * 3]
          if condition ~= '*' then
            local current = redis.call('HGET', key, 'etag')
            if condition == '!new' then
              if current then return i end
            elseif current ~= condition then
              return i
            end
          end
        end
        for i, key in ipairs(KEYS) do
          local base = 2 + (i - 1) * 3
          redis.call('HSET', key, 'json', ARGV[base + 1], 'etag', ARGV[base + 2])
          if ttl > 0 then
            redis.call('PEXPIRE', key, ttl)
          else
            redis.call('PERSIST', key)
          end
        end
        return 0
        """;

    private readonly ConfigurationOptions _configuration;
    private readonly string _keyPrefix;
    private readonly RedisValue _ttlMilliseconds;
    private readonly string _endpoints;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private volatile ConnectionMultiplexer? _connection;
    private bool _disposed;

    public RedisStorage(RedisStorageOptions options, ILogger<RedisStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Parse now so a malformed connection string fails at start-up, not on the first user's turn.
        _configuration = ConfigurationOptions.Parse(options.ConnectionString);
        // Keep retrying in the background instead of failing for good when Redis is down at start-up.
        _configuration.AbortOnConnectFail = false;
        var timeout = (int)Math.Ceiling(options.OperationTimeout.TotalMilliseconds);
        _configuration.ConnectTimeout = timeout;
        _configuration.SyncTimeout = timeout;
        _configuration.AsyncTimeout = timeout;
        // Reconnect soon after Redis comes back; the default backoff can leave a recovered store unused for many seconds.
        _configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);

        _keyPrefix = options.KeyPrefix;
        _ttlMilliseconds = options.TimeToLive is { } ttl
            ? (long)Math.Ceiling(ttl.TotalMilliseconds)
            : 0;
        _endpoints = string.Join(",", _configuration.EndPoints.Select(e => e.ToString()));
        _logger = logger ?? NullLogger<RedisStorage>.Instance;
    }

    public Task<IDictionary<string, StoreItem>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return Task.FromResult<IDictionary<string, StoreItem>>(new Dictionary<string, StoreItem>(StringComparer.Ordinal));
        }

        return TurnWriteBatch.Current is { } batch ? ReadWithPendingAsync(batch, keys, cancellationToken) : RunAsync("read", keys, ReadCoreAsync, cancellationToken);
    }

    private async Task<IDictionary<string, StoreItem>> ReadWithPendingAsync(TurnWriteBatch batch, string[] keys, CancellationToken cancellationToken)
    {
        var read = await RunAsync("read", keys, ReadCoreAsync, cancellationToken).ConfigureAwait(false);
        batch.Overlay(this, keys, read);
        return read;
    }

    public Task WriteAsync(IDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Inside a turn the write waits for the turn's end, to go out with the turn's other writes in one script.
        if (TurnWriteBatch.Current is { } batch && batch.TryDefer(this, changes, WriteNowAsync))
        {
            return Task.CompletedTask;
        }

        return WriteNowAsync(changes, cancellationToken);
    }

    private Task WriteNowAsync(IDictionary<string, StoreItem> changes, CancellationToken cancellationToken) =>
        RunAsync("write", changes, WriteCoreAsync, cancellationToken);

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return Task.CompletedTask;
        }

        TurnWriteBatch.Current?.Forget(this, keys);
        return RunAsync("delete", keys, DeleteCoreAsync, cancellationToken);
    }

    private async Task<IDictionary<string, StoreItem>> ReadCoreAsync(IDatabase db, string[] keys)
    {
        // One round trip for all keys: the batch sends every HMGET together.
        var batch = db.CreateBatch();
        var pending = new Task<RedisValue[]>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            pending[i] = batch.HashGetAsync(ToRedisKey(keys[i]), DocumentFields);
        }

        batch.Execute();
        await Task.WhenAll(pending).ConfigureAwait(false);

        var result = new Dictionary<string, StoreItem>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            var fields = pending[i].Result;
            if (!fields[0].IsNull && !fields[1].IsNull)
            {
                result[keys[i]] = new StoreItem(fields[0]!, fields[1]!);
            }
        }

        return result;
    }

    private async Task<bool> WriteCoreAsync(IDatabase db, IDictionary<string, StoreItem> changes)
    {
        var originalKeys = new string[changes.Count];
        var redisKeys = new RedisKey[changes.Count];
        var newETags = new string[changes.Count];
        var values = new RedisValue[1 + (3 * changes.Count)];
        values[0] = _ttlMilliseconds;

        var i = 0;
        foreach (var (key, item) in changes)
        {
            ArgumentNullException.ThrowIfNull(item, $"changes[{key}]");
            originalKeys[i] = key;
            redisKeys[i] = ToRedisKey(key);
            newETags[i] = NewETag();
            values[1 + (3 * i)] = item.IsUnconditional ? StoreItem.AnyETag : item.ETag;
            values[2 + (3 * i)] = item.Json;
            values[3 + (3 * i)] = newETags[i];
            i++;
        }

        // The library sends the script text once, then only its SHA1 (EVALSHA), and re-sends the text by itself when
        // the server answers NOSCRIPT (e.g. after a Redis restart emptied the script cache).
        var outcome = (long)await db.ScriptEvaluateAsync(ConditionalWriteScript, redisKeys, values).ConfigureAwait(false);
        if (outcome != 0)
        {
            throw new StorageConflictException(originalKeys[outcome - 1]);
        }

        i = 0;
        foreach (var item in changes.Values)
        {
            item.ETag = newETags[i++];
        }

        return true;
    }

    private async Task<bool> DeleteCoreAsync(IDatabase db, string[] keys)
    {
        var redisKeys = new RedisKey[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            redisKeys[i] = ToRedisKey(keys[i]);
        }

        await db.KeyDeleteAsync(redisKeys).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Runs one operation and turns Redis being unreachable or not serving into <see cref="StorageUnavailableException"/>.
    /// Cancellation stops the wait, not necessarily the command: a cancelled write may still have been applied.
    /// </summary>
    private async Task<TResult> RunAsync<TArg, TResult>(
        string operation, TArg argument, Func<IDatabase, TArg, Task<TResult>> action, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var connection = await GetConnectionAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return await action(connection.GetDatabase(), argument).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            // The caller logs this and answers 503; the connection events below already log the outage itself.
            throw new StorageUnavailableException($"Redis storage at {_endpoints} is unavailable ({operation}): {Reason(ex)}", ex);
        }
    }

    private async Task<ConnectionMultiplexer> GetConnectionAsync()
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _connectGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_connection is { } raced)
            {
                return raced;
            }

            // With AbortOnConnectFail off this returns even when Redis is down; the multiplexer then keeps
            // reconnecting by itself, which is what lets the store recover without being recreated.
            var connection = await ConnectionMultiplexer.ConnectAsync(_configuration).ConfigureAwait(false);
            connection.ConnectionFailed += (_, e) =>
                _logger.LogWarning("Redis connection to {EndPoint} lost: {FailureType}", e.EndPoint, e.FailureType);
            connection.ConnectionRestored += (_, e) =>
                _logger.LogInformation("Redis connection to {EndPoint} restored", e.EndPoint);
            _connection = connection;
            return connection;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private static bool IsUnavailable(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException or SocketException or IOException => true,
        // The server is up but cannot serve data right now (loading, a read-only replica, failing over, a busy script,
        // failing to persist). Script and argument errors stay as they are: those are bugs, not outages.
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
            || server.Message.StartsWith("BUSY", StringComparison.Ordinal)
            || server.Message.StartsWith("MISCONF", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// A short reason for the one-line message. The library's own messages run long and name the document keys
    /// (conversation and user ids), so they stay in the inner exception only.
    /// </summary>
    private string Reason(Exception ex) => ex switch
    {
        RedisConnectionException connection => $"connection {connection.FailureType}",
        RedisTimeoutException => $"no answer within {_configuration.AsyncTimeout} ms",
        RedisServerException server => $"server replied {server.Message.Split(' ', 2)[0]}",
        _ => ex.GetType().Name,
    };

    private RedisKey ToRedisKey(string key) => _keyPrefix + key;

    private static string NewETag()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connectGate.Dispose();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _connection?.Dispose();
        _connectGate.Dispose();
    }
}
