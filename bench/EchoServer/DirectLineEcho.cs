using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// The Direct Line 3.0 ceiling: the smallest server that speaks the protocol the way Web Chat uses it
/// (start with the secret, post with the token, poll with a watermark or read the streamUrl WebSocket),
/// answering each message with one echo and each new conversation with one "Hello". It lets the load
/// driver's Direct Line mode be checked, and measured, apart from any bot. Conversations live in memory
/// for the life of the process; the secret is DirectLine:Secret (default "bench-secret").
/// </summary>
internal static class DirectLineEcho
{
    private const string BotId = "echo-bot";

    public static void MapDirectLineEcho(this WebApplication app)
    {
        var secret = app.Configuration["DirectLine:Secret"] is { Length: > 0 } configured ? configured : "bench-secret";
        var conversations = new ConcurrentDictionary<string, DirectLineConversation>(StringComparer.Ordinal);
        var group = app.MapGroup("/v3/directline");

        group.MapPost("/conversations", (HttpContext http, StartRequest? body) =>
        {
            if (Bearer(http) != secret)
            {
                return Results.Unauthorized();
            }

            var id = Guid.NewGuid().ToString("N");
            var conversation = conversations[id] = new DirectLineConversation(id, "token-" + Guid.NewGuid().ToString("N"));
            // The welcome answers the conversationUpdate a real service would send the bot.
            conversation.Append(new OutboundActivity("message", conversation.NextId(), DateTimeOffset.UtcNow, "directline",
                new ConversationAccount(id), new ChannelAccount(BotId, null), new ChannelAccount(body?.User?.Id, null), null, "Hello"));
            var streamUrl = $"ws://{http.Request.Host}/v3/directline/conversations/{id}/stream?t={conversation.Token}";
            return Results.Json(new StartResponse(id, conversation.Token, 1800, streamUrl), EchoJsonContext.Default.StartResponse, statusCode: 201);
        });

        group.MapPost("/conversations/{id}/activities", (HttpContext http, string id, InboundActivity activity) =>
        {
            if (!conversations.TryGetValue(id, out var conversation) || Bearer(http) != conversation.Token)
            {
                return Results.Forbid();
            }

            var userActivityId = conversation.NextId();
            var now = DateTimeOffset.UtcNow;
            conversation.Append(new OutboundActivity("message", userActivityId, now, "directline", new ConversationAccount(id),
                activity.From, new ChannelAccount(BotId, null), null, activity.Text ?? ""));
            conversation.Append(new OutboundActivity("message", conversation.NextId(), now, "directline", new ConversationAccount(id),
                new ChannelAccount(BotId, null), activity.From, userActivityId, activity.Text ?? ""));
            return Results.Json(new PostResponse(userActivityId), EchoJsonContext.Default.PostResponse);
        });

        group.MapGet("/conversations/{id}/activities", (HttpContext http, string id, string? watermark) =>
        {
            if (!conversations.TryGetValue(id, out var conversation) || Bearer(http) != conversation.Token)
            {
                return Results.Forbid();
            }

            var (activities, next) = conversation.After(ParseWatermark(watermark));
            return Results.Json(new ActivitySet(activities, next.ToString(System.Globalization.CultureInfo.InvariantCulture)), EchoJsonContext.Default.ActivitySet);
        });

        group.MapGet("/conversations/{id}/stream", async (HttpContext http, string id, string? t, string? watermark) =>
        {
            if (!conversations.TryGetValue(id, out var conversation) || t != conversation.Token || !http.WebSockets.IsWebSocketRequest)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await StreamAsync(socket, conversation, ParseWatermark(watermark), http.RequestAborted);
        });
    }

    /// <summary>Pushes every activity after the watermark, the backlog first, until the client closes.</summary>
    private static async Task StreamAsync(WebSocket socket, DirectLineConversation conversation, int watermark, CancellationToken aborted)
    {
        var closed = DrainIncomingAsync(socket, aborted);
        try
        {
            while (socket.State == WebSocketState.Open && !closed.IsCompleted)
            {
                var changed = conversation.Changed;
                var (activities, next) = conversation.After(watermark);
                if (activities.Count > 0)
                {
                    watermark = next;
                    var frame = JsonSerializer.SerializeToUtf8Bytes(new ActivitySet(activities, next.ToString(System.Globalization.CultureInfo.InvariantCulture)), EchoJsonContext.Default.ActivitySet);
                    await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, aborted);
                    continue;
                }

                await Task.WhenAny(changed, closed);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
    }

    /// <summary>Reads and ignores what the client sends (empty-string pings) until it closes.</summary>
    private static async Task DrainIncomingAsync(WebSocket socket, CancellationToken aborted)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted);
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
    }

    private static int ParseWatermark(string? watermark) => int.TryParse(watermark, out var value) && value > 0 ? value : 0;
}

/// <summary>One conversation's activity log; the watermark is the count of activities already seen.</summary>
internal sealed class DirectLineConversation(string id, string token)
{
    private readonly List<OutboundActivity> _activities = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sequence;

    public string Token { get; } = token;

    /// <summary>Completes at the next append; read it before checking for activities, so none is missed.</summary>
    public Task Changed
    {
        get
        {
            lock (_activities)
            {
                return _changed.Task;
            }
        }
    }

    public string NextId() => $"{id}|{Interlocked.Increment(ref _sequence):D7}";

    public void Append(OutboundActivity activity)
    {
        TaskCompletionSource changed;
        lock (_activities)
        {
            _activities.Add(activity);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public (IReadOnlyList<OutboundActivity> Activities, int Watermark) After(int watermark)
    {
        lock (_activities)
        {
            var from = Math.Min(watermark, _activities.Count);
            return (_activities.GetRange(from, _activities.Count - from), _activities.Count);
        }
    }
}

internal sealed record StartUser(string? Id);

internal sealed record StartRequest(StartUser? User);

internal sealed record StartResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string StreamUrl);

internal sealed record PostResponse(string Id);

internal sealed record ActivitySet(IReadOnlyList<OutboundActivity> Activities, string Watermark);
