using ReflectBot.Framework.Adapters;

namespace ReflectBot.Framework.Scale;

/// <summary>
/// Lets one turn of a conversation run at a time. <see cref="InProcessTurnLock"/> covers one process;
/// <see cref="RedisTurnLock"/> covers every instance sharing a Redis.
/// </summary>
public interface ITurnLock
{
    /// <summary>
    /// Waits until the conversation is free and holds it until the result is disposed.
    /// Throws <see cref="TurnBusyException"/> when the wait passes its bound, and
    /// <see cref="State.StorageUnavailableException"/> when the lock's store cannot be reached.
    /// </summary>
    Task<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken = default);
}

/// <summary>Options shared by the turn locks.</summary>
public sealed class TurnLockOptions
{
    /// <summary>
    /// How long a turn waits for the one before it. Teams gives up on a request after about 15 seconds, so
    /// waiting longer only produces an answer nobody reads; a 503 makes the channel retry instead.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Redis only: how long a lock outlives an instance that died holding it. Renewed every third of it while the turn runs.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Redis only: put in front of the lock keys.</summary>
    public string KeyPrefix { get; set; } = "reflectbot:";
}

/// <summary>The per-process lock: a <see cref="KeyedAsyncLock"/> (strict arrival order) with a bounded wait.</summary>
public sealed class InProcessTurnLock(KeyedAsyncLock keyedLock, TimeSpan? maxWait = null) : ITurnLock
{
    private readonly TimeSpan _maxWait = maxWait ?? new TurnLockOptions().MaxWait;

    public KeyedAsyncLock Keys { get; } = keyedLock ?? throw new ArgumentNullException(nameof(keyedLock));

    public async Task<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken = default) =>
        new Held(await AcquireLocalAsync(Keys, conversationKey, _maxWait, cancellationToken).ConfigureAwait(false));

    internal static async Task<IDisposable> AcquireLocalAsync(KeyedAsyncLock keys, string conversationKey, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(maxWait);
        try
        {
            return await keys.AcquireAsync(conversationKey, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TurnBusyException($"Another turn of this conversation is still running after {maxWait.TotalSeconds:0.#} s.");
        }
    }

    private sealed class Held(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
