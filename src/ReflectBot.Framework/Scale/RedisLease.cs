using Microsoft.Extensions.Logging;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage.Redis;
using StackExchange.Redis;

namespace ReflectBot.Framework.Scale;

/// <summary>
/// A Redis key this process owns because it holds a random value there (set with SET NX PX). While held, its
/// expiry is pushed forward every third of the lease, so a long turn keeps it and a crashed instance loses it
/// within one lease. Every change checks the value first (Lua), so a lease that expired and was taken by someone
/// else is never renewed, replaced or deleted by its former owner.
/// </summary>
internal sealed class RedisLease : IAsyncDisposable
{
    // KEYS[1] the key; ARGV[1] the value we hold; ARGV[2] new expiry in ms.
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    // KEYS[1] the key; ARGV[1] the value we hold.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    // KEYS[1] the key; ARGV[1] the value we hold; ARGV[2] the value to put in its place; ARGV[3] its expiry in ms.
    // Also when the key is gone (our lease ran out and nobody took it): the work is done, so record it.
    private const string ReplaceScript = """
        local current = redis.call('GET', KEYS[1])
        if current == ARGV[1] or not current then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return 1
        end
        return 0
        """;

    private readonly RedisConnection _connection;
    private readonly RedisKey _key;
    private readonly RedisValue _value;
    private readonly TimeSpan _lease;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private int _ended;

    private RedisLease(RedisConnection connection, RedisKey key, RedisValue value, TimeSpan lease, ILogger logger)
    {
        _connection = connection;
        _key = key;
        _value = value;
        _lease = lease;
        _logger = logger;
        _renewing = RenewLoopAsync();
    }

    /// <summary>False once a renewal found the key gone or someone else's: the protection it gave has ended.</summary>
    public bool Held { get; private set; } = true;

    /// <summary>SET NX PX; a lease when the key was free, else null.</summary>
    public static async Task<RedisLease?> TryTakeAsync(
        RedisConnection connection, RedisKey key, string value, TimeSpan lease, ILogger logger, string operation, CancellationToken ct)
    {
        var taken = await connection.RunAsync(operation, db => db.StringSetAsync(key, value, lease, When.NotExists), ct).ConfigureAwait(false);
        return taken ? new RedisLease(connection, key, value, lease, logger) : null;
    }

    /// <summary>Ends the lease and deletes the key if it is still ours.</summary>
    public async Task ReleaseAsync()
    {
        if (!await StopAsync().ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await _connection.RunAsync("release", db => db.ScriptEvaluateAsync(ReleaseScript, [_key], [_value])).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex)
        {
            // Nothing is lost: the key expires by itself within one lease.
            _logger.LogWarning("Could not release {Key} ({Reason}); it expires within {Lease}.", (string?)_key, ex.Message, _lease);
        }
    }

    /// <summary>Ends the lease by putting <paramref name="newValue"/> in its place (if still ours or free), expiring after <paramref name="ttl"/>.</summary>
    public async Task<bool> ReplaceAsync(string newValue, TimeSpan ttl, CancellationToken ct)
    {
        if (!await StopAsync().ConfigureAwait(false))
        {
            return false;
        }

        var ms = (long)Math.Ceiling(ttl.TotalMilliseconds);
        var replaced = await _connection.RunAsync("complete", db => db.ScriptEvaluateAsync(ReplaceScript, [_key], [_value, newValue, ms]), ct).ConfigureAwait(false);
        return (long)replaced == 1;
    }

    private async Task<bool> StopAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return false;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _renewing.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        return true;
    }

    private async Task RenewLoopAsync()
    {
        var period = _lease / 3;
        var ms = (long)Math.Ceiling(_lease.TotalMilliseconds);
        while (true)
        {
            await Task.Delay(period, _stop.Token).ConfigureAwait(false);
            try
            {
                var renewed = await _connection.RunAsync("renew", db => db.ScriptEvaluateAsync(RenewScript, [_key], [_value, ms]), _stop.Token).ConfigureAwait(false);
                if ((long)renewed == 0)
                {
                    Held = false;
                    _logger.LogWarning("Lease on {Key} was lost before the work finished (it expired while Redis was unreachable or slow).", (string?)_key);
                    return;
                }
            }
            catch (StorageUnavailableException ex)
            {
                // Keep trying: if Redis answers again before the lease runs out, nothing happened.
                _logger.LogWarning("Could not renew {Key}: {Reason}", (string?)_key, ex.Message);
            }
            catch (ObjectDisposedException)
            {
                // The host is shutting down with the turn still running; the key expires by itself.
                Held = false;
                return;
            }
        }
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync());
}
