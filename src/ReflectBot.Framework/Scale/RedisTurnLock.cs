using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Storage.Redis;

namespace ReflectBot.Framework.Scale;

/// <summary>
/// A turn lock shared by every instance: a Redis key per conversation holding a random token (SET NX PX),
/// renewed while the turn runs and deleted by compare-and-delete when it ends. An instance that dies holding it
/// blocks the conversation for at most one lease. Turns queued in this process take the local
/// <see cref="KeyedAsyncLock"/> first, so they keep their arrival order and only one of them polls Redis;
/// across instances, waiters poll with a short backoff (a turn is a few milliseconds to a few seconds, so
/// pub/sub would save little).
/// </summary>
public sealed class RedisTurnLock : ITurnLock
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMilliseconds(100);

    private readonly RedisConnection _connection;
    private readonly TurnLockOptions _options;
    private readonly KeyedAsyncLock _local = new();
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public RedisTurnLock(RedisConnection connection, TurnLockOptions? options = null, TimeProvider? clock = null, ILogger<RedisTurnLock>? logger = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options ?? new TurnLockOptions();
        if (_options.Lease < TimeSpan.FromMilliseconds(30) || _options.MaxWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The lease must be at least 30 ms and the wait must not be negative.");
        }

        _clock = clock ?? TimeProvider.System;
        _logger = logger ?? NullLogger<RedisTurnLock>.Instance;
    }

    public async Task<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        var started = _clock.GetTimestamp();
        var local = await InProcessTurnLock.AcquireLocalAsync(_local, conversationKey, _options.MaxWait, cancellationToken).ConfigureAwait(false);
        try
        {
            var key = _options.KeyPrefix + "turn:" + conversationKey;
            var token = NewToken();
            var backoff = FirstBackoff;
            while (true)
            {
                var lease = await RedisLease.TryTakeAsync(_connection, key, token, _options.Lease, _logger, "turn lock", cancellationToken).ConfigureAwait(false);
                if (lease is not null)
                {
                    return new Held(lease, local);
                }

                var left = _options.MaxWait - _clock.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    throw new TurnBusyException($"Another instance is still running a turn of this conversation after {_options.MaxWait.TotalSeconds:0.#} s.");
                }

                await Task.Delay(backoff < left ? backoff : left, _clock, cancellationToken).ConfigureAwait(false);
                backoff = backoff * 2 < LongestBackoff ? backoff * 2 : LongestBackoff;
            }
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    internal static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private sealed class Held(RedisLease lease, IDisposable local) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await lease.ReleaseAsync().ConfigureAwait(false);
            }
            finally
            {
                local.Dispose();
            }
        }
    }
}
