using System.Diagnostics;

namespace LoadDriver;

/// <summary>
/// Runs N simulated users, each starting conversations back to back and walking the script turn by turn,
/// then folds their tallies into a <see cref="RunResult"/>. Turns ending during warm-up count for
/// correctness (errors, reply counts) but not for throughput or latency.
/// </summary>
public sealed class LoadRun(DriverOptions options, ConversationScript script, ITransport transport)
{
    private const int MaxErrorSamples = 5;
    private static readonly TimeSpan MemorySampleInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(100);

    private long _runStart;
    private long _measureStart;
    private long _measureEnd = long.MaxValue;
    private long _hardStop;
    private int _conversationsClaimed;

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var samplers = options.Pids.Select(pid => new ProcessSampler(pid)).ToList();
        _runStart = Stopwatch.GetTimestamp();
        _measureStart = _runStart + ToTicks(options.Warmup);
        _hardStop = _runStart + ToTicks(options.MaxRun);
        if (options.Conversations is null)
        {
            _measureEnd = _measureStart + ToTicks(options.Duration);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = new UserTally[options.Users];
        var tasks = new Task[options.Users];
        for (var user = 0; user < options.Users; user++)
        {
            var tally = workers[user] = new UserTally(script.Turns.Count);
            var id = user;
            tasks[user] = Task.Run(() => RunUserAsync(id, tally, stop.Token), CancellationToken.None);
        }

        // Sample the servers while users run: memory peaks, and CPU at the window's edges.
        TimeSpan?[] cpuAtStart = new TimeSpan?[samplers.Count];
        var driverCpuAtStart = TimeSpan.Zero;
        var measuring = false;
        var allDone = Task.WhenAll(tasks);
        while (!allDone.IsCompleted)
        {
            await Task.WhenAny(allDone, Task.Delay(MemorySampleInterval, CancellationToken.None)).ConfigureAwait(false);
            var now = Stopwatch.GetTimestamp();
            if (!measuring && now >= _measureStart)
            {
                measuring = true;
                for (var i = 0; i < samplers.Count; i++)
                {
                    cpuAtStart[i] = samplers[i].ReadCpuTime();
                }

                driverCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            }

            if (measuring && now <= _measureEnd)
            {
                foreach (var sampler in samplers)
                {
                    sampler.SampleMemory();
                }
            }

            // In duration mode, stop in-flight conversations' later turns at the window's end.
            if (now >= Math.Min(_measureEnd, _hardStop))
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        await allDone.ConfigureAwait(false);
        var end = Stopwatch.GetTimestamp();
        var windowEnd = options.Conversations is null ? _measureEnd : workers.Max(w => w.LastTurnEnd);
        var measured = Stopwatch.GetElapsedTime(_measureStart, Math.Max(_measureStart, Math.Min(windowEnd, end)));

        var servers = new List<ServerSample>();
        TimeSpan? serverCpu = TimeSpan.Zero;
        for (var i = 0; i < samplers.Count; i++)
        {
            var cpuNow = samplers[i].ReadCpuTime();
            var used = cpuNow - cpuAtStart[i];
            serverCpu = used is null ? null : serverCpu + used;
            servers.Add(new ServerSample(samplers[i].Pid, ToMb(samplers[i].PeakRssBytes), used?.TotalSeconds));
        }

        var driverCpu = Process.GetCurrentProcess().TotalProcessorTime - driverCpuAtStart;
        return Summarize(workers, measured, servers, samplers.Count > 0 ? serverCpu : null, driverCpu);
    }

    private async Task RunUserAsync(int user, UserTally tally, CancellationToken stop)
    {
        for (long sequence = 0; ; sequence++)
        {
            var now = Stopwatch.GetTimestamp();
            if (stop.IsCancellationRequested || now >= _hardStop || now >= _measureEnd)
            {
                return;
            }

            // Conversation-count mode: each conversation begun after warm-up takes one of the N slots.
            if (options.Conversations is { } limit && now >= _measureStart && Interlocked.Increment(ref _conversationsClaimed) > limit)
            {
                return;
            }

            await using var conversation = transport.StartConversation(user, sequence);
            var failed = false;
            var cut = false;
            foreach (var turn in script.Turns)
            {
                var turnStart = Stopwatch.GetTimestamp();
                if (stop.IsCancellationRequested || turnStart >= _hardStop || turnStart >= _measureEnd)
                {
                    cut = true;
                    break;
                }

                TurnOutcome outcome;
                try
                {
                    outcome = await conversation.RunTurnAsync(turn, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    cut = true;
                    break;
                }

                tally.LastTurnEnd = outcome.EndTimestamp;
                if (outcome.ErrorKind is null && outcome.Replies == 0)
                {
                    outcome = outcome with { ErrorKind = "no-reply", ErrorDetail = $"turn {turn.Index} ('{turn.Label}') got no bot message" };
                }

                if (outcome.ErrorKind is not null)
                {
                    tally.AddError(outcome.ErrorKind, $"turn {turn.Index} ('{turn.Label}'): {outcome.ErrorDetail}");
                    failed = true;
                    break;
                }

                if (outcome.EndTimestamp >= _measureStart && outcome.EndTimestamp <= _measureEnd)
                {
                    tally.Latencies.Add(outcome.EndTimestamp - outcome.StartTimestamp);
                }
            }

            tally.Misrouted += conversation.Misrouted;
            tally.Duplicated += conversation.Duplicates;
            tally.Throttled += conversation.Throttled;
            tally.Retried += conversation.Retried;
            tally.StreamDrops += conversation.StreamDrops;
            tally.StreamReconnects += conversation.StreamReconnects;
            if (failed)
            {
                tally.ConversationsFailed++;
                // A server that refuses at once would otherwise turn this user into a busy loop.
                await Task.Delay(FailureBackoff, CancellationToken.None).ConfigureAwait(false);
            }
            else if (cut)
            {
                tally.ConversationsAbandoned++;
            }
            else
            {
                tally.MissingEchoes += conversation.MissingEchoes;
                tally.RecordReplyCounts(script, conversation.ReplyCounts);
                if (tally.LastTurnEnd >= _measureStart && tally.LastTurnEnd <= _measureEnd)
                {
                    tally.ConversationsCompleted++;
                }
            }
        }
    }

    private RunResult Summarize(UserTally[] workers, TimeSpan measured, List<ServerSample> servers, TimeSpan? serverCpu, TimeSpan driverCpu)
    {
        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(latencies);
        var turns = latencies.LongLength;

        var errorsByKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in workers.SelectMany(w => w.ErrorsByKind))
        {
            errorsByKind[kind] = errorsByKind.GetValueOrDefault(kind) + count;
        }

        long lost = 0, extra = 0;
        var inconsistent = 0;
        var replyCounts = new List<TurnReplyCounts>();
        foreach (var turn in script.Turns)
        {
            var histogram = new SortedDictionary<int, long>();
            foreach (var worker in workers)
            {
                foreach (var (replies, conversations) in worker.ReplyHistogram[turn.Index])
                {
                    histogram[replies] = histogram.GetValueOrDefault(replies) + conversations;
                }
            }

            if (turn.ExpectedReplies is { } expected)
            {
                foreach (var (replies, conversations) in histogram)
                {
                    lost += Math.Max(0, expected - replies) * conversations;
                    extra += Math.Max(0, replies - expected) * conversations;
                }
            }
            else if (histogram.Count > 1)
            {
                inconsistent++;
            }

            replyCounts.Add(new TurnReplyCounts(turn.Index, turn.Label, turn.ExpectedReplies, histogram));
        }

        var seconds = Math.Max(measured.TotalSeconds, 1e-9);
        return new RunResult
        {
            Label = options.EffectiveLabel,
            Mode = options.Mode == DriverMode.Api ? "api" : $"directline-{(options.DirectLineTransport == DirectLineTransport.Poll ? "poll" : "ws")}",
            Targets = options.Targets.Select(t => t.ToString()).ToList(),
            Script = script.Name,
            Users = options.Users,
            WarmupSeconds = options.Warmup.TotalSeconds,
            MeasuredSeconds = Math.Round(measured.TotalSeconds, 3),
            Turns = turns,
            TurnsPerSecond = Math.Round(turns / seconds, 1),
            LatencyMs = new LatencySummary(
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.90),
                Percentile(latencies, 0.99),
                turns == 0 ? 0 : Ms(latencies[^1]),
                turns == 0 ? 0 : Math.Round(latencies.Average(t => Ms(t)), 3)),
            Errors = errorsByKind.Values.Sum(),
            ErrorsByKind = errorsByKind,
            ErrorSamples = workers.SelectMany(w => w.ErrorSamples).Take(MaxErrorSamples).ToList(),
            ConversationsCompleted = workers.Sum(w => w.ConversationsCompleted),
            ConversationsFailed = workers.Sum(w => w.ConversationsFailed),
            ConversationsAbandoned = workers.Sum(w => w.ConversationsAbandoned),
            LostReplies = lost,
            DuplicatedReplies = extra + workers.Sum(w => w.Duplicated),
            MisroutedReplies = workers.Sum(w => w.Misrouted),
            InconsistentTurns = inconsistent,
            Throttled = workers.Sum(w => w.Throttled),
            Retried = workers.Sum(w => w.Retried),
            StreamDrops = workers.Sum(w => w.StreamDrops),
            StreamReconnects = workers.Sum(w => w.StreamReconnects),
            MissingEchoes = workers.Sum(w => w.MissingEchoes),
            ReplyCounts = replyCounts,
            Servers = servers,
            RssMb = servers.Count == 0 || servers.Any(s => s.PeakRssMb is null) ? null : Math.Round(servers.Sum(s => s.PeakRssMb!.Value), 1),
            ServerCpuMsPerTurn = serverCpu is { } cpu && turns > 0 ? Math.Round(cpu.TotalMilliseconds / turns, 4) : null,
            DriverCpuMsPerTurn = turns > 0 ? Math.Round(driverCpu.TotalMilliseconds / turns, 4) : 0,
        };
    }

    private static double Percentile(long[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : Ms(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Ms(long stopwatchTicks) => Math.Round(stopwatchTicks * 1000.0 / Stopwatch.Frequency, 3);

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static double? ToMb(long? bytes) => bytes is { } b ? Math.Round(b / (1024.0 * 1024.0), 1) : null;

    /// <summary>One simulated user's counts; only that user's task writes them, so no locking.</summary>
    private sealed class UserTally
    {
        public UserTally(int turns)
        {
            ReplyHistogram = new Dictionary<int, long>[turns];
            for (var i = 0; i < turns; i++)
            {
                ReplyHistogram[i] = [];
            }
        }

        public List<long> Latencies { get; } = new(4096);
        public Dictionary<string, long> ErrorsByKind { get; } = new(StringComparer.Ordinal);
        public List<string> ErrorSamples { get; } = [];
        public Dictionary<int, long>[] ReplyHistogram { get; }
        public long LastTurnEnd { get; set; }
        public long ConversationsCompleted { get; set; }
        public long ConversationsFailed { get; set; }
        public long ConversationsAbandoned { get; set; }
        public long Misrouted { get; set; }
        public long Duplicated { get; set; }
        public long Throttled { get; set; }
        public long Retried { get; set; }
        public long StreamDrops { get; set; }
        public long StreamReconnects { get; set; }
        public long MissingEchoes { get; set; }

        public void AddError(string kind, string detail)
        {
            ErrorsByKind[kind] = ErrorsByKind.GetValueOrDefault(kind) + 1;
            if (ErrorSamples.Count < MaxErrorSamples)
            {
                ErrorSamples.Add(detail);
            }
        }

        public void RecordReplyCounts(ConversationScript script, IReadOnlyList<int> counts)
        {
            for (var i = 0; i < script.Turns.Count; i++)
            {
                var replies = i < counts.Count ? counts[i] : 0;
                ReplyHistogram[i][replies] = ReplyHistogram[i].GetValueOrDefault(replies) + 1;
            }
        }
    }
}
