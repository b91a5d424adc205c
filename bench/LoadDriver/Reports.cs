using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LoadDriver;

/// <summary>The human summary of one run, and the markdown table comparing several.</summary>
public static class Reports
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Summary(RunResult r)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(Invariant));

        Line($"== {r.Label} ({r.Mode}, {r.Users} users, script {r.Script}, {string.Join(" + ", r.Targets)}) ==");
        Line($"measured {r.MeasuredSeconds:0.0} s after {r.WarmupSeconds:0.#} s warm-up: {r.Turns} turns, {r.TurnsPerSecond:0.0} turns/s");
        Line($"latency ms: p50 {r.LatencyMs.P50:0.00}  p90 {r.LatencyMs.P90:0.00}  p99 {r.LatencyMs.P99:0.00}  max {r.LatencyMs.Max:0.0}  mean {r.LatencyMs.Mean:0.00}");
        Line($"conversations: {r.ConversationsCompleted} complete in the window, {r.ConversationsFailed} failed, {r.ConversationsAbandoned} cut off at the end");
        Line($"errors (whole run): {r.Errors}{(r.Errors == 0 ? "" : " — " + string.Join(", ", r.ErrorsByKind.Select(e => $"{e.Key} {e.Value}")))}");
        foreach (var sample in r.ErrorSamples)
        {
            Line($"  e.g. {sample}");
        }

        Line($"replies per turn (replies × conversations), completed conversations of the whole run:");
        foreach (var turn in r.ReplyCounts)
        {
            var expected = turn.Expected is { } e ? $"expect {e}" : "expect same";
            var counts = turn.Counts.Count == 0 ? "-" : string.Join("  ", turn.Counts.Select(c => $"{c.Key}×{c.Value}"));
            Line($"  {turn.Turn,2} {Truncate(turn.Said, 28),-28} {expected,-11}: {counts}");
        }

        Line($"lost {r.LostReplies}, duplicated {r.DuplicatedReplies}, misrouted {r.MisroutedReplies}, inconsistent turns {r.InconsistentTurns}{(r.Mode.StartsWith("directline", StringComparison.Ordinal) ? $", missing echoes {r.MissingEchoes}, throttled (429, retried) {r.Throttled}" : "")}");
        if (r.Retried > 0 || r.StreamDrops > 0)
        {
            Line($"faults ridden out: {r.Retried} requests sent again, {r.StreamDrops} streams dropped, {r.StreamReconnects} reopened from their watermark");
        }

        if (r.IdleSockets is { } idle)
        {
            Line($"idle sockets beside the load: {idle.Idle} idle (pinging like Web Chat) + {idle.Slow} slow (never reading), {idle.Refused} refused, {idle.OpenAtEnd} still open at the end");
        }

        foreach (var server in r.Servers)
        {
            var cpu = server.CpuSeconds is { } s ? $"CPU {s:0.0} s in the window" : "CPU unknown";
            Line($"server pid {server.Pid}: peak RSS {Format(server.PeakRssMb, "0.0")} MB, {cpu}");
        }

        Line($"CPU per turn: server {Format(r.ServerCpuMsPerTurn, "0.000")} ms, driver {r.DriverCpuMsPerTurn:0.000} ms");
        Line($"verdict: {(r.Clean ? "clean" : "NOT CLEAN")}");
        return text.ToString();
    }

    /// <summary>
    /// One markdown row per label, with throughput ratios to the ceiling (baseline) and to the JS SDK peer.
    /// Several results with the same label (run.sh --rounds) become one row of medians; errors and
    /// lost/duplicated/misrouted replies are summed, so a single bad round still shows.
    /// Ratios only mean something between results of the same run of run.sh (same machine, same load).
    /// </summary>
    public static string Table(IReadOnlyList<RunResult> results, string baselineLabel, string peerLabel)
    {
        var rows = results.GroupBy(r => r.Label).Select(Row.Of).ToList();
        var baseline = rows.FirstOrDefault(r => r.Label == baselineLabel);
        var peer = rows.FirstOrDefault(r => r.Label == peerLabel);
        var text = new StringBuilder();
        text.AppendLine("| target | turns/s | p50 ms | p99 ms | errors | RSS MB | ratio to echo | ratio to JS SDK peer | server CPU ms/turn | reply checks | rounds |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(Invariant,
                $"| {r.Label} | {r.TurnsPerSecond:0} | {r.P50:0.0} | {r.P99:0.0} | {r.Errors} | {Format(r.RssMb, "0")} | {Ratio(r, baseline)} | {Ratio(r, peer)} | {Format(r.CpuMsPerTurn, "0.00")} | {r.ReplyChecks} | {r.Rounds} |"));
        }

        return text.ToString();
    }

    /// <summary>One table row: the medians (or sums, for failures) of a label's rounds.</summary>
    private sealed record Row(
        string Label, int Rounds, double TurnsPerSecond, double P50, double P99, long Errors, double? RssMb,
        double? CpuMsPerTurn, long Lost, long Duplicated, long Misrouted, long Inconsistent)
    {
        /// <summary>"ok", or what went wrong with the replies, summed over the rounds.</summary>
        public string ReplyChecks =>
            Lost == 0 && Duplicated == 0 && Misrouted == 0 && Inconsistent == 0
                ? "ok"
                : string.Create(Invariant, $"lost {Lost}, duplicated {Duplicated}, misrouted {Misrouted}, inconsistent turns {Inconsistent}");

        public static Row Of(IGrouping<string, RunResult> rounds)
        {
            var list = rounds.ToList();
            return new Row(
                rounds.Key,
                list.Count,
                Median(list.Select(r => r.TurnsPerSecond))!.Value,
                Median(list.Select(r => r.LatencyMs.P50))!.Value,
                Median(list.Select(r => r.LatencyMs.P99))!.Value,
                list.Sum(r => r.Errors),
                list.Any(r => r.RssMb is null) ? null : Median(list.Select(r => r.RssMb!.Value)),
                list.Any(r => r.ServerCpuMsPerTurn is null) ? null : Median(list.Select(r => r.ServerCpuMsPerTurn!.Value)),
                list.Sum(r => r.LostReplies),
                list.Sum(r => r.DuplicatedReplies),
                list.Sum(r => r.MisroutedReplies),
                list.Sum(r => (long)r.InconsistentTurns));
        }
    }

    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static RunResult Load(string path) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(path), ResultJsonContext.Default.RunResult)
        ?? throw new InvalidDataException($"{path}: empty result");

    public static void Save(RunResult result, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(result, ResultJsonContext.Default.RunResult));
    }

    private static string Ratio(Row r, Row? reference) =>
        reference is null || reference.TurnsPerSecond <= 0 ? "–" : string.Create(Invariant, $"{r.TurnsPerSecond / reference.TurnsPerSecond:0.00}×");

    private static string Format(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "–";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
