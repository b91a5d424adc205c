using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Content;
using ReflectBot.Framework.Tests.Redis;
using ReflectBot.Web.DirectLine;
using ReflectBot.Web.Tests.Scale;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace ReflectBot.Web.Tests.DirectLine;

/// <summary>
/// Direct Line behind a load balancer: two hosts (separate containers and Redis connections, as two processes
/// would have), each on its own loopback port, sharing one real redis-server through Storage:Provider=Redis.
/// A client may reach either one for any call; it must see one conversation, in order, each activity once.
/// </summary>
[Collection(ScaleRedisCollection.Name)]
public sealed class DirectLineScaleOutTests(SharedRedisFixture redis, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_conversation_started_on_one_instance_streams_on_the_other_in_order_and_once_and_polls_the_same()
    {
        await using var a = Instance();
        await using var b = Instance();
        using var onA = Client(a);
        using var onB = Client(b);
        var content = a.Services.GetRequiredService<CommonContent>();
        var started = await onA.StartAsync((string)(await onA.PageTokenAsync())["token"]!);
        var (conversationId, token) = ((string)started["conversationId"]!, (string)started["token"]!);

        using var stream = await LiveStream.ConnectAsync(On(b, (string)started["streamUrl"]!));
        var welcome = await stream.ReadUntilAsync(all => all.Any(x => Activities.Text(x) == content.Menu.Prompt));
        Assert.Equal(content.Welcome.Greeting, Activities.Text(welcome[0]));
        var welcomeWatermark = stream.LastWatermark;

        var posted = new List<string>();
        var latencies = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            posted.Add(await onA.PostMessageAsync(conversationId, token, "help", clientActivityId: $"c-{i}"));
            await stream.ReadUntilAsync(all => all.Count(x => Activities.Text(x) == content.Menu.Prompt) == i + 2);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        var all = stream.Received;
        var fresh = all.Skip(welcome.Count).Where(x => (string?)x["type"] == "message").ToList();
        Assert.Equal(9, fresh.Count);
        Assert.Equal(all.Count, all.Select(Activities.Id).Distinct().Count());
        Assert.Equal(all.Select(x => Activities.Id(x)!).Order(StringComparer.Ordinal), all.Select(Activities.Id));
        for (var i = 0; i < 3; i++)
        {
            var (message, help, menu) = (fresh[3 * i], fresh[(3 * i) + 1], fresh[(3 * i) + 2]);
            Assert.Equal(posted[i], Activities.Id(message));
            Assert.Equal($"c-{i}", (string?)message["channelData"]!["clientActivityID"]);
            Assert.Equal([content.Help, content.Menu.Prompt], new[] { help, menu }.Select(Activities.Text));
            Assert.All(new[] { help, menu }, reply => Assert.Equal(posted[i], (string?)reply["replyToId"]));
        }

        // Polling on B (and on A) sees the very same activities, and a watermark taken on one instance works on the other.
        var (polledOnB, watermarkOnB) = await onB.GetActivitiesAsync(conversationId, token);
        Assert.Equal(all.Select(Activities.Id), polledOnB.Select(Activities.Id));
        Assert.Equal(stream.LastWatermark, watermarkOnB);
        var (sinceWelcome, _) = await onA.GetActivitiesAsync(conversationId, token, welcomeWatermark);
        Assert.Equal(all.Skip(welcome.Count).Select(Activities.Id), sinceWelcome.Select(Activities.Id));
        var (nothingNew, sameWatermark) = await onB.GetActivitiesAsync(conversationId, token, watermarkOnB);
        Assert.Empty(nothingNew);
        Assert.Equal(watermarkOnB, sameWatermark);

        latencies.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"post on A -> echo and both replies on B's socket (includes the bot's turn): {string.Join(", ", latencies.Select(l => $"{l:0} ms"))}"));
    }

    [Fact]
    public async Task When_the_instance_holding_the_conversation_stops_the_other_one_continues_the_dialog()
    {
        var a = Instance(services: TestBranch.ReplaceBranches);
        using var onA = Client(a);
        var started = await onA.StartAsync(DirectLineHost.Secret, new JsonObject { ["user"] = new JsonObject { ["id"] = "dl_test_user" } });
        var (conversationId, token) = ((string)started["conversationId"]!, (string)started["token"]!);
        await onA.PostMessageAsync(conversationId, token, "Recognise the signs");
        var (soFar, _) = await onA.GetActivitiesAsync(conversationId, token);
        Assert.Equal(TestBranch.Question, Activities.Text(soFar.Messages().Last()));

        // Instance A goes away: its container, connections, subscriptions and in-process locks with it.
        await a.DisposeAsync();

        await using var b = Instance(services: TestBranch.ReplaceBranches);
        using var onB = Client(b);
        await onB.PostMessageAsync(conversationId, token, "he goes quiet when I ask");

        var (all, watermark) = await onB.GetActivitiesAsync(conversationId, token);
        var texts = all.Messages().Select(Activities.Text).ToList();
        Assert.Equal(
            ["Recognise the signs", TestBranch.Question, "he goes quiet when I ask", TestBranch.Noted + "he goes quiet when I ask"],
            texts.SkipWhile(t => t != "Recognise the signs").Take(4));
        Assert.Equal(Enumerable.Range(1, all.Count).Select(n => $"{conversationId}|{n:D7}"), all.Select(Activities.Id));
        Assert.Equal(all.Count.ToString(CultureInfo.InvariantCulture), watermark);
    }

    [Fact]
    public async Task Messages_posted_to_both_instances_at_once_get_unique_gap_free_ordered_ids_and_each_its_own_replies()
    {
        var settings = new Dictionary<string, string?> { ["DirectLine:PostBurst"] = "50" };
        await using var a = Instance(settings);
        await using var b = Instance(settings);
        using var onA = Client(a);
        using var onB = Client(b);
        var content = a.Services.GetRequiredService<CommonContent>();
        var started = await onA.StartAsync(DirectLineHost.Secret);
        var (conversationId, token) = ((string)started["conversationId"]!, (string)started["token"]!);

        var posted = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? onA : onB).PostMessageAsync(conversationId, token, "help", clientActivityId: $"c-{i}")));

        var (all, watermark) = await onB.GetActivitiesAsync(conversationId, token);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(n => $"{conversationId}|{n:D7}"), all.Select(Activities.Id));
        Assert.Equal(all.Count.ToString(CultureInfo.InvariantCulture), watermark);
        var userMessages = all.Where(x => !Activities.FromBot(x)).Select(x => Activities.Id(x)!).ToList();
        Assert.Equal(posted.Order(StringComparer.Ordinal), userMessages.Where(posted.Contains).Order(StringComparer.Ordinal));
        Assert.Equal(16, posted.Distinct().Count());
        foreach (var id in posted)
        {
            var replies = all.Where(x => (string?)x!["replyToId"] == id).ToList();
            Assert.Equal([content.Help, content.Menu.Prompt], replies.Select(Activities.Text));
            Assert.All(replies, reply => Assert.True(string.CompareOrdinal(Activities.Id(reply), id) > 0, "A reply came before the message it answers."));
        }
    }

    [Fact]
    public async Task A_stream_whose_redis_subscription_dropped_catches_up_from_its_watermark_without_waiting_for_a_keep_alive()
    {
        var port = RedisTestServer.FreePort();
        var connection = await RedisTestServer.StartAsync(port);
        try
        {
            // A minute between keep-alives: only the catch-up after reconnecting can deliver what the notice missed.
            var settings = new Dictionary<string, string?> { ["DirectLine:KeepAliveInterval"] = "00:01:00" };
            await using var a = Instance(settings, connection);
            await using var b = Instance(settings, connection);
            using var onA = Client(a);
            var content = a.Services.GetRequiredService<CommonContent>();
            var started = await onA.StartAsync(DirectLineHost.Secret);
            var (conversationId, token) = ((string)started["conversationId"]!, (string)started["token"]!);
            using var stream = await LiveStream.ConnectAsync(On(b, (string)started["streamUrl"]!));
            await stream.ReadUntilAsync(all => all.Any(x => Activities.Text(x) == content.Menu.Prompt));
            await using var admin = await ConnectionMultiplexer.ConnectAsync(connection + ",allowAdmin=true");
            var channel = $"reflectbot:dl:{{{conversationId}}}:appended";
            await WaitUntilAsync(async () => await SubscribersAsync(admin, channel) == 1);

            // Cut every pub/sub connection and keep them from coming back (Redis refuses new connections while the
            // open ones fill maxclients), post on A, then let them reconnect. Every notice of that turn went to nobody.
            var server = admin.GetServer(admin.GetEndPoints()[0]);
            var pubsubClients = (await server.ExecuteAsync("CLIENT", "LIST", "TYPE", "pubsub")).ToString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            var connected = (await server.InfoAsync("clients")).SelectMany(g => g).Single(p => p.Key == "connected_clients").Value;
            await server.ExecuteAsync("CONFIG", "SET", "maxclients", int.Parse(connected, CultureInfo.InvariantCulture) - pubsubClients);
            try
            {
                await server.ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
                Assert.Equal(0, await SubscribersAsync(admin, channel));
                await onA.PostMessageAsync(conversationId, token, "help", clientActivityId: "while-b-was-away");
                Assert.Equal(0, await SubscribersAsync(admin, channel));
            }
            finally
            {
                await server.ExecuteAsync("CONFIG", "SET", "maxclients", 10000);
            }

            var clock = Stopwatch.StartNew();
            var received = await stream.ReadUntilAsync(all => all.Count(x => Activities.Text(x) == content.Menu.Prompt) == 2);
            output.WriteLine($"B's stream caught up {clock.ElapsedMilliseconds} ms after Redis took connections again");
            Assert.Contains(received, x => (string?)x["channelData"]?["clientActivityID"] == "while-b-was-away");
            Assert.Equal(received.Count, received.Select(Activities.Id).Distinct().Count());
            using var onB = Client(b);
            var (polled, _) = await onB.GetActivitiesAsync(conversationId, token);
            Assert.Equal(polled.Select(Activities.Id), received.Select(Activities.Id));
        }
        finally
        {
            await RedisTestServer.StopAsync(port);
        }
    }

    [Fact]
    public async Task When_Redis_stops_Direct_Line_answers_503_with_a_reason_keeps_open_streams_and_recovers_when_it_is_back()
    {
        var port = RedisTestServer.FreePort();
        var connection = await RedisTestServer.StartAsync(port);
        try
        {
            await using var host = Instance(connectionString: connection);
            using var client = Client(host);
            var content = host.Services.GetRequiredService<CommonContent>();
            var started = await client.StartAsync(DirectLineHost.Secret);
            var (conversationId, token) = ((string)started["conversationId"]!, (string)started["token"]!);
            using var stream = await LiveStream.ConnectAsync(new Uri((string)started["streamUrl"]!));
            await stream.ReadUntilAsync(all => all.Any(x => Activities.Text(x) == content.Menu.Prompt));
            var conversationPath = $"{DirectLineClient.Base}/conversations/{conversationId}";

            await RedisTestServer.StopAsync(port);
            var clock = Stopwatch.StartNew();
            var post = await client.SendAsync(HttpMethod.Post, $"{conversationPath}/activities", token, DirectLineClient.Message("during"));
            var poll = await client.SendAsync(HttpMethod.Get, $"{conversationPath}/activities?watermark=1", token);
            var reconnect = await client.SendAsync(HttpMethod.Get, conversationPath, token);
            var start = await client.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/conversations", DirectLineHost.Secret, new JsonObject());
            clock.Stop();

            foreach (var (status, body, response) in new[] { post, poll, reconnect, start })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
                Assert.Equal("BotUnavailable", (string?)body!["error"]!["code"]);
                Assert.Equal("The bot cannot answer right now; please try again shortly.", (string?)body["error"]!["message"]);
                Assert.NotNull(response.Headers.RetryAfter);
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"Four 503s took {clock.Elapsed}.");
            var lines = host.Logs.Where(l => l.Contains(" 503 for directline conversation ", StringComparison.Ordinal)).ToList();
            Assert.Equal(4, lines.Count);
            Assert.All(lines, line => Assert.StartsWith("Warning ", line));
            Assert.All(lines, line => Assert.Contains("unavailable", line));
            Assert.Contains(lines, line => line.Contains(conversationId) && line.Contains("POST /v3/directline/conversations/{conversationId}/activities"));
            Assert.DoesNotContain(host.Logs, l => l.Contains("\"during\"") || l.Contains("UnhandledException"));
            Assert.Equal(WebSocketState.Open, stream.Socket.State);

            // The same port again, as a restarted Redis would be. It kept no data (no persistence in tests): the old
            // conversation is gone, so its stream ends; a new one works as soon as the connection is back.
            await RedisTestServer.StartAsync(port);
            clock.Restart();
            JsonNode? restarted;
            while (true)
            {
                var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/conversations", DirectLineHost.Secret, new JsonObject());
                if (status != HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Equal(HttpStatusCode.Created, status);
                    restarted = body;
                    break;
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "Direct Line did not recover within 20 s of Redis coming back.");
                await Task.Delay(200);
            }

            var (newConversation, newToken) = ((string)restarted!["conversationId"]!, (string)restarted["token"]!);
            await client.PostMessageAsync(newConversation, newToken, "help");
            var (activities, _) = await client.GetActivitiesAsync(newConversation, newToken);
            Assert.Equal([content.Help, content.Menu.Prompt], activities.Messages().TakeLast(2).Select(Activities.Text));
            Assert.Equal(WebSocketCloseStatus.NormalClosure, await stream.WaitForCloseAsync());
        }
        finally
        {
            await RedisTestServer.StopAsync(port);
        }
    }

    private DirectLineHost Instance(Dictionary<string, string?>? settings = null, string? connectionString = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Redis",
            ["Storage:ConnectionString"] = connectionString ?? redis.ConnectionString,
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var host = new DirectLineHost(all, services: services);
        host.UseKestrel(0);
        host.StartServer();
        Assert.IsType<RedisDirectLineStore>(host.Services.GetRequiredService<IDirectLineStore>());
        return host;
    }

    private static DirectLineClient Client(DirectLineHost host) => new(new HttpClient { BaseAddress = host.KestrelAddress });

    /// <summary>The stream URL one instance handed out, pointed at another (as a load balancer might route it).</summary>
    private static Uri On(DirectLineHost host, string streamUrl) =>
        new UriBuilder(streamUrl) { Host = host.KestrelAddress.Host, Port = host.KestrelAddress.Port }.Uri;

    private static async Task<long> SubscribersAsync(ConnectionMultiplexer admin, string channel)
    {
        var reply = (RedisResult[])(await admin.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel))!;
        return (long)reply[1];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, "Gave up waiting for the Redis subscription.");
            await Task.Delay(20);
        }
    }

    /// <summary>A real WebSocket client on a real port, collecting every activity streamed, in arrival order.</summary>
    private sealed class LiveStream : IDisposable
    {
        private readonly List<JsonObject> _received = [];

        private LiveStream(ClientWebSocket socket) => Socket = socket;

        public ClientWebSocket Socket { get; }

        public string? LastWatermark { get; private set; }

        public List<JsonObject> Received => [.. _received];

        public static async Task<LiveStream> ConnectAsync(Uri streamUrl)
        {
            var socket = new ClientWebSocket();
            using var timeout = new CancellationTokenSource(Patience);
            await socket.ConnectAsync(streamUrl, timeout.Token);
            return new LiveStream(socket);
        }

        /// <summary>Reads frames until <paramref name="done"/> holds for everything received so far.</summary>
        public async Task<List<JsonObject>> ReadUntilAsync(Func<List<JsonObject>, bool> done)
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (!done(_received))
            {
                var (type, frame) = await ReceiveAsync(timeout.Token);
                Assert.NotEqual(WebSocketMessageType.Close, type);
                if (frame.Length == 0)
                {
                    continue;
                }

                var json = JsonNode.Parse(Encoding.UTF8.GetString(frame))!;
                LastWatermark = (string?)json["watermark"];
                _received.AddRange(json["activities"]!.AsArray().Select(x => x!.AsObject()));
            }

            return Received;
        }

        /// <summary>Reads (and drops) frames until the server closes the socket; returns how it closed it.</summary>
        public async Task<WebSocketCloseStatus?> WaitForCloseAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (true)
            {
                var (type, _) = await ReceiveAsync(timeout.Token);
                if (type == WebSocketMessageType.Close)
                {
                    return Socket.CloseStatus;
                }
            }
        }

        private async Task<(WebSocketMessageType Type, byte[] Frame)> ReceiveAsync(CancellationToken ct)
        {
            var buffer = new byte[64 * 1024];
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await Socket.ReceiveAsync(buffer, ct);
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            return (result.MessageType, frame.ToArray());
        }

        public void Dispose() => Socket.Dispose();
    }
}
