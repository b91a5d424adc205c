using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Tests.State;

internal static class StoredDocuments
{
    /// <summary>The JSON document a store read back under <paramref name="key"/> (what bot state writes).</summary>
    public static StoreItem Doc(this IDictionary<string, object> items, string key) => (StoreItem)items[key];
}
