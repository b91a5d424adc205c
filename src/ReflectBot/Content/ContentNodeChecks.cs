namespace ReflectBot.Content;

/// <summary>Checks a data file's reader makes before it trusts a map's keys.</summary>
internal static class ContentNodeChecks
{
    /// <summary>A key not in <paramref name="allowed"/> is a typo that would silently drop a setting: stop with its line.</summary>
    public static void RequireOnlyKeys(this ContentNode node, params string[] allowed)
    {
        foreach (var (key, child) in node.Entries)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                // A list or map value starts on the line below its key, so say where the key is.
                var where = child.IsScalar ? "" : " just above this line";
                throw child.Error($"unknown key '{key}'{where} (expected: {string.Join(", ", allowed)})");
            }
        }
    }
}
