namespace ReflectBot.Framework.State;

/// <summary>
/// A key/value store with optimistic concurrency, the SDK's IStorage: items are objects. An item that is an
/// <see cref="IStoreItem"/> is written only if its ETag still matches (<c>*</c> overwrites; none means "not there
/// yet"); any other item overwrites. Unlike the SDK's stores ours apply a batch whole or not at all.
/// </summary>
public interface IStorage
{
    /// <summary>Reads the given keys; missing keys are simply absent from the result. Items come back as fresh copies.</summary>
    Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default);

    /// <summary>Writes all changes, or none when an ETag does not match (<see cref="StorageConflictException"/>).</summary>
    Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes the keys; missing keys are ignored.</summary>
    Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default);
}

/// <summary>An item that carries the ETag it was read with, so a write can tell whether someone else wrote first.</summary>
public interface IStoreItem
{
    string? ETag { get; set; }
}

/// <summary>Stores that can find and remove documents nobody has written for a while (the retention sweep).</summary>
public interface IStorageMaintenance
{
    /// <summary>Deletes documents whose last write is older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteUntouchedSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

/// <summary>
/// One stored JSON document and its ETag: what bot state reads and writes, and what a store reads back for any
/// plain JSON object. Written, it gets its new ETag (so a turn can save twice); other items are left as given.
/// </summary>
public sealed class StoreItem : IStoreItem
{
    /// <summary>Write condition meaning "only if no document exists under this key yet" (the same as no ETag).</summary>
    public const string NewItemETag = "!new";

    /// <summary>Write condition meaning "overwrite whatever is there".</summary>
    public const string AnyETag = "*";

    public StoreItem(string json, string? eTag = null)
    {
        Json = json ?? throw new ArgumentNullException(nameof(json));
        ETag = eTag;
    }

    public string Json { get; }

    public string? ETag { get; set; }

    internal bool IsUnconditional => ETag is AnyETag;

    internal bool IsCreateOnly => string.IsNullOrEmpty(ETag) || ETag == NewItemETag;

    /// <summary>The write condition as the stores spell it: <c>*</c>, <see cref="NewItemETag"/> or the ETag.</summary>
    internal string Condition => IsUnconditional ? AnyETag : IsCreateOnly ? NewItemETag : ETag!;
}

/// <summary>A write whose ETag no longer matches: someone else wrote first. Reload and retry.</summary>
public sealed class StorageConflictException(string key)
    : InvalidOperationException($"The stored item '{key}' was changed by another writer (Etag conflict).")
{
    public string Key { get; } = key;
}

/// <summary>The store cannot be reached or failed; the caller should answer 503, not lose state.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
