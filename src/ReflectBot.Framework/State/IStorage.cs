namespace ReflectBot.Framework.State;

/// <summary>
/// A key/value store of JSON documents with optimistic concurrency, shaped like the SDK's IStorage.
/// Values are JSON text so every provider stores the same bytes and reads hand back independent copies.
/// </summary>
public interface IStorage
{
    /// <summary>Reads the given keys; missing keys are simply absent from the result.</summary>
    Task<IDictionary<string, StoreItem>> ReadAsync(string[] keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes all changes. Per item: ETag null or <c>*</c> overwrites; <see cref="StoreItem.NewItemETag"/> creates
    /// only if absent; any other ETag must equal the stored one. A mismatch throws <see cref="StorageConflictException"/>.
    /// On success each item's <see cref="StoreItem.ETag"/> is set to its new ETag.
    /// </summary>
    Task WriteAsync(IDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes the keys; missing keys are ignored.</summary>
    Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default);
}

/// <summary>Stores that can find and remove documents nobody has written for a while (the retention sweep).</summary>
public interface IStorageMaintenance
{
    /// <summary>Deletes documents whose last write is older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteUntouchedSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

/// <summary>One stored document: its JSON and the ETag it was read with (or gets after a write).</summary>
public sealed class StoreItem
{
    /// <summary>Write condition meaning "only if no document exists under this key yet".</summary>
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

    internal bool IsUnconditional => ETag is null or AnyETag;
}

/// <summary>A write whose ETag no longer matches: someone else wrote first. Reload and retry.</summary>
public sealed class StorageConflictException(string key)
    : Exception($"The stored item '{key}' was changed by another writer.")
{
    public string Key { get; } = key;
}

/// <summary>The store cannot be reached or failed; the caller should answer 503, not lose state.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
