namespace ReflectBot.Framework.Scale;

/// <summary>
/// Deduplication within one process: finished activities are remembered for <see cref="DeduplicationOptions.Retention"/>,
/// at most <see cref="DeduplicationOptions.Capacity"/> of them (the oldest go first), so memory stays bounded
/// whatever the traffic. Runs still in progress are always kept: a retry waits on them.
/// </summary>
public sealed class MemoryActivityDeduplicator : IActivityDeduplicator
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, Entry Entry)> _finished = new();
    private readonly Lock _gate = new();
    private readonly DeduplicationOptions _options;
    private readonly TimeProvider _clock;

    public MemoryActivityDeduplicator(DeduplicationOptions? options = null, TimeProvider? clock = null)
    {
        _options = options ?? new DeduplicationOptions();
        if (_options.Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Capacity must be at least 1.");
        }

        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Activities remembered right now, running or finished (tests use it to prove the bound).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public async Task<ActivityClaim> ClaimAsync(string activityKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activityKey);
        var started = _clock.GetTimestamp();
        while (true)
        {
            Entry entry;
            lock (_gate)
            {
                Trim();
                if (!_entries.TryGetValue(activityKey, out entry!))
                {
                    var owned = new Entry();
                    _entries[activityKey] = owned;
                    return new Claim(this, activityKey, owned, null);
                }

                if (entry.Result is { } done)
                {
                    return new Claim(this, activityKey, null, done);
                }
            }

            // The first arrival is still running: wait for its answer, or for it to give up (then run it here).
            var left = _options.MaxWait - _clock.GetElapsedTime(started);
            try
            {
                await entry.Done.Task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, _clock, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TurnBusyException($"This activity is still being handled after {_options.MaxWait.TotalSeconds:0.#} s.");
            }
        }
    }

    /// <summary>Forgets finished entries past retention or over capacity. Called under the gate.</summary>
    private void Trim()
    {
        var now = _clock.GetUtcNow();
        while (_finished.TryPeek(out var oldest)
            && (_finished.Count > _options.Capacity || now - oldest.Entry.FinishedAt >= _options.Retention))
        {
            _finished.Dequeue();
            if (_entries.TryGetValue(oldest.Key, out var current) && ReferenceEquals(current, oldest.Entry))
            {
                _entries.Remove(oldest.Key);
            }
        }
    }

    private void Complete(string key, Entry entry, StoredTurnResult result)
    {
        lock (_gate)
        {
            entry.Result = result;
            entry.FinishedAt = _clock.GetUtcNow();
            _finished.Enqueue((key, entry));
            Trim();
        }

        entry.Done.TrySetResult();
    }

    private void Abandon(string key, Entry entry)
    {
        lock (_gate)
        {
            if (entry.Result is not null)
            {
                return;
            }

            if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                _entries.Remove(key);
            }
        }

        entry.Done.TrySetResult();
    }

    private sealed class Entry
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StoredTurnResult? Result { get; set; }

        public DateTimeOffset FinishedAt { get; set; }
    }

    private sealed class Claim(MemoryActivityDeduplicator owner, string key, Entry? owned, StoredTurnResult? previous) : ActivityClaim(previous)
    {
        public override Task CompleteAsync(StoredTurnResult result, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(result);
            if (owned is null)
            {
                throw new InvalidOperationException("Only the claim that ran the activity can complete it.");
            }

            owner.Complete(key, owned, result);
            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            if (owned is not null)
            {
                owner.Abandon(key, owned);
            }

            return ValueTask.CompletedTask;
        }
    }
}
