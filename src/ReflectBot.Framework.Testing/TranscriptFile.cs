using System.Text.Json;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Testing;

/// <summary>Reads and writes Bot Framework <c>.transcript</c> files: a JSON array of activities, role "user" or "bot" on <c>from</c>.</summary>
public static class TranscriptFile
{
    public static async Task<List<Activity>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, SchemaJson.Default.ListActivity, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{path}: the transcript is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}:{ex.LineNumber + 1}: not a transcript (a JSON array of activities): {ex.Message}", ex);
        }
    }

    public static async Task WriteAsync(string path, IEnumerable<Activity> activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, activities.ToList(), SchemaJson.Default.ListActivity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A deep copy through JSON, so a recording is not changed by later edits to the live activity.</summary>
    internal static Activity Clone(Activity activity) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(activity, SchemaJson.Default.Activity), SchemaJson.Default.Activity)!;
}
