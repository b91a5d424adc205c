using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.State;
using ReflectBot.Web.Widget;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// The <c>streamUrl</c> WebSocket: on connect it sends the backlog after the URL's watermark (the welcome is
/// already there), then every new activity as <c>{"activities":[...],"watermark":"N"}</c>, in order and once,
/// because each frame is read from the store by watermark rather than pushed from whoever appended. What the
/// client sends (empty-string pings) is read and ignored; an idle socket gets an empty keep-alive frame.
/// With a shared store the activities may have been appended on another instance: the store's notice wakes the
/// stream, and the watermark still decides what is sent. If the store becomes unreachable the socket stays open
/// (keep-alives go on) and the stream reads again until it answers, then sends everything after its watermark.
/// </summary>
public static class DirectLineStream
{
    /// <summary>How often a stream retries its store while the store is unreachable (a restored connection also wakes it).</summary>
    private static readonly TimeSpan StoreRetryInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    internal static async Task AcceptAsync(
        HttpContext http,
        string conversationId,
        string? watermark,
        string? t,
        DirectLineSecret secret,
        DirectLineTokens tokens,
        EmbedderOrigins origins,
        IDirectLineStore store,
        IOptions<DirectLineOptions> options,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        if (DirectLineEndpoints.Authenticate(http.Request, secret, tokens, origins, conversationId, out var failure, credential: t ?? DirectLineEndpoints.BearerOf(http.Request)) is null)
        {
            await failure!.ExecuteAsync(http);
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            await DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "The stream URL takes WebSocket connections only.").ExecuteAsync(http);
            return;
        }

        if (await store.GetConversationAsync(conversationId, http.RequestAborted) is null)
        {
            await DirectLineEndpoints.Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.").ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            var logger = loggers.CreateLogger(typeof(DirectLineStream).FullName!);
            await RunAsync(socket, store, conversationId, DirectLineEndpoints.ParseWatermark(watermark), options.Value.KeepAliveInterval, stop, logger);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping; the client reconnects with its watermark.
        }
    }

    private static async Task RunAsync(WebSocket socket, IDirectLineStore store, string conversationId, long watermark, TimeSpan keepAlive, CancellationTokenSource stop, ILogger logger)
    {
        // One pending wake-up is enough: each wake reads everything after the watermark.
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = store.Subscribe(conversationId, () => wake.Writer.TryWrite(true));
        var receiving = ReceiveUntilClosedAsync(socket, stop);
        var storeDown = false;
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                DirectLineActivityPage? page;
                try
                {
                    page = await store.ReadAsync(conversationId, watermark, stop.Token);
                    storeDown = false;
                }
                catch (StorageUnavailableException ex)
                {
                    if (!storeDown)
                    {
                        // Debug only: the connection already logs the outage once, and every open socket would repeat it.
                        logger.LogDebug("Direct Line stream of conversation {ConversationId} waits for its store: {Reason}", conversationId, ex.Message);
                        storeDown = true;
                    }

                    page = DirectLineActivityPage.Empty;
                }

                if (page is null)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "conversation ended", stop.Token);
                    break;
                }

                if (page.ActivitiesJson.Count > 0)
                {
                    await socket.SendAsync(DirectLineEndpoints.ActivitySetJson(page), WebSocketMessageType.Text, endOfMessage: true, stop.Token);
                    watermark = page.Watermark;
                }

                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                idle.CancelAfter(storeDown && StoreRetryInterval < keepAlive ? StoreRetryInterval : keepAlive);
                try
                {
                    await wake.Reader.WaitToReadAsync(idle.Token);
                    wake.Reader.TryRead(out _);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    // Silent for the interval (or retrying the store): a keep-alive frame either way.
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        if (socket.State == WebSocketState.CloseSent)
        {
            // This side closed (the conversation is gone): give the client a moment to answer, because cancelling the
            // pending receive aborts the connection and the client would see a reset instead of the close.
            await Task.WhenAny(receiving, Task.Delay(CloseHandshakeTimeout, stop.Token));
        }

        await stop.CancelAsync();
        try
        {
            await receiving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }

        // Finish the closing handshake the client started.
        if (socket.State == WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
    }

    /// <summary>Reads and drops whatever the client sends; a close from the client ends the stream.</summary>
    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
    }
}
