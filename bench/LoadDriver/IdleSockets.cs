using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LoadDriver;

/// <summary>
/// Direct Line conversations that sit beside the load with a socket open and nothing to say: idle ones read what comes
/// and send an empty ping every 20 s (what an open Web Chat tab does), slow ones never read at all (a client on a
/// stalled network). They start before the load, spread over the targets, and stay until the run ends, so the
/// measured users share the server with them.
/// </summary>
public sealed class IdleSockets : IAsyncDisposable
{
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(20);

    /// <summary>Opening them all at once would be a burst of its own: this many at a time.</summary>
    private const int OpeningAtOnce = 16;

    private readonly List<Held> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private int _refused;

    private IdleSockets(int idle, int slow)
    {
        Idle = idle;
        Slow = slow;
    }

    public int Idle { get; }

    public int Slow { get; }

    public static async Task<IdleSockets> OpenAsync(HttpClient client, DriverOptions options, string runId, CancellationToken cancellationToken)
    {
        var sockets = new IdleSockets(options.IdleSockets, options.SlowSockets);
        var total = options.IdleSockets + options.SlowSockets;
        using var gate = new SemaphoreSlim(OpeningAtOnce);
        var opening = Enumerable.Range(0, total).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var target = options.Targets[i % options.Targets.Count];
                var held = await sockets.OpenOneAsync(client, target, options.DirectLineSecret!, $"bench-idle-{runId}-{i}", slow: i >= options.IdleSockets, cancellationToken).ConfigureAwait(false);
                if (held is null)
                {
                    Interlocked.Increment(ref sockets._refused);
                    return;
                }

                lock (sockets._held)
                {
                    sockets._held.Add(held);
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(opening).ConfigureAwait(false);
        return sockets;
    }

    private async Task<Held?> OpenOneAsync(HttpClient client, Uri target, string secret, string userId, bool slow, CancellationToken cancellationToken)
    {
        try
        {
            using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "v3/directline/conversations"))
            {
                Content = new StringContent("{\"user\":{\"id\":\"" + userId + "\"}}", Encoding.UTF8, "application/json"),
            };
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            using var response = await client.SendAsync(start, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            var streamUrl = ActivityJson.String(document.RootElement, "streamUrl");
            if (streamUrl is null)
            {
                return null;
            }

            var socket = new ClientWebSocket();
            // A socket that never reads must not look alive to the server through protocol pings either.
            socket.Options.KeepAliveInterval = slow ? TimeSpan.Zero : TimeSpan.FromSeconds(30);
            await socket.ConnectAsync(new Uri(streamUrl), cancellationToken).ConfigureAwait(false);
            var held = new Held(socket, slow);
            if (!slow)
            {
                held.Running = KeepIdleAsync(held, _stop.Token);
            }

            return held;
        }
        catch (Exception e) when (e is HttpRequestException or WebSocketException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads and drops what comes, pings as Web Chat does, and notes when the server closes.</summary>
    private static async Task KeepIdleAsync(Held held, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        var pinging = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(PingEvery, stop).ConfigureAwait(false);
                    await held.Socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, stop).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }, CancellationToken.None);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await held.Socket.ReceiveAsync(buffer, stop).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    held.ClosedByServer = true;
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }

        await pinging.ConfigureAwait(false);
    }

    public IdleSocketSummary Summarize()
    {
        lock (_held)
        {
            var open = _held.Count(h => h.Socket.State == WebSocketState.Open && !h.ClosedByServer);
            return new IdleSocketSummary(Idle, Slow, open, _refused);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        List<Held> all;
        lock (_held)
        {
            all = [.. _held];
        }

        foreach (var held in all)
        {
            held.Socket.Abort();
            if (held.Running is { } running)
            {
                await running.ConfigureAwait(false);
            }

            held.Socket.Dispose();
        }

        _stop.Dispose();
    }

    private sealed class Held(ClientWebSocket socket, bool slow)
    {
        public ClientWebSocket Socket { get; } = socket;

        public bool Slow { get; } = slow;

        public Task? Running { get; set; }

        public volatile bool ClosedByServer;
    }
}
