using System.Text.Json.Serialization;

namespace LoadDriver;

/// <summary>Everything one load run measured; written with --json and read back by `report`.</summary>
public sealed record RunResult
{
    public required string Label { get; init; }
    public required string Mode { get; init; }
    public required IReadOnlyList<string> Targets { get; init; }
    public required string Script { get; init; }
    public required int Users { get; init; }
    public required double WarmupSeconds { get; init; }

    /// <summary>Length of the measured window (after warm-up).</summary>
    public required double MeasuredSeconds { get; init; }

    /// <summary>Turns that ended inside the measured window.</summary>
    public required long Turns { get; init; }
    public required double TurnsPerSecond { get; init; }
    public required LatencySummary LatencyMs { get; init; }

    /// <summary>Failed turns over the whole run, warm-up included (a failure is a failure whenever it happens).</summary>
    public required long Errors { get; init; }
    public required IReadOnlyDictionary<string, long> ErrorsByKind { get; init; }
    public required IReadOnlyList<string> ErrorSamples { get; init; }

    /// <summary>Conversations that ran every scripted turn with replies and no error, inside the measured window.</summary>
    public required long ConversationsCompleted { get; init; }

    /// <summary>Conversations stopped by a failed turn (whole run).</summary>
    public required long ConversationsFailed { get; init; }

    /// <summary>Conversations cut off by the end of the run (not failures).</summary>
    public required long ConversationsAbandoned { get; init; }

    /// <summary>Bot messages missing against the script's expected counts (whole run, completed conversations).</summary>
    public required long LostReplies { get; init; }

    /// <summary>Bot messages beyond the script's expected counts, or delivered twice (same id).</summary>
    public required long DuplicatedReplies { get; init; }

    /// <summary>Replies naming another conversation or a turn that was never sent.</summary>
    public required long MisroutedReplies { get; init; }

    /// <summary>Script turns without an expected count whose reply count differed between conversations.</summary>
    public required int InconsistentTurns { get; init; }
    public required long Throttled { get; init; }

    /// <summary>Requests sent again after meeting a dead instance or a 502/503/504 (--dl-failover).</summary>
    public long Retried { get; init; }

    /// <summary>Streams that dropped while their conversation was going on, and how many of those were reopened.</summary>
    public long StreamDrops { get; init; }

    public long StreamReconnects { get; init; }

    /// <summary>Idle and slow sockets opened before the load (--dl-idle-sockets, --dl-slow-sockets), and how many were still open at the end.</summary>
    public IdleSocketSummary? IdleSockets { get; init; }
    public required long MissingEchoes { get; init; }
    public required IReadOnlyList<TurnReplyCounts> ReplyCounts { get; init; }
    public required IReadOnlyList<ServerSample> Servers { get; init; }

    /// <summary>Sum of the servers' peak RSS during the measured window, in MB (null without --pid).</summary>
    public double? RssMb { get; init; }

    /// <summary>Server CPU time per measured turn, all servers together (null without --pid).</summary>
    public double? ServerCpuMsPerTurn { get; init; }

    /// <summary>The driver's own CPU time per measured turn: it shares the cores with the server.</summary>
    public required double DriverCpuMsPerTurn { get; init; }

    [JsonIgnore]
    public bool Clean => Errors == 0 && LostReplies == 0 && DuplicatedReplies == 0 && MisroutedReplies == 0 && InconsistentTurns == 0 && MissingEchoes == 0;
}

public sealed record IdleSocketSummary(int Idle, int Slow, int OpenAtEnd, int Refused);

public sealed record LatencySummary(double P50, double P90, double P99, double Max, double Mean);

/// <param name="Counts">Reply count → how many conversations got that many for this turn.</param>
public sealed record TurnReplyCounts(int Turn, string Said, int? Expected, IReadOnlyDictionary<int, long> Counts);

public sealed record ServerSample(int Pid, double? PeakRssMb, double? CpuSeconds);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunResult))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
