using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Content;

namespace ReflectBot.Web.Tests.DirectLine;

/// <summary>The streamUrl WebSocket: backlog on connect, then every activity in order, exactly once.</summary>
public class DirectLineWebSocketTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_socket_replays_the_welcome_then_streams_the_echo_and_replies()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();
        var started = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var conversationId = (string)started["conversationId"]!;
        var token = (string)started["token"]!;

        using var stream = await StreamReader.ConnectAsync(host, (string)started["streamUrl"]!);
        var welcome = await stream.ReadUntilAsync(all => all.Any(a => Activities.Text(a) == content.Menu.Prompt));
        Assert.Equal(content.Welcome.Greeting, Activities.Text(welcome[0]));

        var id = await client.PostMessageAsync(conversationId, token, "help", clientActivityId: "c-1");
        var after = await stream.ReadUntilAsync(all => all.Count(a => Activities.Text(a) == content.Menu.Prompt) == 2);
        var fresh = after.Skip(welcome.Count).ToList();
        Assert.Equal(id, Activities.Id(fresh[0]));
        Assert.Equal("c-1", (string)fresh[0]["channelData"]!["clientActivityID"]!);
        Assert.Equal([content.Help, content.Menu.Prompt], fresh.Skip(1).Select(Activities.Text));
        Assert.False(string.IsNullOrEmpty(stream.LastWatermark));
    }

    [Fact]
    public async Task Ten_quick_posts_arrive_in_order_each_followed_by_its_replies_and_nothing_twice()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();
        var started = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var conversationId = (string)started["conversationId"]!;
        var token = (string)started["token"]!;
        using var stream = await StreamReader.ConnectAsync(host, (string)started["streamUrl"]!);
        var welcome = await stream.ReadUntilAsync(all => all.Any(a => Activities.Text(a) == content.Menu.Prompt));

        var posted = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.PostMessageAsync(conversationId, token, "help", clientActivityId: $"c-{i}")));

        var all = await stream.ReadUntilAsync(a => a.Count(x => !Activities.FromBot(x)) == 10 && a.Count(x => Activities.Text(x) == content.Menu.Prompt) == 11);
        var fresh = all.Skip(welcome.Count).Where(a => (string?)a["type"] == "message").ToList();

        // Nothing twice, nothing missing.
        Assert.Equal(fresh.Count, fresh.Select(Activities.Id).Distinct().Count());
        Assert.Equal(posted.Order(StringComparer.Ordinal), fresh.Where(a => !Activities.FromBot(a)).Select(a => Activities.Id(a)!).Order(StringComparer.Ordinal));

        // Ids rise, and every reply answers the user message just before it.
        Assert.Equal(fresh.Select(a => Activities.Id(a)!).Order(StringComparer.Ordinal), fresh.Select(Activities.Id));
        string? lastUserMessage = null;
        foreach (var activity in fresh)
        {
            if (Activities.FromBot(activity))
            {
                Assert.Equal(lastUserMessage, (string?)activity["replyToId"]);
            }
            else
            {
                lastUserMessage = Activities.Id(activity);
            }
        }

        Assert.Equal(30, fresh.Count);
    }

    [Fact]
    public async Task Empty_pings_from_the_client_are_ignored_and_the_stream_keeps_going()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();
        var started = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        using var stream = await StreamReader.ConnectAsync(host, (string)started["streamUrl"]!);
        await stream.ReadUntilAsync(all => all.Any(a => Activities.Text(a) == content.Menu.Prompt));

        for (var i = 0; i < 3; i++)
        {
            await stream.Socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, CancellationToken.None);
        }

        await client.PostMessageAsync((string)started["conversationId"]!, (string)started["token"]!, "help");
        var all = await stream.ReadUntilAsync(a => a.Any(x => Activities.Text(x) == content.Help));
        Assert.Equal(WebSocketState.Open, stream.Socket.State);
        Assert.Single(all, a => Activities.Text(a) == content.Help);
    }

    [Fact]
    public async Task Reconnecting_with_a_watermark_sends_only_what_came_after_it()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();
        var started = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var conversationId = (string)started["conversationId"]!;
        var token = (string)started["token"]!;
        var (_, watermark) = await client.GetActivitiesAsync(conversationId, token);
        var id = await client.PostMessageAsync(conversationId, token, "help");

        var (_, reconnect, _) = await client.SendAsync(HttpMethod.Get, $"{DirectLineClient.Base}/conversations/{conversationId}?watermark={watermark}", token);
        using var stream = await StreamReader.ConnectAsync(host, (string)reconnect!["streamUrl"]!);
        var replayed = await stream.ReadUntilAsync(all => all.Any(a => Activities.Text(a) == content.Menu.Prompt));

        Assert.Equal(id, Activities.Id(replayed[0]));
        Assert.DoesNotContain(replayed, a => Activities.Text(a) == content.Welcome.Greeting);
    }

    [Fact]
    public async Task A_stream_url_for_another_conversation_or_without_a_token_is_refused()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var mine = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var theirs = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var myStream = new Uri((string)mine["streamUrl"]!);
        var stolen = (string)theirs["streamUrl"]!;
        var forged = stolen[..stolen.IndexOf("?t=", StringComparison.Ordinal)] + myStream.Query;
        var bare = stolen[..stolen.IndexOf('?')];

        await Assert.ThrowsAnyAsync<Exception>(() => StreamReader.ConnectAsync(host, forged));
        await Assert.ThrowsAnyAsync<Exception>(() => StreamReader.ConnectAsync(host, bare));
    }

    /// <summary>Collects every activity the server streams, in arrival order.</summary>
    private sealed class StreamReader : IDisposable
    {
        private readonly List<JsonObject> _received = [];

        private StreamReader(WebSocket socket) => Socket = socket;

        public WebSocket Socket { get; }

        public string? LastWatermark { get; private set; }

        public static async Task<StreamReader> ConnectAsync(DirectLineHost host, string streamUrl)
        {
            var socket = await host.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);
            return new StreamReader(socket);
        }

        /// <summary>Reads frames until <paramref name="done"/> holds for everything received so far.</summary>
        public async Task<List<JsonObject>> ReadUntilAsync(Func<List<JsonObject>, bool> done)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var buffer = new byte[64 * 1024];
            while (!done(_received))
            {
                using var frame = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await Socket.ReceiveAsync(buffer, timeout.Token);
                    frame.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
                if (frame.Length == 0)
                {
                    continue;
                }

                var json = JsonNode.Parse(Encoding.UTF8.GetString(frame.ToArray()))!;
                LastWatermark = (string?)json["watermark"];
                _received.AddRange(json["activities"]!.AsArray().Select(a => a!.AsObject()));
            }

            return [.. _received];
        }

        public void Dispose() => Socket.Dispose();
    }
}
