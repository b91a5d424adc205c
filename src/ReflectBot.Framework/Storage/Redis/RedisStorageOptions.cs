namespace ReflectBot.Framework.Storage.Redis;

/// <summary>Where and how <see cref="RedisStorage"/> keeps documents.</summary>
public sealed class RedisStorageOptions
{
    /// <summary>A StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379</c> or <c>host:6380,ssl=true,password=...</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The prefix every Redis key of the bot starts with unless configured otherwise (state, locks, Direct Line).</summary>
    public const string DefaultKeyPrefix = "reflectbot:";

    /// <summary>Put in front of every key so several bots (or environments) can share one Redis without seeing each other.</summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// The retention period: a document nobody writes for this long disappears. Every write starts the period again.
    /// Null keeps documents until they are deleted.
    /// </summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>How long to wait for Redis (connect and each command) before reporting the store unavailable.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("RedisStorageOptions.ConnectionString is required.", nameof(ConnectionString));
        }

        ArgumentNullException.ThrowIfNull(KeyPrefix);
        if (TimeToLive is { } ttl && ttl < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(TimeToLive), ttl, "TimeToLive must be at least one millisecond, or null.");
        }

        if (OperationTimeout < TimeSpan.FromMilliseconds(1) || OperationTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(OperationTimeout), OperationTimeout, "OperationTimeout must be positive.");
        }
    }
}
