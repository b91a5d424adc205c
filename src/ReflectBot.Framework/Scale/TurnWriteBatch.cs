using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Scale;

/// <summary>
/// Holds back a turn's state writes so they reach the store together, after the bot is done: a turn is then saved
/// whole or not at all (conversation and user state in one Lua script on Redis), and an ETag conflict or an
/// outage surfaces in one place, before any reply has gone out. The adapter begins a batch around each turn
/// (it flows to the bot through an <see cref="AsyncLocal{T}"/>); stores that take part call
/// <see cref="TryDefer"/> from their WriteAsync. Stores that do not take part (or code running outside a turn)
/// write at once, as before.
/// </summary>
public sealed class TurnWriteBatch : IDisposable
{
    private static readonly AsyncLocal<TurnWriteBatch?> Active = new();

    private readonly TurnWriteBatch? _outer;
    private readonly List<Pending> _stores = [];
    private readonly Lock _gate = new();
    private bool _closed;

    private TurnWriteBatch(TurnWriteBatch? outer) => _outer = outer;

    /// <summary>The batch of the turn running on this async flow, if any.</summary>
    public static TurnWriteBatch? Current => Active.Value;

    /// <summary>Starts batching writes made from this async flow until the batch is committed or disposed.</summary>
    public static TurnWriteBatch Begin()
    {
        var batch = new TurnWriteBatch(Active.Value);
        Active.Value = batch;
        return batch;
    }

    /// <summary>How many documents wait to be written.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _stores.Sum(s => s.Changes.Count);
            }
        }
    }

    /// <summary>
    /// Takes <paramref name="changes"/> for later and returns true, or returns false once the batch is committed or
    /// disposed (the caller then writes at once). A document written twice in one turn keeps the ETag condition of
    /// its first write and the text of its last.
    /// </summary>
    public bool TryDefer(IStorage store, IDictionary<string, StoreItem> changes, Func<IDictionary<string, StoreItem>, CancellationToken, Task> write)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            var pending = _stores.Find(s => ReferenceEquals(s.Store, store));
            if (pending is null)
            {
                pending = new Pending(store, write);
                _stores.Add(pending);
            }

            foreach (var (key, item) in changes)
            {
                ArgumentNullException.ThrowIfNull(item, $"changes[{key}]");
                var condition = pending.Changes.TryGetValue(key, out var earlier) ? earlier.ETag : item.ETag;
                pending.Changes[key] = new StoreItem(item.Json, condition);
            }

            return true;
        }
    }

    /// <summary>Lets a read in the same turn see what the turn wrote: replaces or adds the pending documents of <paramref name="keys"/>.</summary>
    public void Overlay(IStorage store, string[] keys, IDictionary<string, StoreItem> read)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            if (_stores.Find(s => ReferenceEquals(s.Store, store)) is not { } pending)
            {
                return;
            }

            foreach (var key in keys)
            {
                if (pending.Changes.TryGetValue(key, out var item))
                {
                    read[key] = new StoreItem(item.Json, item.ETag);
                }
            }
        }
    }

    /// <summary>Drops pending writes of documents being deleted (deletes are not held back: forgetting must not wait).</summary>
    public void Forget(IStorage store, string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            if (_stores.Find(s => ReferenceEquals(s.Store, store)) is { } pending)
            {
                foreach (var key in keys)
                {
                    pending.Changes.Remove(key);
                }
            }
        }
    }

    /// <summary>
    /// Writes everything held back, one store call per store, and closes the batch. Throws what the store throws
    /// (<see cref="StorageConflictException"/>, <see cref="StorageUnavailableException"/>); nothing of that
    /// store's part was written then.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        List<Pending> stores;
        lock (_gate)
        {
            _closed = true;
            stores = [.. _stores];
        }

        foreach (var pending in stores)
        {
            if (pending.Changes.Count > 0)
            {
                await pending.Write(pending.Changes, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Closes the batch; whatever was not committed is dropped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
        }

        if (ReferenceEquals(Active.Value, this))
        {
            Active.Value = _outer;
        }
    }

    private sealed class Pending(IStorage store, Func<IDictionary<string, StoreItem>, CancellationToken, Task> write)
    {
        public IStorage Store { get; } = store;

        public Func<IDictionary<string, StoreItem>, CancellationToken, Task> Write { get; } = write;

        public Dictionary<string, StoreItem> Changes { get; } = new(StringComparer.Ordinal);
    }
}
