namespace ReflectBot.Framework.Connector;

/// <summary>Retry behaviour of <see cref="ConnectorClient"/>.</summary>
public sealed class ConnectorClientOptions
{
    /// <summary>Total tries per call, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before the second try; doubles after each failure, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest single wait, whether from backoff or a Retry-After header.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Waits between tries; replaceable so tests can record waits instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;
}
