using System.Diagnostics;

namespace LoadDriver.Tests;

/// <summary>The run's bookkeeping, over a scripted fake bot whose misbehaviour each test chooses.</summary>
public class LoadRunTests
{
    private static readonly ConversationScript Script = ConversationScript.Parse("fake.txt",
    [
        "@join => 2",
        "Plan next steps => 1",
        "yes",
    ]);

    [Fact]
    public async Task A_well_behaved_bot_gives_a_clean_run_with_every_turn_counted()
    {
        var result = await RunAsync(new FakeTransport((_, turn) => Replies(turn.Index == 0 ? 2 : 1)), conversations: 20);

        Assert.True(result.Clean);
        Assert.Equal(20, result.ConversationsCompleted);
        Assert.Equal(60, result.Turns);
        Assert.Equal(0, result.Errors);
        Assert.Equal(new Dictionary<int, long> { [2] = 20 }, result.ReplyCounts[0].Counts);
        Assert.Equal(new Dictionary<int, long> { [1] = 20 }, result.ReplyCounts[2].Counts);
    }

    [Fact]
    public async Task Missing_and_extra_replies_against_the_script_are_lost_and_duplicated()
    {
        // Every conversation's first turn gets one greeting instead of two; every 4th "Plan next steps" gets two.
        var transport = new FakeTransport((conversation, turn) => turn.Index switch
        {
            0 => Replies(1),
            1 => Replies(conversation % 4 == 0 ? 2 : 1),
            _ => Replies(1),
        });

        var result = await RunAsync(transport, conversations: 8, users: 1);

        Assert.False(result.Clean);
        Assert.Equal(8, result.LostReplies);
        Assert.Equal(2, result.DuplicatedReplies);
        Assert.Equal(0, result.Errors);
    }

    [Fact]
    public async Task A_turn_without_a_count_must_get_the_same_number_in_every_conversation()
    {
        var transport = new FakeTransport((conversation, turn) => turn.Index switch
        {
            0 => Replies(2),
            1 => Replies(1),
            _ => Replies(conversation == 3 ? 2 : 1),
        });

        var result = await RunAsync(transport, conversations: 6, users: 1);

        Assert.Equal(1, result.InconsistentTurns);
        Assert.Equal(new Dictionary<int, long> { [1] = 5, [2] = 1 }, result.ReplyCounts[2].Counts);
        Assert.False(result.Clean);
    }

    [Fact]
    public async Task A_failed_turn_ends_its_conversation_and_counts_as_an_error()
    {
        var transport = new FakeTransport((conversation, turn) =>
            conversation == 1 && turn.Index == 1 ? Failure("http-500", "boom")
            : conversation == 2 && turn.Index == 2 ? Replies(0)
            : Replies(turn.Index == 0 ? 2 : 1));

        var result = await RunAsync(transport, conversations: 5, users: 1);

        Assert.Equal(2, result.Errors);
        Assert.Equal(new Dictionary<string, long> { ["http-500"] = 1, ["no-reply"] = 1 }, result.ErrorsByKind);
        Assert.Equal(2, result.ConversationsFailed);
        Assert.Equal(3, result.ConversationsCompleted);
        Assert.Contains(result.ErrorSamples, s => s.Contains("turn 2 ('yes')", StringComparison.Ordinal));
        // The failed conversations' turns do not reach the reply histogram: only completed ones do.
        Assert.Equal(3, result.ReplyCounts[0].Counts.Values.Sum());
        // The fake failed conversation 1 at its second turn, so it never ran its third.
        Assert.Equal(2, transport.TurnsRun(1));
    }

    [Fact]
    public async Task Misrouted_replies_reported_by_the_transport_make_the_run_unclean()
    {
        var transport = new FakeTransport((_, turn) => Replies(turn.Index == 0 ? 2 : 1)) { MisroutedPerConversation = 1 };

        var result = await RunAsync(transport, conversations: 3, users: 1);

        Assert.Equal(3, result.MisroutedReplies);
        Assert.False(result.Clean);
    }

    [Fact]
    public async Task A_duration_run_stops_by_itself_and_counts_only_the_measured_window()
    {
        var transport = new FakeTransport((_, turn) => Replies(turn.Index == 0 ? 2 : 1)) { Delay = TimeSpan.FromMilliseconds(5) };
        var options = Options(users: 4);
        options.Warmup = TimeSpan.FromSeconds(0.3);
        options.Duration = TimeSpan.FromSeconds(0.7);

        var clock = Stopwatch.StartNew();
        var result = await new LoadRun(options, Script, transport).RunAsync(CancellationToken.None);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 5);
        Assert.Equal(0.7, result.MeasuredSeconds, precision: 2);
        Assert.True(result.Turns > 0);
        // The warm-up's turns ran but are not in the measured count.
        Assert.True(transport.TotalTurns > result.Turns);
        Assert.True(result.Clean);
    }

    private static async Task<RunResult> RunAsync(FakeTransport transport, int conversations, int users = 4)
    {
        var options = Options(users);
        options.Warmup = TimeSpan.Zero;
        options.Conversations = conversations;
        return await new LoadRun(options, Script, transport).RunAsync(CancellationToken.None);
    }

    private static DriverOptions Options(int users)
    {
        var options = DriverOptions.Parse(["--target", "http://127.0.0.1:1", "--script", "fake.txt", "--label", "fake"]);
        options.Users = users;
        return options;
    }

    private static TurnOutcome Replies(int count) => new(count, null, null, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp());

    private static TurnOutcome Failure(string kind, string detail) => TurnOutcome.Failed(kind, detail, Stopwatch.GetTimestamp());

    /// <summary>A bot whose answer to each turn is chosen by (conversation number across the run, turn).</summary>
    private sealed class FakeTransport(Func<int, ScriptTurn, TurnOutcome> answer) : ITransport
    {
        private readonly Dictionary<int, int> _turnsRun = [];
        private int _conversations;
        private int _totalTurns;

        public TimeSpan Delay { get; init; }

        public int MisroutedPerConversation { get; init; }

        public int TotalTurns => Volatile.Read(ref _totalTurns);

        public int TurnsRun(int conversation)
        {
            lock (_turnsRun)
            {
                return _turnsRun.GetValueOrDefault(conversation);
            }
        }

        public IConversation StartConversation(int user, long sequence) => new Conversation(this, Interlocked.Increment(ref _conversations) - 1);

        public void Dispose()
        {
        }

        private sealed class Conversation(FakeTransport transport, int number) : IConversation
        {
            private readonly List<int> _counts = [];

            public IReadOnlyList<int> ReplyCounts => _counts;

            public int Misrouted => transport.MisroutedPerConversation;

            public int Duplicates => 0;

            public int Throttled => 0;

            public int MissingEchoes => 0;

            public async Task<TurnOutcome> RunTurnAsync(ScriptTurn turn, CancellationToken cancellationToken)
            {
                if (transport.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(transport.Delay, cancellationToken);
                }

                Interlocked.Increment(ref transport._totalTurns);
                lock (transport._turnsRun)
                {
                    transport._turnsRun[number] = transport._turnsRun.GetValueOrDefault(number) + 1;
                }

                var outcome = transport.Invoke(number, turn);
                _counts.Add(outcome.Replies);
                return outcome;
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }

        private TurnOutcome Invoke(int conversation, ScriptTurn turn) => answer(conversation, turn);
    }
}
