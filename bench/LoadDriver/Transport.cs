using System.Diagnostics;

namespace LoadDriver;

/// <summary>How a turn ended, as seen by the simulated user.</summary>
/// <param name="Replies">Bot messages attributed to this turn when it ended (typing and other kinds are not counted).</param>
/// <param name="ErrorKind">Null when the turn worked; otherwise a short class (http-500, timeout, connection...).</param>
/// <param name="ErrorDetail">What went wrong, for the first few samples in the report.</param>
/// <param name="StartTimestamp">Stopwatch timestamp when the user sent the turn.</param>
/// <param name="EndTimestamp">Stopwatch timestamp when the turn's replies had arrived.</param>
public readonly record struct TurnOutcome(int Replies, string? ErrorKind, string? ErrorDetail, long StartTimestamp, long EndTimestamp)
{
    public TimeSpan Latency => Stopwatch.GetElapsedTime(StartTimestamp, EndTimestamp);

    public static TurnOutcome Failed(string kind, string detail, long start) =>
        new(0, kind, detail, start, Stopwatch.GetTimestamp());
}

/// <summary>Starts simulated conversations against one kind of endpoint.</summary>
public interface ITransport : IDisposable
{
    /// <param name="user">Which simulated user (0-based) runs it.</param>
    /// <param name="sequence">That user's conversation number, so ids stay unique across the run.</param>
    IConversation StartConversation(int user, long sequence);
}

/// <summary>One scripted conversation, run turn by turn by a single simulated user (never concurrently).</summary>
public interface IConversation : IAsyncDisposable
{
    Task<TurnOutcome> RunTurnAsync(ScriptTurn turn, CancellationToken cancellationToken);

    /// <summary>
    /// Bot messages per script turn when the conversation ended. Over Direct Line a reply can arrive after the
    /// user has moved on; it is counted against the turn it answers (replyToId), so read this at the end.
    /// </summary>
    IReadOnlyList<int> ReplyCounts { get; }

    /// <summary>Replies that belong elsewhere: another conversation's id, or a replyToId naming no turn of ours.</summary>
    int Misrouted { get; }

    /// <summary>Replies whose id had already been delivered in this conversation.</summary>
    int Duplicates { get; }

    /// <summary>Requests answered 429 and retried (Direct Line posts are rate-limited per token).</summary>
    int Throttled { get; }

    /// <summary>User messages the channel never echoed back (Direct Line only: Web Chat shows "Send failed" then).</summary>
    int MissingEchoes { get; }

    /// <summary>Requests sent again after a dead instance or a 502/503/504 (Direct Line with failover only).</summary>
    int Retried => 0;

    /// <summary>Times the conversation's stream dropped before the conversation ended (Direct Line with failover only).</summary>
    int StreamDrops => 0;

    /// <summary>Times a dropped stream was opened again and went on from its watermark.</summary>
    int StreamReconnects => 0;
}
