using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Testing;

/// <summary>
/// Keeps every activity a <see cref="TranscriptLoggerMiddleware"/> logs, so a conversation run in a test can be saved as
/// a <c>.transcript</c> and replayed later with <see cref="TranscriptReplay"/>:
/// <c>adapter.Use(new TranscriptLoggerMiddleware(recorder))</c>.
/// </summary>
public sealed class TranscriptRecorder : ITranscriptLogger
{
    private readonly List<Activity> _activities = [];

    public IReadOnlyList<Activity> Activities
    {
        get
        {
            lock (_activities)
            {
                return [.. _activities];
            }
        }
    }

    public Task LogActivityAsync(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var copy = TranscriptFile.Clone((Activity)activity);
        lock (_activities)
        {
            _activities.Add(copy);
        }

        return Task.CompletedTask;
    }

    public Task WriteAsync(string path, CancellationToken cancellationToken = default) =>
        TranscriptFile.WriteAsync(path, Activities, cancellationToken);
}
