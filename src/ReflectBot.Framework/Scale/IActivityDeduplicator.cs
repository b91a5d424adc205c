using System.Globalization;
using System.Text.Json;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Scale;

/// <summary>
/// Makes a retried activity (same id in the same conversation, as Teams resends after a slow answer) run once.
/// The first arrival claims it and runs the turn; later arrivals get the first one's result, waiting for it
/// when it is still running.
/// </summary>
public interface IActivityDeduplicator
{
    /// <summary>
    /// Claims <paramref name="activityKey"/> (channel, conversation and activity id). The claim either owns the
    /// run (<see cref="ActivityClaim.Previous"/> is null: run the turn, then <see cref="ActivityClaim.CompleteAsync"/>)
    /// or carries the result of the run that already happened. Throws <see cref="TurnBusyException"/> when the first
    /// run is still going after the wait bound, and <see cref="State.StorageUnavailableException"/> when the store is down.
    /// </summary>
    Task<ActivityClaim> ClaimAsync(string activityKey, CancellationToken cancellationToken = default);
}

/// <summary>Options shared by the deduplicators.</summary>
public sealed class DeduplicationOptions
{
    /// <summary>How long a finished activity's result is kept for retries. Channels retry within minutes, not hours.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a retry waits for the first run to finish before answering "busy".</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Memory only: at most this many finished activities are remembered (oldest forgotten first).</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Redis only: how long an "in progress" mark outlives an instance that died mid-turn (renewed while it runs).</summary>
    public TimeSpan InProgressLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Redis only: put in front of the keys.</summary>
    public string KeyPrefix { get; set; } = "reflectbot:";
}

/// <summary>
/// One arrival's hold on an activity. Dispose it in every case: disposing a claim that owns the run without
/// completing it (the turn failed, storage was down) lets the next retry run the turn afresh.
/// </summary>
public abstract class ActivityClaim : IAsyncDisposable
{
    protected ActivityClaim(StoredTurnResult? previous) => Previous = previous;

    /// <summary>Non-null when this activity already ran: answer with this and run nothing.</summary>
    public StoredTurnResult? Previous { get; }

    /// <summary>Records the turn's result for retries (only for a claim that owns the run).</summary>
    public abstract Task CompleteAsync(StoredTurnResult result, CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}

/// <summary>What a finished turn answered, kept so a retry gets the same HTTP answer.</summary>
public sealed record StoredTurnResult(int Status, StoredTurnResult.BodyKind Kind, string? Body)
{
    public enum BodyKind
    {
        None = 0,
        ExpectedReplies = 1,
        Json = 2,

        /// <summary>A normal-delivery turn (HTTP 200, no body) whose held replies are kept for a replay.</summary>
        HeldReplies = 3,
    }

    /// <summary>The held replies kept by <see cref="WithHeldReplies"/>, to be posted again; null for other results.</summary>
    public IReadOnlyList<Activity>? HeldReplies => Kind == BodyKind.HeldReplies
        ? [.. JsonSerializer.Deserialize(Body!, SchemaJson.Default.ExpectedReplies)?.Activities ?? []]
        : null;

    /// <summary>A normal-delivery result (200, no body) that also keeps the replies posted after the save.</summary>
    public static StoredTurnResult WithHeldReplies(TurnResult result, IReadOnlyList<Activity> heldReplies)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(heldReplies);
        if (result.Body is not null || heldReplies.Count == 0)
        {
            return From(result);
        }

        return new StoredTurnResult(result.Status, BodyKind.HeldReplies, JsonSerializer.Serialize(new ExpectedReplies { Activities = [.. heldReplies] }, SchemaJson.Default.ExpectedReplies));
    }

    public static StoredTurnResult From(TurnResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kind = result.Body switch
        {
            null => BodyKind.None,
            ExpectedReplies => BodyKind.ExpectedReplies,
            _ => BodyKind.Json,
        };
        return new StoredTurnResult(result.Status, kind, result.SerializeBody());
    }

    public TurnResult ToTurnResult() => Kind switch
    {
        BodyKind.ExpectedReplies => TurnResult.Replies(JsonSerializer.Deserialize(Body!, SchemaJson.Default.ExpectedReplies) ?? new ExpectedReplies()),
        BodyKind.Json => TurnResult.Invoke(new InvokeResponse { Status = Status, Body = JsonDocument.Parse(Body!).RootElement.Clone() }),
        _ when Status == TurnResult.Ok.Status => TurnResult.Ok,
        _ when Status == TurnResult.NotImplemented.Status => TurnResult.NotImplemented,
        _ => TurnResult.Invoke(new InvokeResponse { Status = Status }),
    };

    /// <summary>"status|kind|body" for stores that keep strings.</summary>
    public string Serialize() => string.Create(CultureInfo.InvariantCulture, $"{Status}|{(int)Kind}|{Body}");

    public static StoredTurnResult Deserialize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('|', 3);
        if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var status) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var kind))
        {
            throw new FormatException("Not a stored turn result.");
        }

        return new StoredTurnResult(status, (BodyKind)kind, kind == (int)BodyKind.None ? null : parts[2]);
    }
}
