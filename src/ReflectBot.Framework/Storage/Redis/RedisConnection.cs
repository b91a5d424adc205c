using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Framework.State;
using StackExchange.Redis;

namespace ReflectBot.Framework.Storage.Redis;

/// <summary>
/// One lazily opened Redis connection with its outage handling, used by <see cref="RedisStorage"/> and the scale-out
/// helpers (turn lock, activity deduplication, Direct Line): anything that means "Redis is not serving" becomes a
/// <see cref="StorageUnavailableException"/> with a one-line reason, and the connection heals by itself when
/// Redis is back. The public constructor's commands fail at once while disconnected instead of queueing, so a request
/// answers 503 quickly.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private volatile ConnectionMultiplexer? _connection;
    private readonly string _description;
    private bool _disposed;

    public RedisConnection(string connectionString, TimeSpan? operationTimeout = null, ILogger<RedisConnection>? logger = null)
        : this(connectionString, operationTimeout ?? TimeSpan.FromSeconds(2), logger, "Redis", maxReconnectBackoffMs: 2000, failFastWhileDisconnected: true)
    {
    }

    /// <param name="description">Names the connection in outage messages ("Redis storage at host:port is unavailable").</param>
    /// <param name="maxReconnectBackoffMs">Longest wait between reconnect attempts, so a recovered Redis is used again soon.</param>
    /// <param name="failFastWhileDisconnected">
    /// True: commands fail at once while disconnected (a turn waiting on a dead Redis helps nobody: answer 503, let the
    /// channel retry). False: they queue until the operation timeout, riding out a short blip.
    /// </param>
    internal RedisConnection(string connectionString, TimeSpan operationTimeout, ILogger? logger, string description, int maxReconnectBackoffMs, bool failFastWhileDisconnected)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("A Redis connection string is required.", nameof(connectionString));
        }

        // Parsed now so a malformed connection string fails at start-up, not on the first user's turn.
        _configuration = ConfigurationOptions.Parse(connectionString);
        // Keep retrying in the background instead of failing for good when Redis is down at start-up.
        _configuration.AbortOnConnectFail = false;
        var timeout = (int)Math.Ceiling(operationTimeout.TotalMilliseconds);
        _configuration.ConnectTimeout = timeout;
        _configuration.SyncTimeout = timeout;
        _configuration.AsyncTimeout = timeout;
        _configuration.ReconnectRetryPolicy = new ExponentialRetry(250, maxReconnectBackoffMs);
        if (failFastWhileDisconnected)
        {
            _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        }

        _description = description;
        Endpoints = string.Join(",", _configuration.EndPoints.Select(e => e.ToString()));
        _logger = logger ?? NullLogger<RedisConnection>.Instance;
    }

    /// <summary>host:port list, for messages.</summary>
    public string Endpoints { get; }

    /// <summary>Runs one operation; outages become <see cref="StorageUnavailableException"/> naming <paramref name="operation"/>.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var connection = await GetConnectionAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return await action(connection.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StorageUnavailableException($"{_description} at {Endpoints} is unavailable ({operation}): {Reason(ex)}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The library cancels commands of its own when the connection drops under them (seen while Redis restarts
            // under load): an outage like any other, not the caller giving up.
            throw new StorageUnavailableException($"{_description} at {Endpoints} is unavailable ({operation}): the command was cancelled as the connection dropped", ex);
        }
    }

    /// <summary>
    /// The shared multiplexer itself, for what <see cref="RunAsync{T}"/> cannot carry: pub/sub (Direct Line's change
    /// notices) and its connection events. It is returned even while Redis is down and reconnects by itself.
    /// </summary>
    public async Task<IConnectionMultiplexer> GetMultiplexerAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await GetConnectionAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
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
            // reconnecting by itself, which is what lets callers recover without being recreated.
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

    internal static bool IsUnavailable(Exception ex) => ex switch
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
    /// A short reason for the one-line message. The library's own messages run long and can name keys (conversation
    /// and user ids), so they stay in the inner exception only.
    /// </summary>
    private string Reason(Exception ex) => ex switch
    {
        RedisConnectionException connection => $"connection {connection.FailureType}",
        RedisTimeoutException => $"no answer within {_configuration.AsyncTimeout} ms",
        RedisServerException server => $"server replied {server.Message.Split(' ', 2)[0]}",
        _ => ex.GetType().Name,
    };

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
