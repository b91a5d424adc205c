using System.Collections.Concurrent;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.Storage.Redis;
using ReflectBot.Framework.Tests.Redis;
using ReflectBot.Web.DirectLine;
using ReflectBot.Web.Tests.Scale;
using Xunit.Abstractions;

namespace ReflectBot.Web.Tests.DirectLine;

/// <summary>
/// What every <see cref="IDirectLineStore"/> promises, run against each store. "Two instances" are two stores over
/// the same data: the same object in memory, two stores on two Redis connections for Redis.
/// </summary>
public abstract class DirectLineStoreContract : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Two stores sharing one backlog, as two instances of the host would.</summary>
    protected Task<(IDirectLineStore One, IDirectLineStore Two)> CreateStoresAsync(int maxBacklog = 500) => CreateStoresAsync(new DirectLineOptions { MaxBacklog = maxBacklog });

    protected abstract Task<(IDirectLineStore One, IDirectLineStore Two)> CreateStoresAsync(DirectLineOptions options);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static string NewConversationId() => "c-" + Guid.NewGuid().ToString("N");

    protected static Activity Message(string text) => new() { Type = "message", Text = text };

    protected static long SequenceOf(string id) => long.Parse(id[(id.LastIndexOf('|') + 1)..], CultureInfo.InvariantCulture);

    protected static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    [Fact]
    public async Task Appends_are_numbered_in_order_and_the_backlog_keeps_the_newest()
    {
        var (store, _) = await CreateStoresAsync(maxBacklog: 5);
        var conversation = NewConversationId();
        await store.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);
        var activities = Enumerable.Range(1, 8).Select(i => Message($"m{i}")).ToList();

        var ids = await store.AppendAsync(conversation, activities, default);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"{conversation}|{i:D7}"), ids);
        Assert.Equal(ids, activities.Select(a => a.Id));
        var page = await store.ReadAsync(conversation, 0, default);
        Assert.Equal(8, page!.Watermark);
        Assert.Equal(["m4", "m5", "m6", "m7", "m8"], page.ActivitiesJson.Select(j => (string?)Parse(j)["text"]));
        Assert.Equal(ids[3], (string?)Parse(page.ActivitiesJson[0])["id"]);
        Assert.Equal(["m8"], (await store.ReadAsync(conversation, 7, default))!.ActivitiesJson.Select(j => (string?)Parse(j)["text"]));
    }

    [Fact]
    public async Task Reading_from_the_latest_watermark_gives_nothing_and_the_same_watermark()
    {
        var (store, _) = await CreateStoresAsync();
        var conversation = NewConversationId();
        await store.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);
        Assert.Equal(0, (await store.ReadAsync(conversation, 0, default))!.Watermark);

        await store.AppendAsync(conversation, [Message("one"), Message("two")], default);

        var page = await store.ReadAsync(conversation, 2, default);
        Assert.Empty(page!.ActivitiesJson);
        Assert.Equal(2, page.Watermark);

        // A watermark from the future (a client of a conversation that was lost and started again) is no gap to fill.
        Assert.Empty((await store.ReadAsync(conversation, 99, default))!.ActivitiesJson);
    }

    [Fact]
    public async Task An_activity_is_stored_as_it_was_when_appended()
    {
        var (store, _) = await CreateStoresAsync();
        var conversation = NewConversationId();
        await store.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);
        var activity = new Activity { Type = "message", Text = "before \"quoted\" | piped", ReplyToId = $"{conversation}|0000001" };

        await store.AppendAsync(conversation, [activity], default);
        activity.Text = "after";

        var stored = Parse(Assert.Single((await store.ReadAsync(conversation, 0, default))!.ActivitiesJson));
        Assert.Equal("before \"quoted\" | piped", (string?)stored["text"]);
        Assert.Equal($"{conversation}|0000001", (string?)stored["id"]);
        Assert.Equal($"{conversation}|0000001", (string?)stored["replyToId"]);
    }

    [Fact]
    public async Task A_conversation_is_created_once_and_keeps_its_user_and_locale()
    {
        var (one, two) = await CreateStoresAsync();
        var withLocale = NewConversationId();
        var withoutLocale = NewConversationId();

        Assert.Equal(ConversationCreation.Created, await one.TryCreateConversationAsync(new DirectLineConversation(withLocale, "dl_user", "de-DE"), default));
        Assert.Equal(ConversationCreation.Exists, await two.TryCreateConversationAsync(new DirectLineConversation(withLocale, "someone-else", null), default));
        Assert.Equal(ConversationCreation.Created, await two.TryCreateConversationAsync(new DirectLineConversation(withoutLocale, "dl_other", null), default));

        Assert.Equal(new DirectLineConversation(withLocale, "dl_user", "de-DE"), await two.GetConversationAsync(withLocale, default));
        Assert.Equal(new DirectLineConversation(withoutLocale, "dl_other", null), await one.GetConversationAsync(withoutLocale, default));
    }

    [Fact]
    public async Task At_the_cap_a_new_conversation_is_refused_the_open_ones_go_on_and_idle_ones_free_their_places()
    {
        var (one, two) = await CreateStoresAsync(new DirectLineOptions { MaxConversations = 2, ConversationIdleTimeout = TimeSpan.FromSeconds(1) });
        var (first, second, third) = (NewConversationId(), NewConversationId(), NewConversationId());
        Assert.Equal(ConversationCreation.Created, await one.TryCreateConversationAsync(new DirectLineConversation(first, "u1", null), default));
        Assert.Equal(ConversationCreation.Created, await two.TryCreateConversationAsync(new DirectLineConversation(second, "u2", null), default));

        // Counted over both instances; nobody already talking is pushed out, and starting again with an open id is no new one.
        Assert.Equal(ConversationCreation.AtCapacity, await two.TryCreateConversationAsync(new DirectLineConversation(third, "u3", null), default));
        Assert.Null(await one.GetConversationAsync(third, default));
        Assert.Equal(ConversationCreation.Exists, await one.TryCreateConversationAsync(new DirectLineConversation(first, "u1", null), default));
        await two.AppendAsync(first, [Message("still talking")], default);
        Assert.Single((await one.ReadAsync(first, 0, default))!.ActivitiesJson);

        await Task.Delay(TimeSpan.FromSeconds(1.6));
        Assert.Equal(ConversationCreation.Created, await one.TryCreateConversationAsync(new DirectLineConversation(third, "u3", null), default));
    }

    [Fact]
    public async Task A_post_sent_again_with_its_client_key_is_stored_once_and_answers_with_the_first_copy()
    {
        var (one, two) = await CreateStoresAsync(maxBacklog: 3);
        var conversation = NewConversationId();
        await one.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);

        var first = await one.AppendOnceAsync(conversation, Message("hello"), "client-1", default);
        await one.AppendAsync(conversation, [Message("a reply")], default);
        var again = await two.AppendOnceAsync(conversation, Message("hello (sent again)"), "client-1", default);
        var other = await two.AppendOnceAsync(conversation, Message("something else"), "client-2", default);

        Assert.True(first.Appended);
        Assert.False(again.Appended);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal("hello", (string?)Parse(again.StoredJson!)["text"]);
        Assert.Equal(first.Id, (string?)Parse(again.StoredJson!)["id"]);
        Assert.True(other.Appended);
        Assert.Equal(3, (await one.ReadAsync(conversation, 0, default))!.Watermark);

        // Once the backlog has moved past it, a very late retry still is not stored again; there is just nothing to show.
        await one.AppendAsync(conversation, [Message("r1"), Message("r2"), Message("r3")], default);
        var late = await one.AppendOnceAsync(conversation, Message("hello"), "client-1", default);
        Assert.False(late.Appended);
        Assert.Null(late.StoredJson);
        Assert.Equal(6, (await two.ReadAsync(conversation, 0, default))!.Watermark);
    }

    [Fact]
    public async Task An_unknown_conversation_reads_as_missing_and_cannot_be_appended_to()
    {
        var (store, _) = await CreateStoresAsync();
        var missing = NewConversationId();
        var activity = Message("lost");

        Assert.Null(await store.GetConversationAsync(missing, default));
        Assert.Null(await store.ReadAsync(missing, 0, default));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.AppendAsync(missing, [activity], default));

        // Nothing was created by trying.
        Assert.Null(await store.GetConversationAsync(missing, default));
    }

    [Fact]
    public async Task Concurrent_appends_from_two_instances_get_gap_free_unique_ordered_numbers()
    {
        var (one, two) = await CreateStoresAsync();
        var conversation = NewConversationId();
        await one.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);
        var textById = new ConcurrentDictionary<string, string>();

        // 8 writers, half on each instance, 30 appends each; every third append carries two activities.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            var store = writer % 2 == 0 ? one : two;
            for (var i = 0; i < 30; i++)
            {
                var batch = Enumerable.Range(0, i % 3 == 0 ? 2 : 1).Select(k => Message($"w{writer}-{i}-{k}")).ToList();
                var ids = await store.AppendAsync(conversation, batch, default);
                if (ids.Count == 2)
                {
                    Assert.Equal(SequenceOf(ids[0]) + 1, SequenceOf(ids[1]));
                }

                for (var k = 0; k < ids.Count; k++)
                {
                    Assert.True(textById.TryAdd(ids[k], batch[k].Text!), $"{ids[k]} was handed out twice.");
                }
            }
        })));

        const int total = 8 * (20 + (10 * 2));
        Assert.Equal(Enumerable.Range(1, total).Select(n => (long)n), textById.Keys.Select(SequenceOf).Order());
        var page = (await two.ReadAsync(conversation, 0, default))!;
        Assert.Equal(total, page.Watermark);
        var stored = page.ActivitiesJson.Select(Parse).ToList();
        Assert.Equal(Enumerable.Range(1, total).Select(n => $"{conversation}|{n:D7}"), stored.Select(a => (string?)a["id"]));
        Assert.All(stored, a => Assert.Equal(textById[(string)a["id"]!], (string?)a["text"]));

        // Each writer's own appends are in the order it made them.
        foreach (var writer in Enumerable.Range(0, 8))
        {
            var mine = stored.Select(a => (string)a["text"]!).Where(t => t.StartsWith($"w{writer}-", StringComparison.Ordinal)).ToList();
            Assert.Equal(mine.OrderBy(t => int.Parse(t.Split('-')[1], CultureInfo.InvariantCulture)).ThenBy(t => t), mine);
        }
    }

    [Fact]
    public async Task A_reader_woken_by_its_subscription_sees_every_append_from_either_instance_and_hears_nothing_once_it_lets_go()
    {
        var (one, two) = await CreateStoresAsync();
        var conversation = NewConversationId();
        await one.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);
        var wake = new SemaphoreSlim(0);
        var subscription = two.Subscribe(conversation, () => wake.Release());

        // As a stream does: read after each notice, from the watermark.
        long watermark = 0;
        var seen = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            await (i % 2 == 0 ? one : two).AppendAsync(conversation, [Message($"m{i}")], default);
            using var timeout = new CancellationTokenSource(Patience);
            while (!seen.Contains($"m{i}"))
            {
                await wake.WaitAsync(timeout.Token);
                var page = (await two.ReadAsync(conversation, watermark, default))!;
                seen.AddRange(page.ActivitiesJson.Select(j => (string)Parse(j)["text"]!));
                watermark = page.Watermark;
            }
        }

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"m{i}"), seen);

        subscription.Dispose();
        await Task.Delay(200);
        while (wake.CurrentCount > 0)
        {
            await wake.WaitAsync();
        }

        await one.AppendAsync(conversation, [Message("unheard")], default);
        Assert.False(await wake.WaitAsync(TimeSpan.FromMilliseconds(500)), "A subscription that was disposed still fired.");
    }
}

/// <summary>The contract against the in-memory store (one instance: both "instances" are the same store).</summary>
public sealed class InMemoryDirectLineStoreContractTests : DirectLineStoreContract
{
    protected override Task<(IDirectLineStore One, IDirectLineStore Two)> CreateStoresAsync(DirectLineOptions options)
    {
        var store = new InMemoryDirectLineStore(Options.Create(options), TimeProvider.System);
        return Task.FromResult<(IDirectLineStore, IDirectLineStore)>((store, store));
    }
}

/// <summary>The contract against Redis, plus what only a shared store has to get right: expiry, pub/sub, outages.</summary>
[Collection(ScaleRedisCollection.Name)]
public sealed class RedisDirectLineStoreContractTests(SharedRedisFixture redis, ITestOutputHelper output) : DirectLineStoreContract
{
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";
    private readonly List<IAsyncDisposable> _owned = [];

    protected override Task<(IDirectLineStore One, IDirectLineStore Two)> CreateStoresAsync(DirectLineOptions options)
    {
        return Task.FromResult<(IDirectLineStore, IDirectLineStore)>((Store(redis.ConnectionString, options), Store(redis.ConnectionString, options)));
    }

    public override async Task DisposeAsync()
    {
        // Stores first: they let go of their subscriptions on the connections disposed after them.
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_idle_conversation_expires_by_itself_unless_a_stream_is_open_on_it()
    {
        // Seconds, not milliseconds: the refresh of the watched one must not miss its window on a busy machine.
        var options = new DirectLineOptions { ConversationIdleTimeout = TimeSpan.FromSeconds(2) };
        var store = Store(redis.ConnectionString, options);
        var (idle, watched) = (NewConversationId(), NewConversationId());
        await store.TryCreateConversationAsync(new DirectLineConversation(idle, "u1", null), default);
        await store.TryCreateConversationAsync(new DirectLineConversation(watched, "u2", null), default);
        await store.AppendAsync(idle, [Message("hello")], default);
        using var stream = store.Subscribe(watched, () => { });

        await using var admin = await AdminAsync(redis.ConnectionString);
        var ttl = await admin.GetDatabase().KeyTimeToLiveAsync($"{_prefix}dl:{{{idle}}}:activities");
        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(1), options.ConversationIdleTimeout);

        // Reading counts as use: a conversation read within the timeout is kept.
        await Task.Delay(1200);
        Assert.NotNull(await store.ReadAsync(idle, 0, default));
        await Task.Delay(1200);
        Assert.NotNull(await store.GetConversationAsync(idle, default));

        await Task.Delay(3000);
        Assert.Null(await store.GetConversationAsync(idle, default));
        Assert.Null(await store.ReadAsync(idle, 0, default));
        Assert.False(await admin.GetDatabase().KeyExistsAsync($"{_prefix}dl:{{{idle}}}:activities"));
        Assert.NotNull(await store.GetConversationAsync(watched, default));
    }

    [Fact]
    public async Task Closing_the_last_stream_of_a_conversation_unsubscribes_its_channel()
    {
        var store = Store(redis.ConnectionString, new DirectLineOptions());
        var conversation = NewConversationId();
        await store.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);
        await using var admin = await AdminAsync(redis.ConnectionString);
        var channel = $"{_prefix}dl:{{{conversation}}}:appended";

        var first = store.Subscribe(conversation, () => { });
        var second = store.Subscribe(conversation, () => { });
        await WaitUntilAsync(async () => await SubscribersAsync(admin, channel) == 1, "the channel was never subscribed");
        first.Dispose();
        await Task.Delay(200);
        Assert.Equal(1, await SubscribersAsync(admin, channel));

        second.Dispose();
        await WaitUntilAsync(async () => await SubscribersAsync(admin, channel) == 0, "the channel stayed subscribed");
        await WaitUntilAsync(() => Task.FromResult(store.SubscribedConversationCount == 0), "the store kept the conversation's listeners");
    }

    [Fact]
    public async Task When_the_subscriber_connection_drops_a_reader_still_gets_what_was_appended_meanwhile()
    {
        var port = RedisTestServer.FreePort();
        var connection = await RedisTestServer.StartAsync(port);
        try
        {
            var options = new DirectLineOptions();
            var writer = Store(connection, options);
            var reader = Store(connection, options);
            var conversation = NewConversationId();
            await writer.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);
            var channel = $"{_prefix}dl:{{{conversation}}}:appended";
            await using var admin = await AdminAsync(connection);
            using var stop = new CancellationTokenSource();
            var seen = new ConcurrentQueue<string>();
            var wake = new SemaphoreSlim(0);
            using var subscription = reader.Subscribe(conversation, () => wake.Release());

            // As a stream does: read from the watermark after every notice, and only then.
            var reading = Task.Run(async () =>
            {
                long watermark = 0;
                while (!stop.IsCancellationRequested)
                {
                    await wake.WaitAsync(stop.Token);
                    try
                    {
                        var page = (await reader.ReadAsync(conversation, watermark, default))!;
                        foreach (var json in page.ActivitiesJson)
                        {
                            seen.Enqueue((string)Parse(json)["text"]!);
                        }

                        watermark = page.Watermark;
                    }
                    catch (ReflectBot.Framework.State.StorageUnavailableException)
                    {
                    }
                }
            });
            await WaitUntilAsync(async () => await SubscribersAsync(admin, channel) == 1, "the channel was never subscribed");

            // Cut every pub/sub connection and keep them from coming back (Redis refuses new connections while the open
            // ones fill maxclients), append, then let them reconnect. Nobody listened when that append was published, so
            // only the store's catch-up after reconnecting can tell the reader about it.
            var server = admin.GetServer(admin.GetEndPoints()[0]);
            Assert.NotNull(await reader.ReadAsync(conversation, 0, default));
            var pubsubClients = (await server.ExecuteAsync("CLIENT", "LIST", "TYPE", "pubsub")).ToString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            var connected = (await server.InfoAsync("clients")).SelectMany(g => g).Single(p => p.Key == "connected_clients").Value;
            await server.ExecuteAsync("CONFIG", "SET", "maxclients", int.Parse(connected, CultureInfo.InvariantCulture) - pubsubClients);
            try
            {
                await server.ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
                Assert.Equal(0, await SubscribersAsync(admin, channel));
                await writer.AppendAsync(conversation, [Message("while away")], default);
                await Task.Delay(300);
                Assert.Equal(0, await SubscribersAsync(admin, channel));
                Assert.DoesNotContain("while away", seen);
            }
            finally
            {
                await server.ExecuteAsync("CONFIG", "SET", "maxclients", 10000);
            }

            await WaitUntilAsync(() => Task.FromResult(seen.Contains("while away")), "the reader never caught up with the append it missed");

            // The subscription itself is back: a later append is heard without another outage.
            await writer.AppendAsync(conversation, [Message("after")], default);
            await WaitUntilAsync(() => Task.FromResult(seen.Contains("after")), "the reader did not hear an append after the reconnect");
            Assert.Equal(seen.Count, seen.Distinct().Count());
            await stop.CancelAsync();
            try
            {
                await reading;
            }
            catch (OperationCanceledException)
            {
            }
        }
        finally
        {
            await RedisTestServer.StopAsync(port);
        }
    }

    [Fact]
    public async Task A_notice_reaches_the_other_instance_quickly()
    {
        var (one, two) = await CreateStoresAsync();
        var conversation = NewConversationId();
        await one.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);
        var heard = new SemaphoreSlim(0);
        using var subscription = two.Subscribe(conversation, () => heard.Release());
        Assert.True(await heard.WaitAsync(Patience), "The subscription never took effect.");

        var latencies = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var clock = Stopwatch.StartNew();
            await one.AppendAsync(conversation, [Message($"m{i}")], default);
            Assert.True(await heard.WaitAsync(Patience), $"Append {i} was never heard on the other instance.");
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"append on one instance -> notice on the other, 200 appends: p50 {latencies[100]:0.00} ms, p90 {latencies[180]:0.00} ms, p99 {latencies[198]:0.00} ms, max {latencies[^1]:0.00} ms"));
    }

    [Fact]
    public async Task While_Redis_is_down_an_append_fails_whole_and_the_store_works_again_when_it_is_back()
    {
        var port = RedisTestServer.FreePort();
        var connection = await RedisTestServer.StartAsync(port);
        try
        {
            var store = Store(connection, new DirectLineOptions());
            var conversation = NewConversationId();
            await store.TryCreateConversationAsync(new DirectLineConversation(conversation, "u1", null), default);
            var activity = new Activity { Type = "message", Text = "during", Id = "client-id" };

            await RedisTestServer.StopAsync(port);
            await Assert.ThrowsAsync<ReflectBot.Framework.State.StorageUnavailableException>(() => store.AppendAsync(conversation, [activity], default));
            Assert.Equal("client-id", activity.Id);
            await Assert.ThrowsAsync<ReflectBot.Framework.State.StorageUnavailableException>(() => store.ReadAsync(conversation, 0, default));

            await RedisTestServer.StartAsync(port);
            var fresh = NewConversationId();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    Assert.Equal(ConversationCreation.Created, await store.TryCreateConversationAsync(new DirectLineConversation(fresh, "u1", null), default));
                    break;
                }
                catch (ReflectBot.Framework.State.StorageUnavailableException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
                {
                    await Task.Delay(200);
                }
            }

            Assert.Equal($"{fresh}|0000001", Assert.Single(await store.AppendAsync(fresh, [Message("after")], default)));
        }
        finally
        {
            await RedisTestServer.StopAsync(port);
        }
    }

    private RedisDirectLineStore Store(string connectionString, DirectLineOptions options)
    {
        var connection = new RedisConnection(connectionString);
        _owned.Add(connection);
        var store = new RedisDirectLineStore(connection, Options.Create(options), TimeProvider.System, NullLogger<RedisDirectLineStore>.Instance, _prefix);
        _owned.Add(store);
        return store;
    }

    private static Task<StackExchange.Redis.ConnectionMultiplexer> AdminAsync(string connectionString) =>
        StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");

    private static async Task<long> SubscribersAsync(StackExchange.Redis.ConnectionMultiplexer admin, string channel)
    {
        var reply = (StackExchange.Redis.RedisResult[])(await admin.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel))!;
        return (long)reply[1];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, failure);
            await Task.Delay(20);
        }
    }
}
