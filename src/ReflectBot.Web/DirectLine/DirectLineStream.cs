using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.State;
using ReflectBot.Web.Limits;
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
/// Bounds for the open internet: sockets are counted (<see cref="DirectLineSockets"/>), one idle past
/// <see cref="DirectLineOptions.SocketIdleTimeout"/> is closed, a client that stops reading is dropped once a send has
/// waited <see cref="SendTimeout"/>, and a client frame larger than a ping is refused.
/// </summary>
public static class DirectLineStream
{
    /// <summary>How often a stream retries its store while the store is unreachable (a restored connection also wakes it).</summary>
    private static readonly TimeSpan StoreRetryInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A send still waiting after this long means the client stopped reading: the socket is dropped.</summary>
    internal static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Clients send only empty pings; anything longer than this is not Direct Line.</summary>
    internal const int MaxClientFrameBytes = 4096;

    internal static async Task AcceptAsync(
        HttpContext http,
        string conversationId,
        string? watermark,
        string? t,
        DirectLineSecret secret,
        DirectLineTokens tokens,
        EmbedderOrigins origins,
        IDirectLineStore store,
        DirectLineSockets sockets,
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

        var refusal = sockets.TryOpen(conversationId, ClientAddress.KeyOf(http), out var slot);
        if (refusal != SocketRefusal.None)
        {
            var full = refusal == SocketRefusal.InstanceFull;
            http.Response.Headers.RetryAfter = full ? "30" : "10";
            await DirectLineEndpoints.Error(
                full ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests,
                full ? "TooManySockets" : "TooManyRequests",
                full ? "The bot has too many open connections right now; try again shortly." : "Too many open connections from this address.").ExecuteAsync(http);
            return;
        }

        using (slot)
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            var settings = options.Value;
            var stream = new OpenStream(socket, stop, slot!.Replaced, settings.KeepAliveInterval, settings.SocketIdleTimeout, loggers.CreateLogger(typeof(DirectLineStream).FullName!));
            try
            {
                await stream.RunAsync(store, conversationId, DirectLineEndpoints.ParseWatermark(watermark));
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The client went away or the server is stopping; the client reconnects with its watermark.
            }
        }
    }

    /// <summary>One open socket, and when it last showed signs of life (for the idle check).</summary>
    private sealed class OpenStream(WebSocket socket, CancellationTokenSource stop, CancellationToken replaced, TimeSpan keepAlive, TimeSpan idleTimeout, ILogger logger)
    {
        private long _lastLife = Environment.TickCount64;

        private TimeSpan IdleFor => TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastLife));

        public async Task RunAsync(IDirectLineStore store, string conversationId, long watermark)
        {
            // One pending wake-up is enough: each wake reads everything after the watermark.
            var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
            using var subscription = store.Subscribe(conversationId, () => wake.Writer.TryWrite(true));
            var receiving = ReceiveUntilClosedAsync();
            var storeDown = false;
            try
            {
                while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
                {
                    if (replaced.IsCancellationRequested || IdleFor >= idleTimeout)
                    {
                        // A newer socket of this conversation took the place, or nothing happened for too long: a normal close.
                        var reason = replaced.IsCancellationRequested ? "replaced by a newer connection" : "idle";
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, stop.Token);
                        break;
                    }

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
                        await SendAsync(DirectLineEndpoints.ActivitySetJson(page));
                        watermark = page.Watermark;
                        Lived();
                    }

                    await WaitAsync(wake.Reader, storeDown);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                // A send outlasted SendTimeout: the client is not reading. Drop it rather than hold its memory.
                logger.LogDebug("Direct Line stream of conversation {ConversationId} dropped: the client stopped reading.", conversationId);
                socket.Abort();
            }

            if (socket.State == WebSocketState.CloseSent)
            {
                // This side closed: give the client a moment to answer, because cancelling the pending receive aborts
                // the connection and the client would see a reset instead of the close.
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

        /// <summary>
        /// Until an append wakes the stream, a newer socket replaces it, or the interval passes: then a keep-alive frame
        /// (the interval is shorter while the store is down, and never runs past the idle deadline).
        /// </summary>
        private async Task WaitAsync(ChannelReader<bool> wake, bool storeDown)
        {
            using var interval = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, replaced);
            var wait = storeDown && StoreRetryInterval < keepAlive ? StoreRetryInterval : keepAlive;
            var untilIdle = idleTimeout - IdleFor;
            interval.CancelAfter(untilIdle < wait ? TimeSpan.FromMilliseconds(Math.Max(1, untilIdle.TotalMilliseconds)) : wait);
            try
            {
                await wake.WaitToReadAsync(interval.Token);
                wake.TryRead(out _);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested && !replaced.IsCancellationRequested)
            {
                await SendAsync(ReadOnlyMemory<byte>.Empty);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // Replaced: the loop closes the socket.
            }
        }

        private void Lived() => Volatile.Write(ref _lastLife, Environment.TickCount64);

        /// <summary>Sends a frame, giving up (and so dropping the socket) when the client does not take it in time.</summary>
        private async Task SendAsync(ReadOnlyMemory<byte> frame)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            timeout.CancelAfter(SendTimeout);
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        }

        /// <summary>
        /// Reads and drops whatever the client sends (each frame counts as a sign of life); a close from the client ends
        /// the stream, and a frame larger than <see cref="MaxClientFrameBytes"/> closes it as too big.
        /// </summary>
        private async Task ReceiveUntilClosedAsync()
        {
            var buffer = new byte[1024];
            var frameBytes = 0;
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var result = await socket.ReceiveAsync(buffer, stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    frameBytes = result.EndOfMessage ? 0 : frameBytes + result.Count;
                    if (frameBytes > MaxClientFrameBytes)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "clients send empty pings only", stop.Token);
                        break;
                    }

                    Lived();
                }
            }
            finally
            {
                await stop.CancelAsync();
            }
        }
    }
}
