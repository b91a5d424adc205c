namespace LoadDriver.Tests;

public class ReportsTests
{
    [Fact]
    public void Rounds_of_a_target_become_one_row_of_medians_with_ratios_to_echo_and_the_peer()
    {
        var table = Reports.Table(
        [
            Result("echo", 1000), Result("js-peer", 100), Result("reflectbot-memory", 600),
            Result("echo", 3000), Result("js-peer", 120), Result("reflectbot-memory", 500, lost: 2),
            Result("echo", 2000), Result("js-peer", 110), Result("reflectbot-memory", 800),
        ], "echo", "js-peer");

        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, rows.Length);
        Assert.Equal("| echo | 2000 | 2.0 | 9.0 | 0 | 80 | 1.00× | 18.18× | 0.10 | ok | 3 |", rows[2]);
        Assert.Equal("| js-peer | 110 | 2.0 | 9.0 | 0 | 80 | 0.06× | 1.00× | 0.10 | ok | 3 |", rows[3]);
        // A single round that lost replies still shows, though the medians look fine.
        Assert.Equal("| reflectbot-memory | 600 | 2.0 | 9.0 | 0 | 80 | 0.30× | 5.45× | 0.10 | lost 2, duplicated 0, misrouted 0, inconsistent turns 0 | 3 |", rows[4]);
    }

    [Fact]
    public void Without_the_reference_rows_ratios_are_left_blank()
    {
        var table = Reports.Table([Result("reflectbot-memory", 600)], "echo", "js-peer");

        Assert.Contains("| 600 | 2.0 | 9.0 | 0 | 80 | – | – |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_survives_the_json_round_trip_the_report_reads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"loaddriver-{Guid.NewGuid():N}.json");
        try
        {
            Reports.Save(Result("echo", 1234.5, lost: 1), path);
            var loaded = Reports.Load(path);
            Assert.Equal(1234.5, loaded.TurnsPerSecond);
            Assert.Equal(1, loaded.LostReplies);
            Assert.Equal(new Dictionary<int, long> { [1] = 10 }, loaded.ReplyCounts[0].Counts);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static RunResult Result(string label, double turnsPerSecond, long lost = 0) => new()
    {
        Label = label,
        Mode = "api",
        Targets = ["http://127.0.0.1:1/"],
        Script = "s.txt",
        Users = 50,
        WarmupSeconds = 5,
        MeasuredSeconds = 20,
        Turns = (long)(turnsPerSecond * 20),
        TurnsPerSecond = turnsPerSecond,
        LatencyMs = new LatencySummary(2, 5, 9, 20, 3),
        Errors = 0,
        ErrorsByKind = new Dictionary<string, long>(),
        ErrorSamples = [],
        ConversationsCompleted = 10,
        ConversationsFailed = 0,
        ConversationsAbandoned = 0,
        LostReplies = lost,
        DuplicatedReplies = 0,
        MisroutedReplies = 0,
        InconsistentTurns = 0,
        Throttled = 0,
        MissingEchoes = 0,
        ReplyCounts = [new TurnReplyCounts(0, "@join", 1, new Dictionary<int, long> { [1] = 10 })],
        Servers = [new ServerSample(1, 80, 1)],
        RssMb = 80,
        ServerCpuMsPerTurn = 0.1,
        DriverCpuMsPerTurn = 0.05,
    };
}
