using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Tests.Redis;
using ReflectBot.Web.Tests.Host;

namespace ReflectBot.Web.Tests.Scale;

/// <summary>
/// Two hosts (two WebApplicationFactory instances: separate containers, turn locks, deduplicators and Redis
/// connections, as two processes would have) sharing one real redis-server through Storage:Provider=Redis.
/// </summary>
[Collection(ScaleRedisCollection.Name)]
public sealed class ScaleOutTests(SharedRedisFixture redis)
{
    [Fact]
    public async Task A_message_arriving_at_another_instance_mid_turn_waits_and_runs_after_it()
    {
        var recorder = new TurnRecorder { Delay = TimeSpan.FromMilliseconds(400) };
        await using var a = Instance("A", recorder);
        await using var b = Instance("B", recorder);
        var (conversation, user) = NewIds();

        var first = a.CreateClient().PostAsync(Message("first", conversation, user));
        await recorder.FirstTurnStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = b.CreateClient().PostAsync(Message("second", conversation, user));

        Assert.Equal("conversation 1, user 1", Assert.Single(await (await first).RepliesAsync()).Text);
        Assert.Equal("conversation 2, user 2", Assert.Single(await (await second).RepliesAsync()).Text);
        var turns = recorder.Turns.ToList();
        Assert.Equal(["first", "second"], turns.Select(t => t.Text));
        Assert.Equal(["A", "B"], turns.Select(t => t.Instance));
        Assert.True(turns[1].Started >= turns[0].Ended, "B's turn started before A's had finished.");
        Assert.Equal(1, recorder.MaxRunningPerConversation);
    }

    [Fact]
    public async Task A_burst_of_messages_spread_over_two_instances_is_counted_without_a_lost_write()
    {
        var recorder = new TurnRecorder();
        await using var a = Instance("A", recorder);
        await using var b = Instance("B", recorder);
        var clients = new[] { a.CreateClient(), b.CreateClient() };
        var (conversation, user) = NewIds();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => clients[i % 2].PostAsync(Message($"m{i}", conversation, user))));

        var texts = new List<string?>();
        foreach (var response in responses)
        {
            texts.Add(Assert.Single(await response.RepliesAsync()).Text);
        }

        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"conversation {n}, user {n}").Order(), texts.Order());
        Assert.Equal(1, recorder.MaxRunningPerConversation);
        Assert.Contains(recorder.Turns, t => t.Instance == "A");
        Assert.Contains(recorder.Turns, t => t.Instance == "B");
    }

    [Fact]
    public async Task One_user_in_two_conversations_at_once_on_two_instances_loses_no_write_and_hears_each_reply_once()
    {
        // The turn lock keeps each conversation in order, but user state is shared across conversations: the two
        // turns save it with the same ETag, one of them conflicts and is run again from fresh state.
        var recorder = new TurnRecorder { Delay = TimeSpan.FromMilliseconds(300) };
        await using var a = Instance("A", recorder);
        await using var b = Instance("B", recorder);
        var (conversationA, user) = NewIds();
        var (conversationB, _) = NewIds();

        // Both hosts built first: building B while A's turn runs can take longer than the turn on a busy machine,
        // and then the two turns never overlap.
        var (clientA, clientB) = (a.CreateClient(), b.CreateClient());
        var responses = await Task.WhenAll(
            clientA.PostAsync(Message("here", conversationA, user)),
            clientB.PostAsync(Message("there", conversationB, user)));

        var texts = new List<string?>();
        foreach (var response in responses)
        {
            texts.Add(Assert.Single(await response.RepliesAsync()).Text);
        }

        Assert.Equal(["conversation 1, user 1", "conversation 1, user 2"], texts.Order());
        Assert.Contains(recorder.Turns, t => t.Attempt == 2);
        Assert.Contains(a.Logs.Concat(b.Logs), l => l.Message.Contains("running it again"));

        // And the user count really is 2 in the store, not just in the replies.
        var next = await a.CreateClient().PostAsync(Message("again", conversationA, user));
        Assert.Equal("conversation 2, user 3", Assert.Single(await next.RepliesAsync()).Text);
    }

    [Fact]
    public async Task The_same_activity_sent_again_to_the_same_and_to_another_instance_runs_once_with_identical_replies()
    {
        var recorder = new TurnRecorder();
        await using var a = Instance("A", recorder);
        await using var b = Instance("B", recorder);
        var (conversation, user) = NewIds();
        var activity = Message("only once", conversation, user);

        var bodies = new List<string>();
        foreach (var client in new[] { a.CreateClient(), a.CreateClient(), b.CreateClient() })
        {
            var response = await client.PostAsync(activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Single(recorder.Turns);
        Assert.Contains("conversation 1, user 1", bodies[0]);
        Assert.All(bodies, body => Assert.Equal(bodies[0], body));
        Assert.Contains(b.Logs, l => l.Message.Contains("was already handled"));
    }

    [Fact]
    public async Task A_retry_arriving_while_the_first_run_is_still_going_waits_for_it_and_gets_its_replies()
    {
        var recorder = new TurnRecorder { Delay = TimeSpan.FromMilliseconds(500) };
        await using var a = Instance("A", recorder);
        await using var b = Instance("B", recorder);
        var (conversation, user) = NewIds();
        var activity = Message("slow one", conversation, user);

        var first = a.CreateClient().PostAsync(activity);
        await recorder.FirstTurnStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var retry = await b.CreateClient().PostAsync(activity);

        Assert.Equal(await (await first).Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("conversation 1, user 1", Assert.Single(await retry.RepliesAsync()).Text);
        Assert.Single(recorder.Turns);
    }

    [Fact]
    public async Task With_normal_delivery_a_retried_activity_is_answered_200_and_its_replies_are_posted_once()
    {
        var recorder = new TurnRecorder();
        await using var channel = await FakeChannel.StartAsync();
        await using var a = Instance("A", recorder);
        await using var b = Instance("B", recorder);
        var (conversation, user) = NewIds();
        var activity = Message("hello", conversation, user, channel.ServiceUrl);

        var firstResponse = await a.CreateClient().PostAsync(activity);
        var retryResponse = await b.CreateClient().PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retryResponse.StatusCode);
        Assert.Equal("", await retryResponse.Content.ReadAsStringAsync());
        var posted = Assert.Single(channel.Received);
        Assert.Contains("conversation 1, user 1", posted.Body);
        Assert.Single(recorder.Turns);
    }

    [Fact]
    public async Task When_an_instance_dies_mid_conversation_the_other_one_continues_the_dialog()
    {
        var (conversation, user) = NewIds();
        var a = RealBotInstance();
        var menu = await a.CreateClient().PostAsync(Message("hi", conversation, user));
        Assert.Equal(HttpStatusCode.OK, menu.StatusCode);
        var menuBody = await menu.Content.ReadAsStringAsync();
        Assert.Contains("What would you like to do?", menuBody);
        Assert.Contains("Recognise the signs", menuBody);

        // Instance A goes away (its container, connections and in-process locks with it).
        await a.DisposeAsync();

        await using var b = RealBotInstance();
        var client = b.CreateClient();
        var branch = await (await client.PostAsync(Message("Recognise the signs", conversation, user))).RepliesAsync();
        Assert.Equal(TestBranch.Question, Assert.Single(branch).Text);

        var answer = await (await client.PostAsync(Message("he goes quiet when I ask", conversation, user))).RepliesAsync();
        Assert.Equal(TestBranch.Noted + "he goes quiet when I ask", answer[0].Text);
    }

    [Fact]
    public async Task When_Redis_stops_requests_fail_fast_with_a_503_line_and_service_resumes_when_it_is_back()
    {
        var port = RedisTestServer.FreePort();
        var connection = await RedisTestServer.StartAsync(port);
        try
        {
            var recorder = new TurnRecorder();
            await using var host = Instance("A", recorder, connection);
            var client = host.CreateClient();
            var (conversation, user) = NewIds();
            Assert.Equal("conversation 1, user 1", Assert.Single(await (await client.PostAsync(Message("before", conversation, user))).RepliesAsync()).Text);

            await RedisTestServer.StopAsync(port);
            var clock = Stopwatch.StartNew();
            var down = await client.PostAsync(Message("during", conversation, user));
            clock.Stop();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The 503 took {clock.Elapsed}.");
            Assert.Equal("The bot's storage is unavailable; try again shortly.\n", await down.Content.ReadAsStringAsync());
            Assert.NotNull(down.Headers.RetryAfter);
            var logLine = Assert.Single(host.Logs, l => l.Message.StartsWith("503 for "));
            Assert.Equal(LogLevel.Warning, logLine.Level);
            Assert.DoesNotContain("\n", logLine.Message);
            Assert.DoesNotContain(recorder.Turns, t => t.Text == "during");

            // The same port again, as a restarted Redis would be. It kept no data (no persistence in tests).
            await RedisTestServer.StartAsync(port);
            var (freshConversation, freshUser) = NewIds();
            var back = await PostUntilNot503Async(client, Message("after", freshConversation, freshUser), TimeSpan.FromSeconds(20));
            Assert.Equal("conversation 1, user 1", Assert.Single(await back.RepliesAsync()).Text);
        }
        finally
        {
            await RedisTestServer.StopAsync(port);
        }
    }

    [Fact]
    public async Task While_Redis_is_down_a_crisis_reply_sent_before_state_still_reaches_the_person()
    {
        var port = RedisTestServer.FreePort();
        var connection = await RedisTestServer.StartAsync(port);
        try
        {
            var recorder = new TurnRecorder();
            await using var host = Instance("A", recorder, connection, services =>
                services.AddSingleton<IMiddleware>(new AnonymousMiddleware(async (tc, next, ct) =>
                {
                    // Stands in for the safety middleware: it answers before any state is read.
                    if (tc.Activity.Text == "send the held-back test reply now")
                    {
                        await tc.SendNowAsync(MessageFactory.Text(CrisisReply), ct);
                    }

                    await next(ct);
                })));
            var client = host.CreateClient();
            var (conversation, user) = NewIds();
            await (await client.PostAsync(Message("hello", conversation, user))).RepliesAsync();

            await RedisTestServer.StopAsync(port);

            var replies = await (await client.PostAsync(Message("send the held-back test reply now", conversation, user))).RepliesAsync();
            Assert.Equal([CrisisReply], replies.Select(r => r.Text));
            Assert.Contains(host.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("answering with its send-now replies only"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.PostAsync(Message("an ordinary message", conversation, user))).StatusCode);
        }
        finally
        {
            await RedisTestServer.StopAsync(port);
        }
    }

    private const string CrisisReply = "You deserve to be safe right now. Please call or text 988.";

    /// <summary>The client reconnects in the background within a couple of seconds; a channel would retry on 503 too.</summary>
    private static async Task<HttpResponseMessage> PostUntilNot503Async(HttpClient client, JsonObject activity, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.PostAsync(activity);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || clock.Elapsed > limit)
            {
                return response;
            }

            await Task.Delay(200);
        }
    }

    private BotHostFactory Instance(string name, TurnRecorder recorder, string? connectionString = null, Action<IServiceCollection>? more = null) => new(
        services =>
        {
            services.AddSingleton<IBot>(sp => new ScaleTestBot(sp.GetRequiredService<IStorage>(), recorder, name));
            more?.Invoke(services);
        },
        RedisSettings(connectionString));

    /// <summary>The real bot and content; one test branch behind the "signs" menu entry, whatever branches ship.</summary>
    private BotHostFactory RealBotInstance() => new(TestBranch.ReplaceBranches, RedisSettings(null));

    private Dictionary<string, string?> RedisSettings(string? connectionString) => new()
    {
        ["Storage:Provider"] = "Redis",
        ["Storage:ConnectionString"] = connectionString ?? redis.ConnectionString,
    };

    private static (string Conversation, string User) NewIds() => ($"a:conv-{Guid.NewGuid():N}", $"29:user-{Guid.NewGuid():N}");

    private static JsonObject Message(string text, string conversationId, string userId, string? serviceUrl = null)
    {
        var activity = Wire.Message(text, conversationId, serviceUrl, expectReplies: serviceUrl is null);
        activity["from"]!["id"] = userId;
        return activity;
    }
}
