using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using ReflectBot.Web.Tests.DirectLine;
using static ReflectBot.Web.Tests.Limits.LimitsHost;

namespace ReflectBot.Web.Tests.Limits;

/// <summary>How fast new chats may start: tokens and conversations, per address and in total.</summary>
public sealed class StartLimitTests
{
    [Fact]
    public async Task Minting_past_the_per_address_limit_gets_429_with_Retry_After_while_another_address_still_starts()
    {
        using var host = Create(new() { ["WebChat:StartLimits:TokensPerAddressPerMinute"] = "3", ["WebChat:StartLimits:TokensPerMinute"] = "0" });
        using var http = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await MintAsync(http, "198.51.100.1")).StatusCode);
        }

        var refused = await MintAsync(http, "198.51.100.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("TooManyRequests", await ErrorCodeAsync(refused));
        Assert.InRange(RetryAfterSeconds(refused), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await MintAsync(http, "198.51.100.2")).StatusCode);
    }

    [Fact]
    public async Task The_global_limit_counts_every_address_together_and_an_IPv6_subscriber_counts_as_one()
    {
        using var host = Create(new()
        {
            ["WebChat:StartLimits:TokensPerAddressPerMinute"] = "2",
            ["WebChat:StartLimits:TokensPerMinute"] = "5",
        });
        using var http = host.CreateClient();

        // Two addresses of one /64 share a budget.
        Assert.Equal(HttpStatusCode.OK, (await MintAsync(http, "2001:db8:1:2::10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MintAsync(http, "2001:db8:1:2::11")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await MintAsync(http, "2001:db8:1:2::12")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await MintAsync(http, "192.0.2.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MintAsync(http, "192.0.2.2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MintAsync(http, "192.0.2.3")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await MintAsync(http, "192.0.2.4")).StatusCode);
    }

    [Fact]
    public async Task Starting_conversations_past_the_limit_gets_429_and_a_trusted_server_with_the_secret_is_not_counted()
    {
        using var host = Create(new()
        {
            ["WebChat:StartLimits:TokensPerAddressPerMinute"] = "0",
            ["WebChat:StartLimits:TokensPerMinute"] = "0",
            ["WebChat:StartLimits:ConversationsPerAddressPerMinute"] = "2",
        });
        using var client = new DirectLineClient(host.CreateClient());
        await StartChatAsync(client);
        await StartChatAsync(client);

        var token = (string)JsonNode.Parse(await (await MintAsync(client.Http)).Content.ReadAsStringAsync())!["token"]!;
        var refused = await StartAsync(client, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("TooManyRequests", await ErrorCodeAsync(refused));
        Assert.InRange(RetryAfterSeconds(refused), 1, 60);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await StartAsync(client, DirectLineHost.Secret)).StatusCode);
        }
    }

    [Fact]
    public async Task At_the_cap_on_open_conversations_a_new_one_gets_503_and_those_open_keep_talking()
    {
        using var host = Create(new() { ["DirectLine:MaxConversations"] = "2" });
        using var client = new DirectLineClient(host.CreateClient());
        var (first, firstToken) = await StartChatAsync(client);
        await StartChatAsync(client);

        var (status, body, response) = await client.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/conversations", DirectLineHost.Secret, new JsonObject());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("TooManyConversations", (string?)body!["error"]!["code"]);
        Assert.Equal(60, RetryAfterSeconds(response));

        var id = await client.PostMessageAsync(first, firstToken, "help");
        var (activities, _) = await client.GetActivitiesAsync(first, firstToken);
        Assert.Contains(activities.Messages(), a => Activities.FromBot(a) && (string?)a["replyToId"] == id);
    }
}

/// <summary>No limit ever stands between a conversation already under way and its crisis reply.</summary>
public sealed class CrisisNeverBlockedTests
{
    private const string Crisis = "I want to kill myself";

    private static void AssertCrisisReplyTo(JsonArray activities, string id) =>
        Assert.Contains(activities.Messages(), a => Activities.FromBot(a) && (string?)a["replyToId"] == id && Activities.Text(a)!.Contains("988", StringComparison.Ordinal));

    [Fact]
    public async Task A_crisis_message_past_the_sending_limit_is_taken_and_answered_while_an_ordinary_one_waits()
    {
        using var host = Create(new() { ["DirectLine:PostBurst"] = "1", ["DirectLine:PostsPerSecond"] = "1" });
        using var client = new DirectLineClient(host.CreateClient());
        var (conversation, token) = await StartChatAsync(client);
        await client.PostMessageAsync(conversation, token, "help");

        var (throttled, _, _) = await client.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/conversations/{conversation}/activities", token, DirectLineClient.Message("and another thing"));
        var id = await client.PostMessageAsync(conversation, token, Crisis);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled);
        AssertCrisisReplyTo((await client.GetActivitiesAsync(conversation, token)).Activities, id);
    }

    [Fact]
    public async Task With_every_start_limit_and_cap_reached_an_open_conversation_still_gets_its_crisis_reply_on_its_socket()
    {
        using var host = Create(new()
        {
            ["WebChat:StartLimits:TokensPerAddressPerMinute"] = "1",
            ["WebChat:StartLimits:ConversationsPerAddressPerMinute"] = "1",
            ["DirectLine:MaxConversations"] = "1",
            ["DirectLine:MaxSockets"] = "1",
        });
        using var client = new DirectLineClient(host.CreateClient());
        var (conversation, token) = await StartChatAsync(client);
        var (_, reconnect, _) = await client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Base}/conversations/{conversation}", token);
        using var socket = await ConnectAsync(host, (string)reconnect!["streamUrl"]!);

        // Everything new is refused now: a token, a conversation (even with the secret: the cap), a second socket.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await MintAsync(client.Http)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/conversations", DirectLineHost.Secret, new JsonObject())).Status);
        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(host, (string)reconnect["streamUrl"]!, "198.51.100.9"));
        Assert.Contains("503", refusal.Message, StringComparison.Ordinal);

        var id = await client.PostMessageAsync(conversation, token, Crisis);

        AssertCrisisReplyTo((await client.GetActivitiesAsync(conversation, token)).Activities, id);
        Assert.Contains("988", await ReadUntilAsync(socket, "988"), StringComparison.Ordinal);
    }

    /// <summary>Every text frame received until one contains <paramref name="text"/>.</summary>
    internal static async Task<string> ReadUntilAsync(WebSocket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var all = new StringBuilder();
        var buffer = new byte[64 * 1024];
        while (!all.ToString().Contains(text, StringComparison.Ordinal))
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            all.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }

        return all.ToString();
    }
}

/// <summary>Open WebSockets stay bounded: per conversation, per address, and the idle or oversized go.</summary>
public sealed class SocketLimitTests
{
    private static async Task<string> StreamUrlAsync(DirectLineClient client, string conversation, string token) =>
        (string)(await client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Base}/conversations/{conversation}", token)).Body!["streamUrl"]!;

    /// <summary>Reads until the server closes; returns its close status and reason.</summary>
    private static async Task<(WebSocketCloseStatus? Status, string? Reason)> ReadUntilClosedAsync(WebSocket socket, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (result.CloseStatus, result.CloseStatusDescription);
            }
        }
    }

    [Fact]
    public async Task A_newer_socket_of_a_conversation_closes_the_oldest_past_the_per_conversation_cap()
    {
        using var host = Create(new() { ["DirectLine:MaxSocketsPerConversation"] = "1" });
        using var client = new DirectLineClient(host.CreateClient());
        var (conversation, token) = await StartChatAsync(client);
        using var old = await ConnectAsync(host, await StreamUrlAsync(client, conversation, token));
        await CrisisNeverBlockedTests.ReadUntilAsync(old, "\"activities\"");

        using var fresh = await ConnectAsync(host, await StreamUrlAsync(client, conversation, token));

        var (status, reason) = await ReadUntilClosedAsync(old, TimeSpan.FromSeconds(15));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Equal("replaced by a newer connection", reason);
        await client.PostMessageAsync(conversation, token, "help");
        Assert.Contains("\"replyToId\"", await CrisisNeverBlockedTests.ReadUntilAsync(fresh, "\"replyToId\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_address_past_its_socket_cap_is_refused_with_429_and_another_address_still_connects()
    {
        using var host = Create(new() { ["DirectLine:MaxSocketsPerAddress"] = "1" });
        using var client = new DirectLineClient(host.CreateClient());
        var (first, firstToken) = await StartChatAsync(client);
        var (second, secondToken) = await StartChatAsync(client);
        using var open = await ConnectAsync(host, await StreamUrlAsync(client, first, firstToken), "198.51.100.20");

        var secondStream = await StreamUrlAsync(client, second, secondToken);

        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(host, secondStream, "198.51.100.20"));
        Assert.Contains("429", refusal.Message, StringComparison.Ordinal);
        using var elsewhere = await ConnectAsync(host, secondStream, "198.51.100.21");
        Assert.Equal(WebSocketState.Open, elsewhere.State);
    }

    [Fact]
    public async Task A_silent_socket_is_closed_as_idle_while_one_that_pings_stays_open()
    {
        using var host = Create(new() { ["DirectLine:SocketIdleTimeout"] = "00:00:01" });
        using var client = new DirectLineClient(host.CreateClient());
        var (conversation, token) = await StartChatAsync(client);
        using var silent = await ConnectAsync(host, await StreamUrlAsync(client, conversation, token), "198.51.100.30");
        using var pinging = await ConnectAsync(host, await StreamUrlAsync(client, conversation, token), "198.51.100.31");
        using var stopPinging = new CancellationTokenSource();
        var pings = Task.Run(async () =>
        {
            while (!stopPinging.IsCancellationRequested)
            {
                await pinging.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, CancellationToken.None);
                await Task.Delay(250);
            }
        });

        var (status, reason) = await ReadUntilClosedAsync(silent, TimeSpan.FromSeconds(15));
        await Task.Delay(1500);
        Assert.Equal(WebSocketState.Open, pinging.State);
        await stopPinging.CancelAsync();
        await pings;

        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Equal("idle", reason);
    }

    [Fact]
    public async Task A_client_frame_larger_than_a_ping_closes_the_socket_as_too_big()
    {
        using var host = Create([]);
        using var client = new DirectLineClient(host.CreateClient());
        var (conversation, token) = await StartChatAsync(client);
        using var socket = await ConnectAsync(host, await StreamUrlAsync(client, conversation, token));

        await socket.SendAsync(Encoding.UTF8.GetBytes(new string('x', 10_000)), WebSocketMessageType.Text, true, CancellationToken.None);

        var (status, _) = await ReadUntilClosedAsync(socket, TimeSpan.FromSeconds(15));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
    }
}

/// <summary>Every Direct Line route, and the token endpoint, caps what may be sent to it.</summary>
public sealed class BodySizeLimitTests
{
    [Fact]
    public async Task Every_route_refuses_a_body_past_its_limit_with_413_before_reading_it()
    {
        using var host = Create([]);
        using var client = new DirectLineClient(host.CreateClient());
        var (conversation, token) = await StartChatAsync(client);
        var routes = new (HttpMethod Method, string Path, string Credential, int Limit)[]
        {
            (HttpMethod.Post, "/api/webchat/token", "", 1024),
            (HttpMethod.Post, $"{DirectLineClient.Base}/tokens/generate", DirectLineHost.Secret, 16 * 1024),
            (HttpMethod.Post, $"{DirectLineClient.Base}/tokens/refresh", token, 1024),
            (HttpMethod.Post, $"{DirectLineClient.Base}/conversations", token, 16 * 1024),
            (HttpMethod.Get, $"{DirectLineClient.Base}/conversations/{conversation}", token, 1024),
            (HttpMethod.Post, $"{DirectLineClient.Base}/conversations/{conversation}/activities", token, 256 * 1024),
            (HttpMethod.Get, $"{DirectLineClient.Base}/conversations/{conversation}/activities", token, 1024),
            (HttpMethod.Post, $"{DirectLineClient.Base}/conversations/{conversation}/upload", token, 1024),
        };

        foreach (var (method, path, credential, limit) in routes)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(new byte[limit + 1]) };
            request.Content.Headers.ContentType = new("application/json");
            if (credential.Length > 0)
            {
                request.Headers.Authorization = new("Bearer", credential);
            }

            var response = await client.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{method} {path} with {limit + 1} bytes answered {(int)response.StatusCode}");
        }
    }
}
