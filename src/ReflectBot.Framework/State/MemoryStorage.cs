namespace ReflectBot.Framework.State;

/// <summary>An in-process store for tests and single-instance use; same ETag rules as the durable stores.</summary>
public sealed class MemoryStorage(TimeProvider? clock = null) : DocumentStorage, IStorageMaintenance
{
    private readonly Dictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long _eTagCounter;

    private readonly record struct Entry(string Json, string ETag, DateTimeOffset Touched);

    /// <summary>How many documents are stored (tests use it to prove deletion).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>All stored keys (tests and diagnostics).</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_lock)
            {
                return [.. _items.Keys];
            }
        }
    }

    protected override Task<IDictionary<string, StoreItem>> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, StoreItem>(keys.Length, StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_items.TryGetValue(key, out var e))
                {
                    result[key] = new StoreItem(e.Json, e.ETag);
                }
            }
        }

        return Task.FromResult<IDictionary<string, StoreItem>>(result);
    }

    protected override Task WriteDocumentsAsync(IDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (cancellationToken.IsCancellationRequested)
        {
            // Like the real stores: a cancelled turn (one past its deadline, say) must not write late.
            return Task.FromCanceled(cancellationToken);
        }

        lock (_lock)
        {
            // Check every condition first so a batch is applied whole or not at all.
            foreach (var (key, item) in changes)
            {
                var exists = _items.TryGetValue(key, out var current);
                if (item.IsCreateOnly ? exists : !item.IsUnconditional && (!exists || current.ETag != item.ETag))
                {
                    throw new StorageConflictException(key);
                }
            }

            var now = _clock.GetUtcNow();
            foreach (var (key, item) in changes)
            {
                var eTag = (++_eTagCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _items[key] = new Entry(item.Json, eTag, now);
                item.ETag = eTag;
            }
        }

        return Task.CompletedTask;
    }

    public override Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                _items.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteUntouchedSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var stale = _items.Where(kv => kv.Value.Touched < cutoff).Select(kv => kv.Key).ToList();
            stale.ForEach(k => _items.Remove(k));
            return Task.FromResult(stale.Count);
        }
    }
}
