using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
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
public sealed class RedisStorage : DocumentStorage, IAsyncDisposable, IDisposable
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

    private readonly RedisConnection _redis;
    private readonly string _keyPrefix;
    private readonly RedisValue _ttlMilliseconds;
    private bool _disposed;

    public RedisStorage(RedisStorageOptions options, ILogger<RedisStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Its own connection, queueing commands through a short blip rather than failing them at once, unlike the
        // scale-out helpers' fail-fast one; outage handling is shared with them.
        _redis = new RedisConnection(options.ConnectionString, options.OperationTimeout, logger, "Redis storage",
            maxReconnectBackoffMs: 5000, failFastWhileDisconnected: false);
        _keyPrefix = options.KeyPrefix;
        _ttlMilliseconds = options.TimeToLive is { } ttl
            ? (long)Math.Ceiling(ttl.TotalMilliseconds)
            : 0;
    }

    protected override Task<IDictionary<string, StoreItem>> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken)
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

    protected override Task WriteDocumentsAsync(IDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
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

    public override Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
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
            values[1 + (3 * i)] = item.Condition;
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
    private Task<TResult> RunAsync<TArg, TResult>(
        string operation, TArg argument, Func<IDatabase, TArg, Task<TResult>> action, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _redis.RunAsync(operation, db => action(db, argument), cancellationToken);
    }

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
        await _redis.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _redis.Dispose();
    }
}
