using System.Text.Json;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Tests.Adapters;

namespace ReflectBot.Framework.Tests.Scale;

/// <summary>
/// How CloudAdapter delivers a turn's replies around its save: held until saved, re-run after a conflict with the
/// first attempt's words unsaid, send-now replies out at once and never twice, and what an outage answers.
/// </summary>
public sealed class TurnDeliveryTests
{
    private readonly RecordingSender _sender = new();
    private readonly CapturingLogger<TurnErrorHandler> _errors = new();

    private CloudAdapter NewAdapter() => new AdapterWithErrorHandler(_sender, new TurnErrorHandler(_errors)) { HoldRepliesUntilSaved = true };

    private List<string?> PostedTexts() =>
        _sender.Calls.Select(c => JsonSerializer.Deserialize(c.Body!, SchemaJson.Default.Activity)!).Where(a => a.Type == ActivityTypes.Message).Select(a => a.Text).ToList();

    [Fact]
    public async Task Held_replies_are_posted_in_order_after_the_turn_and_typing_and_send_now_go_at_once()
    {
        var adapter = NewAdapter();
        var postedDuringTurn = new List<int>();

        await adapter.ProcessActivityAsync(Activities.FromTeams("hi"), async (tc, ct) =>
        {
            await tc.SendActivityAsync("one", cancellationToken: ct);
            postedDuringTurn.Add(_sender.Calls.Count);
            await tc.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, ct);
            postedDuringTurn.Add(_sender.Calls.Count);
            await tc.SendNowAsync(MessageFactory.Text("urgent"), ct);
            postedDuringTurn.Add(_sender.Calls.Count);
            await tc.SendActivityAsync("two", cancellationToken: ct);
        });

        Assert.Equal([0, 1, 2], postedDuringTurn);
        Assert.Equal(["urgent", "one", "two"], PostedTexts());
    }

    [Fact]
    public async Task A_turn_whose_save_conflicts_runs_again_from_fresh_state_and_only_the_last_attempts_replies_go_out()
    {
        var storage = new ConflictingStorage(conflicts: 1);
        var adapter = NewAdapter();
        var attempts = new List<int>();

        await adapter.ProcessActivityAsync(Activities.FromTeams("hi"), async (tc, ct) =>
        {
            var attempt = (int)tc.TurnState[CloudAdapter.TurnAttemptKey];
            attempts.Add(attempt);
            await tc.SendNowAsync(MessageFactory.Text("crisis help"), ct);
            await tc.SendActivityAsync($"reply from attempt {attempt}", cancellationToken: ct);
            await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new StoreItem("{}", "etag-read") }, ct);
        });

        Assert.Equal([1, 2], attempts);
        Assert.Equal(["crisis help", "reply from attempt 2"], PostedTexts());
    }

    [Fact]
    public async Task A_retry_of_a_handled_turn_posts_its_held_replies_again_to_a_channel_that_keeps_each_once_and_never_to_one_that_cannot()
    {
        var runs = 0;
        BotCallbackHandler bot = async (tc, ct) =>
        {
            runs++;
            await tc.SendActivityAsync("one", cancellationToken: ct);
            await tc.SendActivityAsync("two", cancellationToken: ct);
        };

        // The instance records the turn as handled, posts the first reply and dies before the second.
        var channel = new KeepsEachOnceSender { DiesAtPost = 2 };
        var dedupe = new MemoryActivityDeduplicator();
        var dying = new CloudAdapter(channel) { HoldRepliesUntilSaved = true, Deduplicator = dedupe };
        await Assert.ThrowsAsync<IOException>(() => dying.ProcessActivityAsync(Activities.FromTeams("hi"), bot));
        Assert.Equal(["one"], channel.Kept);

        // The channel's retry reaches another instance: the turn does not run again, its replies are all out once.
        channel.DiesAtPost = 0;
        var other = new CloudAdapter(channel) { HoldRepliesUntilSaved = true, Deduplicator = dedupe };
        await other.ProcessActivityAsync(Activities.FromTeams("hi"), bot);
        Assert.Equal(1, runs);
        Assert.Equal(["one", "two"], channel.Kept);

        // A Bot Connector cannot tell a repeat: a retry of a handled turn posts nothing there.
        var connectorDedupe = new MemoryActivityDeduplicator();
        var connector = new CloudAdapter(_sender) { HoldRepliesUntilSaved = true, Deduplicator = connectorDedupe };
        await connector.ProcessActivityAsync(Activities.FromTeams("hi", id: "msg-2"), bot);
        await new CloudAdapter(_sender) { HoldRepliesUntilSaved = true, Deduplicator = connectorDedupe }.ProcessActivityAsync(Activities.FromTeams("hi", id: "msg-2"), bot);
        Assert.Equal(["one", "two"], PostedTexts());
    }

    /// <summary>A channel that keeps a reply once by its id (as Direct Line does), and can die at its n-th post.</summary>
    private sealed class KeepsEachOnceSender : IConnectorSender, IReplayableConnectorSender
    {
        private readonly HashSet<string> _ids = [];
        private int _posts;

        public int DiesAtPost { get; set; }

        public List<string?> Kept { get; } = [];

        public bool CanReplay(Uri serviceUrl) => true;

        public Task<string?> SendAsync(HttpMethod method, Uri serviceUrl, string relativePath, string? jsonBody, CancellationToken ct)
        {
            if (++_posts == DiesAtPost)
            {
                throw new IOException("The instance died.");
            }

            var reply = JsonSerializer.Deserialize(jsonBody!, SchemaJson.Default.Activity)!;
            Assert.False(string.IsNullOrEmpty(reply.Id), "A reply that may be posted again needs an id of its own.");
            if (_ids.Add(reply.Id!))
            {
                Kept.Add(reply.Text);
            }

            return Task.FromResult<string?>($$"""{"id":"{{reply.Id}}"}""");
        }
    }

    [Fact]
    public async Task ExpectReplies_conflict_rerun_returns_only_the_last_attempts_replies()
    {
        var storage = new ConflictingStorage(conflicts: 2);
        var adapter = NewAdapter();

        var result = await adapter.ProcessActivityAsync(Activities.FromTeams("hi", deliveryMode: DeliveryModes.ExpectReplies), async (tc, ct) =>
        {
            await tc.SendActivityAsync($"attempt {tc.TurnState[CloudAdapter.TurnAttemptKey]}", cancellationToken: ct);
            await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new StoreItem("{}", "etag-read") }, ct);
        });

        var replies = Assert.IsType<ExpectedReplies>(result.Body);
        Assert.Equal(["attempt 3"], replies.Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task A_turn_that_keeps_conflicting_is_reported_busy_and_says_nothing()
    {
        var storage = new ConflictingStorage(conflicts: int.MaxValue);
        var adapter = NewAdapter();
        var runs = 0;

        await Assert.ThrowsAsync<TurnBusyException>(() => adapter.ProcessActivityAsync(Activities.FromTeams("hi"), async (tc, ct) =>
        {
            runs++;
            await tc.SendActivityAsync("never seen", cancellationToken: ct);
            await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new StoreItem("{}", "etag-read") }, ct);
        }));

        Assert.Equal(adapter.MaxTurnAttempts, runs);
        Assert.Empty(_sender.Calls);
    }

    [Fact]
    public async Task A_storage_outage_escapes_the_error_handler_and_nothing_is_said()
    {
        var adapter = NewAdapter();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => adapter.ProcessActivityAsync(Activities.FromTeams("hi"), async (tc, ct) =>
        {
            await tc.SendActivityAsync("half a turn", cancellationToken: ct);
            throw new StorageUnavailableException("Redis at test is unavailable (read): connection SocketFailure");
        }));

        Assert.Empty(_sender.Calls);
        Assert.Empty(_errors.Entries);
    }

    [Fact]
    public async Task ExpectReplies_with_a_crisis_reply_before_the_outage_answers_200_with_that_reply_only()
    {
        var adapter = NewAdapter();

        var result = await adapter.ProcessActivityAsync(Activities.FromTeams("hi", deliveryMode: DeliveryModes.ExpectReplies), async (tc, ct) =>
        {
            await tc.SendNowAsync(MessageFactory.Text("Please call 988 now."), ct);
            await tc.SendActivityAsync("the dialog's next step", cancellationToken: ct);
            throw new StorageUnavailableException("Redis at test is unavailable (read): connection SocketFailure");
        });

        Assert.Equal(200, result.Status);
        Assert.Equal(["Please call 988 now."], Assert.IsType<ExpectedReplies>(result.Body).Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task Normal_delivery_with_a_crisis_reply_before_the_outage_answers_200_and_the_crisis_reply_went_out()
    {
        var adapter = NewAdapter();

        var result = await adapter.ProcessActivityAsync(Activities.FromTeams("hi"), async (tc, ct) =>
        {
            await tc.SendNowAsync(MessageFactory.Text("Please call 988 now."), ct);
            await tc.SendActivityAsync("the dialog's next step", cancellationToken: ct);
            throw new StorageUnavailableException("Redis at test is unavailable (read): connection SocketFailure");
        });

        Assert.Equal(200, result.Status);
        Assert.Equal(["Please call 988 now."], PostedTexts());
    }

    [Fact]
    public async Task A_retried_activity_runs_once_and_gets_the_first_answer_but_a_failed_one_runs_again()
    {
        var adapter = NewAdapter();
        adapter.Deduplicator = new MemoryActivityDeduplicator();
        var runs = 0;
        BotCallbackHandler bot = (tc, ct) =>
        {
            runs++;
            return tc.SendActivityAsync($"run {runs}", cancellationToken: ct);
        };

        var first = await adapter.ProcessActivityAsync(Activities.FromTeams("hi", id: "m1", deliveryMode: DeliveryModes.ExpectReplies), bot);
        var retry = await adapter.ProcessActivityAsync(Activities.FromTeams("hi", id: "m1", deliveryMode: DeliveryModes.ExpectReplies), bot);
        Assert.Equal(1, runs);
        Assert.Equal(first.SerializeBody(), retry.SerializeBody());

        await Assert.ThrowsAsync<StorageUnavailableException>(() => adapter.ProcessActivityAsync(
            Activities.FromTeams("again", id: "m2"), (_, _) => throw new StorageUnavailableException("down")));
        await adapter.ProcessActivityAsync(Activities.FromTeams("again", id: "m2"), bot);
        Assert.Equal(2, runs);
        Assert.Equal(["run 2"], PostedTexts());
    }

    /// <summary>Throws a conflict on the first <c>conflicts</c> writes, then accepts.</summary>
    private sealed class ConflictingStorage(int conflicts) : IStorage
    {
        private int _writes;

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            Task.FromResult<IDictionary<string, object>>(new Dictionary<string, object>());

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
            ++_writes <= conflicts ? throw new StorageConflictException(changes.Keys.First()) : Task.CompletedTask;

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
