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
    /// One markdown row per result, with throughput ratios to the ceiling (baseline) and to the JS SDK peer.
    /// Ratios only mean something between results of the same run of run.sh (same machine, same load).
    /// </summary>
    public static string Table(IReadOnlyList<RunResult> results, string baselineLabel, string peerLabel)
    {
        var baseline = results.FirstOrDefault(r => r.Label == baselineLabel);
        var peer = results.FirstOrDefault(r => r.Label == peerLabel);
        var text = new StringBuilder();
        text.AppendLine("| target | turns/s | p50 ms | p99 ms | errors | RSS MB | ratio to echo | ratio to JS SDK peer | server CPU ms/turn | lost/dup/misrouted |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(string.Create(Invariant,
                $"| {r.Label} | {r.TurnsPerSecond:0} | {r.LatencyMs.P50:0.0} | {r.LatencyMs.P99:0.0} | {r.Errors} | {Format(r.RssMb, "0")} | {Ratio(r, baseline)} | {Ratio(r, peer)} | {Format(r.ServerCpuMsPerTurn, "0.00")} | {r.LostReplies}/{r.DuplicatedReplies}/{r.MisroutedReplies} |"));
        }

        return text.ToString();
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

    private static string Ratio(RunResult r, RunResult? reference) =>
        reference is null || reference.TurnsPerSecond <= 0 ? "–" : string.Create(Invariant, $"{r.TurnsPerSecond / reference.TurnsPerSecond:0.00}×");

    private static string Format(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "–";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
