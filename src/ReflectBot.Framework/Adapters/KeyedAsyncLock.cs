namespace ReflectBot.Framework.Adapters;

/// <summary>
/// One holder per key at a time, waiters served strictly in arrival order. A key's entry exists only while
/// someone holds or waits for it, so a million one-off conversations leave nothing behind.
/// </summary>
public sealed class KeyedAsyncLock
{
    private readonly Dictionary<string, Queue<TaskCompletionSource>?> _held = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many keys are held right now (tests use it to prove idle keys are dropped).</summary>
    public int ActiveKeys
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>How many callers wait for <paramref name="key"/> (not counting the holder).</summary>
    public int WaitingFor(string key)
    {
        lock (_gate)
        {
            return _held.TryGetValue(key, out var queue) && queue is not null ? queue.Count(w => !w.Task.IsCompleted) : 0;
        }
    }

    /// <summary>Waits for the key; dispose the result to let the next waiter in.</summary>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (!_held.TryGetValue(key, out var queue))
            {
                _held[key] = null;
                return new Releaser(this, key);
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (queue ??= _held[key] = new Queue<TaskCompletionSource>()).Enqueue(waiter);
        }

        // A cancelled waiter stays queued but completed; Release skips it.
        await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        return new Releaser(this, key);
    }

    private void Release(string key)
    {
        lock (_gate)
        {
            var queue = _held[key];
            while (queue is { Count: > 0 })
            {
                // Ownership passes straight to the next live waiter, so nobody can jump the queue.
                if (queue.Dequeue().TrySetResult())
                {
                    return;
                }
            }

            _held.Remove(key);
        }
    }

    private sealed class Releaser(KeyedAsyncLock owner, string key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(key);
            }
        }
    }
}
