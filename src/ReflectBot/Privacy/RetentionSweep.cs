using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage;

namespace ReflectBot.Privacy;

/// <summary>
/// Deletes user and conversation data nobody has touched for <see cref="ReflectBotOptions.RetentionDays"/> days,
/// as the disclaimer promises. Works with any store that supports <see cref="IStorageMaintenance"/> (memory,
/// SQLite); Redis expires keys by its own TTL instead, so there is nothing to sweep.
/// </summary>
public sealed partial class RetentionSweep(IStorage storage, IOptions<ReflectBotOptions> options, TimeProvider clock, ILogger<RetentionSweep> logger)
{
    /// <summary>True when the configured store can be swept (otherwise it has to expire data itself).</summary>
    public bool IsSupported => storage is IStorageMaintenance;

    /// <summary>Deletes what is older than the retention period; returns how many documents went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (storage is not IStorageMaintenance maintenance)
        {
            return 0;
        }

        var days = options.Value.RetentionDays;
        if (days <= 0)
        {
            // 0 or less means "keep until deleted on request": never sweep everything by a misconfiguration.
            return 0;
        }

        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(days);
        var deleted = await maintenance.DeleteUntouchedSinceAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (deleted > 0 && storage is SqliteStorage sqlite)
        {
            await SqliteCompaction.CompactAsync(sqlite.FilePath, cancellationToken).ConfigureAwait(false);
        }

        LogSwept(deleted, days);
        return deleted;
    }

    [LoggerMessage(EventId = 4210, EventName = "RetentionSweep", Level = LogLevel.Information, Message = "Retention sweep deleted {Count} documents untouched for more than {Days} days")]
    private partial void LogSwept(int count, int days);
}

/// <summary>Runs <see cref="RetentionSweep"/> at start-up and then every <see cref="Interval"/>, on the injected clock.</summary>
public sealed partial class RetentionSweepService(RetentionSweep sweep, TimeProvider clock, ILogger<RetentionSweepService> logger) : BackgroundService
{
    /// <summary>How often the sweep runs. Data is gone within a day of its retention period ending.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sweep.IsSupported)
        {
            LogNotSupported();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweep.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A store outage must not stop future sweeps; the next run catches up.
                LogFailed(ex.GetType().FullName ?? ex.GetType().Name);
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 4211, EventName = "RetentionSweepNotSupported", Level = LogLevel.Information, Message = "The configured store expires data itself (or cannot be swept); no retention sweep runs")]
    private partial void LogNotSupported();

    [LoggerMessage(EventId = 4212, EventName = "RetentionSweepFailed", Level = LogLevel.Warning, Message = "Retention sweep failed with {ExceptionType}; it will run again later")]
    private partial void LogFailed(string exceptionType);
}
