using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Framework.Storage.Redis;
using StackExchange.Redis;

namespace ReflectBot.Framework.Scale;

/// <summary>
/// Deduplication across instances. Per activity, one Redis key: <c>p:{token}</c> while the first arrival runs
/// it (SET NX with a short lease, renewed while it runs, so a crashed instance frees it quickly), then
/// <c>d:{result}</c> for <see cref="DeduplicationOptions.Retention"/>. A retry that finds <c>p:</c> polls until
/// it turns into <c>d:</c> (same answer) or disappears (the first run failed: this one runs the turn).
/// </summary>
public sealed class RedisActivityDeduplicator : IActivityDeduplicator
{
    private const string InProgress = "p:";
    private const string Done = "d:";
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMilliseconds(150);

    private readonly RedisConnection _connection;
    private readonly DeduplicationOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public RedisActivityDeduplicator(RedisConnection connection, DeduplicationOptions? options = null, TimeProvider? clock = null, ILogger<RedisActivityDeduplicator>? logger = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options ?? new DeduplicationOptions();
        if (_options.InProgressLease < TimeSpan.FromMilliseconds(30) || _options.Retention <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The in-progress lease must be at least 30 ms and retention positive.");
        }

        _clock = clock ?? TimeProvider.System;
        _logger = logger ?? NullLogger<RedisActivityDeduplicator>.Instance;
    }

    public async Task<ActivityClaim> ClaimAsync(string activityKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activityKey);
        RedisKey key = _options.KeyPrefix + "activity:" + activityKey;
        var token = InProgress + RedisTurnLock.NewToken();
        var started = _clock.GetTimestamp();
        var backoff = FirstBackoff;
        while (true)
        {
            var lease = await RedisLease.TryTakeAsync(_connection, key, token, _options.InProgressLease, _logger, "activity claim", cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                return new Claim(lease, _options.Retention, null);
            }

            var current = (string?)await _connection.RunAsync("activity claim", db => db.StringGetAsync(key), cancellationToken).ConfigureAwait(false);
            if (current is not null && current.StartsWith(Done, StringComparison.Ordinal))
            {
                return new Claim(null, _options.Retention, StoredTurnResult.Deserialize(current[Done.Length..]));
            }

            if (current is null)
            {
                // The first run gave up between our two calls: try to take it over at once.
                continue;
            }

            var left = _options.MaxWait - _clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw new TurnBusyException($"This activity is still being handled after {_options.MaxWait.TotalSeconds:0.#} s.");
            }

            await Task.Delay(backoff < left ? backoff : left, _clock, cancellationToken).ConfigureAwait(false);
            backoff = backoff * 2 < LongestBackoff ? backoff * 2 : LongestBackoff;
        }
    }

    private sealed class Claim(RedisLease? lease, TimeSpan retention, StoredTurnResult? previous) : ActivityClaim(previous)
    {
        public override async Task CompleteAsync(StoredTurnResult result, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(result);
            if (lease is null)
            {
                throw new InvalidOperationException("Only the claim that ran the activity can complete it.");
            }

            // Not replaced means the lease ran out mid-turn and a retry took over; its own result will be stored.
            await lease.ReplaceAsync(Done + result.Serialize(), retention, cancellationToken).ConfigureAwait(false);
        }

        public override async ValueTask DisposeAsync()
        {
            if (lease is not null)
            {
                await lease.ReleaseAsync().ConfigureAwait(false);
            }
        }
    }
}
