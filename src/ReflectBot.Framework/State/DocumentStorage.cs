using System.Text;
using System.Text.Json;

namespace ReflectBot.Framework.State;

/// <summary>
/// The base of ReflectBot's stores, which keep JSON documents (text and ETag): bot state is written as the document it
/// already is, and any other item as JSON of its registered type (<see cref="StateJson"/>), so it reads back as that type
/// (<c>{"$type":"PocoItem","$value":{…}}</c>, the SDK's TypeNameHandling with a short name). A document holding a plain
/// JSON object reads back as a <see cref="StoreItem"/>.
/// </summary>
public abstract class DocumentStorage : IStorage
{
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var documents = await ReadDocumentsAsync(keys, cancellationToken).ConfigureAwait(false);
        var items = new Dictionary<string, object>(documents.Count, StringComparer.Ordinal);
        foreach (var (key, document) in documents)
        {
            items[key] = FromDocument(document);
        }

        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var documents = new Dictionary<string, StoreItem>(changes.Count, StringComparer.Ordinal);
        foreach (var (key, item) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            documents[key] = ToDocument(item ?? throw new ArgumentNullException(nameof(changes), $"changes[{key}] is null."));
        }

        await WriteDocumentsAsync(documents, cancellationToken).ConfigureAwait(false);

        // Bot state keeps the new ETag for its next save this turn.
        foreach (var (key, item) in changes)
        {
            if (item is StoreItem written)
            {
                written.ETag = documents[key].ETag;
            }
        }
    }

    public abstract Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default);

    /// <summary>Reads the documents stored under <paramref name="keys"/> (missing keys absent).</summary>
    protected abstract Task<IDictionary<string, StoreItem>> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken);

    /// <summary>
    /// Writes all documents or none. Per document: ETag <c>*</c> overwrites, none (or <see cref="StoreItem.NewItemETag"/>)
    /// creates only if absent, any other must equal the stored one, else <see cref="StorageConflictException"/>. On success each
    /// document's ETag is set to its new one.
    /// </summary>
    protected abstract Task WriteDocumentsAsync(IDictionary<string, StoreItem> documents, CancellationToken cancellationToken);

    /// <summary>An item as the document to store, with its write condition.</summary>
    internal static StoreItem ToDocument(object item)
    {
        switch (item)
        {
            case StoreItem document:
                return new StoreItem(document.Json, document.ETag);
            case IStoreItem storeItem:
                return new StoreItem(TypedJson(item), string.IsNullOrEmpty(storeItem.ETag) ? StoreItem.NewItemETag : storeItem.ETag);
            default:
                // Not an IStoreItem: no condition, as in the SDK.
                return new StoreItem(TypedJson(item), StoreItem.AnyETag);
        }
    }

    /// <summary>A stored document as the item it was written as.</summary>
    internal static object FromDocument(StoreItem document)
    {
        if (!document.Json.StartsWith("{\"$type\":", StringComparison.Ordinal))
        {
            return document;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(document.Json));
        reader.Read();
        var item = StateValueJson.Read(ref reader, StateJsonOptions.Instance) ?? document;
        if (item is IStoreItem storeItem)
        {
            storeItem.ETag = document.ETag;
        }

        return item;
    }

    private static string TypedJson(object item)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (item is IDictionary<string, object?> or System.Text.Json.Nodes.JsonNode)
            {
                // Always typed, so a plain JSON object stays the one thing read back as a StoreItem.
                writer.WriteStartObject();
                writer.WriteString("$type"u8, item is System.Text.Json.Nodes.JsonNode ? StateJson.JsonNodeName : StateJson.DictionaryName);
                writer.WritePropertyName("$value"u8);
                if (item is System.Text.Json.Nodes.JsonNode node)
                {
                    node.WriteTo(writer);
                }
                else
                {
                    StateValueJson.WriteObject(writer, (IDictionary<string, object?>)item, StateJsonOptions.Instance);
                }

                writer.WriteEndObject();
            }
            else
            {
                StateValueJson.Write(writer, item, StateJsonOptions.Instance);
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

/// <summary>Options for writing state values outside a serializer call (the values bring their own type info).</summary>
internal static class StateJsonOptions
{
    public static readonly JsonSerializerOptions Instance = BuiltInStateJson.Default.Options;
}

/// <summary>The SDK's helpers for reading storage results.</summary>
public static class StorageExtensions
{
    /// <summary>The item under <paramref name="key"/> as <typeparamref name="T"/> (converting a plain JSON document), or default.</summary>
    public static T? MapValueTo<T>(this IDictionary<string, object> dictionary, string key)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        if (!dictionary.TryGetValue(key, out var value))
        {
            return default;
        }

        return value switch
        {
            T typed => typed,
            StoreItem document => JsonSerializer.Deserialize(document.Json, StateJson.GetTypeInfo<T>()),
            _ => Schema.Payload.As(value, StateJson.GetTypeInfo<T>()),
        };
    }

    /// <summary>Reads and maps every found key to <typeparamref name="TStoreItem"/>.</summary>
    public static async Task<IDictionary<string, TStoreItem>> ReadAsync<TStoreItem>(this IStorage storage, string[] keys, CancellationToken cancellationToken = default)
        where TStoreItem : class
    {
        ArgumentNullException.ThrowIfNull(storage);
        var items = await storage.ReadAsync(keys, cancellationToken).ConfigureAwait(false);
        var typed = new Dictionary<string, TStoreItem>(items.Count, StringComparer.Ordinal);
        foreach (var key in items.Keys)
        {
            if (items.MapValueTo<TStoreItem>(key) is { } item)
            {
                typed[key] = item;
            }
        }

        return typed;
    }
}
