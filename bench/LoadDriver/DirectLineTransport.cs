using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace LoadDriver;

/// <summary>
/// Direct Line 3.0 as Web Chat uses it: start a conversation with the secret (the bot's welcome is the
/// script's @join turn), post each message with the conversation's token, and read replies from the
/// WebSocket stream or by polling with a watermark. A turn is over when it has its expected number of bot
/// messages, or, when the script gives none, once no more arrive for the settle time.
/// With several targets each conversation sticks to one instance (an in-memory Direct Line store serves only its
/// own), unless <see cref="DriverOptions.DirectLineSpread"/> asks to spread it: then the start, the stream and every
/// post and poll go round-robin over the instances, as behind a load balancer without sticky sessions.
/// With <see cref="DriverOptions.DirectLineFailover"/> it behaves like a client that rides out faults: a request that
/// meets a dead instance (refused or reset connection) or a 502/503/504 is sent again, same body (so the same
/// clientActivityID), to the next instance that is not known to be down; a stream that drops reconnects from the last
/// watermark it saw (Direct Line's reconnect call, then the new streamUrl), on whichever instance answers.
/// </summary>
public sealed class DirectLineTransportClient : ITransport
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private const int MaxThrottleRetries = 20;

    /// <summary>An instance that refused or dropped a connection is skipped for this long.</summary>
    private static readonly TimeSpan DownFor = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries, whatever Retry-After says (the turn's own timeout bounds the rest).</summary>
    private static readonly TimeSpan LongestRetryWait = TimeSpan.FromSeconds(2);

    private readonly HttpClient _client;
    private readonly Uri[] _bases;
    private readonly long[] _downUntil;
    private readonly DriverOptions _options;
    private readonly string _runId;
    private int _nextBase;

    public DirectLineTransportClient(HttpClient client, DriverOptions options, string runId)
    {
        _client = client;
        _bases = options.Targets.Select(t => new Uri(t, "v3/directline/")).ToArray();
        _downUntil = new long[_bases.Length];
        _options = options;
        _runId = runId;
    }

    public IConversation StartConversation(int user, long sequence)
    {
        var first = _bases.Length == 1 ? 0 : (Interlocked.Increment(ref _nextBase) & int.MaxValue) % _bases.Length;
        return new Conversation(this, first, $"bench-dl-user-{_runId}-{user}-{sequence}");
    }

    public void Dispose()
    {
        // The HttpClient belongs to the caller.
    }

    private void MarkDown(int index) => Volatile.Write(ref _downUntil[index], Stopwatch.GetTimestamp() + (long)(DownFor.TotalSeconds * Stopwatch.Frequency));

    private bool IsDown(int index) => Stopwatch.GetTimestamp() < Volatile.Read(ref _downUntil[index]);

    private sealed class Conversation(DirectLineTransportClient transport, int firstBase, string userId) : IConversation
    {
        private readonly ArrayBufferWriter<byte> _body = new(512);
        private readonly List<int> _replyCounts = [];
        private readonly List<long> _lastReplyAt = [];
        private readonly Dictionary<string, int> _postedIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _echoed = new(StringComparer.Ordinal);
        private readonly HashSet<string> _replyIds = new(StringComparer.Ordinal);
        private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly CancellationTokenSource _closing = new();
        private string? _conversationId;
        private string? _token;
        private string? _watermark;
        private ClientWebSocket? _socket;
        private Task? _receiveLoop;
        private string? _streamWatermark;
        private int _currentTurn;
        private long _lastPoll;
        private int _requests;

        private DriverOptions Options => transport._options;

        /// <summary>
        /// The instance for the next request: always the first one, or the next in turn when spreading; with failover,
        /// the next one not known to be down.
        /// </summary>
        private int NextBaseIndex()
        {
            var count = transport._bases.Length;
            var index = Options.DirectLineSpread ? (firstBase + _requests++) % count : firstBase;
            if (Options.DirectLineFailover)
            {
                for (var tried = 0; tried < count && transport.IsDown(index); tried++)
                {
                    index = (index + 1) % count;
                }
            }

            return index;
        }

        private Uri NextBase() => transport._bases[NextBaseIndex()];

        public IReadOnlyList<int> ReplyCounts => _replyCounts;

        public int Misrouted { get; private set; }

        public int Duplicates { get; private set; }

        public int Throttled { get; private set; }

        public int MissingEchoes => _postedIds.Keys.Count(id => !_echoed.Contains(id));

        public int Retried { get; private set; }

        public int StreamDrops { get; private set; }

        public int StreamReconnects { get; private set; }

        public async Task<TurnOutcome> RunTurnAsync(ScriptTurn turn, CancellationToken cancellationToken)
        {
            while (_replyCounts.Count <= turn.Index)
            {
                _replyCounts.Add(0);
                _lastReplyAt.Add(0);
            }

            _currentTurn = turn.Index;
            var start = Stopwatch.GetTimestamp();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.Timeout);
            try
            {
                if (turn.IsJoin)
                {
                    if (await StartAsync(timeout.Token).ConfigureAwait(false) is { } failure)
                    {
                        return failure with { StartTimestamp = start };
                    }
                }
                else
                {
                    if (_conversationId is null)
                    {
                        return TurnOutcome.Failed("script", "over Direct Line the script must begin with @join", start);
                    }

                    if (await PostAsync(turn, timeout.Token).ConfigureAwait(false) is { } failure)
                    {
                        return failure with { StartTimestamp = start };
                    }
                }

                await WaitForRepliesAsync(turn, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Out of time: whatever arrived stands; a turn with nothing is an error below.
            }
            catch (HttpRequestException e)
            {
                return TurnOutcome.Failed("connection", e.Message, start);
            }
            catch (WebSocketException e)
            {
                return TurnOutcome.Failed("websocket", e.Message, start);
            }
            catch (JsonException e)
            {
                return TurnOutcome.Failed("bad-body", e.Message, start);
            }

            var replies = _replyCounts[turn.Index];
            if (replies == 0)
            {
                return TurnOutcome.Failed("timeout", $"no bot message within {Options.Timeout.TotalSeconds:0.#} s", start);
            }

            // Latency runs to the last reply, not to the end of the settle wait.
            return new TurnOutcome(replies, null, null, start, _lastReplyAt[turn.Index]);
        }

        private async Task<TurnOutcome?> StartAsync(CancellationToken cancellationToken)
        {
            _body.ResetWrittenCount();
            ActivityJson.WriteDirectLineStart(_body, userId);
            var credential = Options.DirectLineSecret!;
            if (Options.DirectLineFailover)
            {
                // As Web Chat does: a token first (it names the conversation), then the start with it, so a start sent
                // again after a lost answer is the same conversation, not a second one for the same person.
                using var minted = await SendAsync(HttpMethod.Post, "tokens/generate", credential, _body.WrittenMemory, cancellationToken).ConfigureAwait(false);
                var tokenBytes = await minted.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (!minted.IsSuccessStatusCode)
                {
                    return HttpFailure("token", minted.StatusCode, tokenBytes);
                }

                using var tokenDocument = JsonDocument.Parse(tokenBytes);
                credential = ActivityJson.String(tokenDocument.RootElement, "token") ?? credential;
            }

            using var response = await SendAsync(HttpMethod.Post, "conversations", credential, _body.WrittenMemory, cancellationToken).ConfigureAwait(false);
            var startedOn = response.RequestMessage!.RequestUri!;
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return HttpFailure("start", response.StatusCode, bytes);
            }

            using (var document = JsonDocument.Parse(bytes))
            {
                var root = document.RootElement;
                _conversationId = ActivityJson.String(root, "conversationId");
                _token = ActivityJson.String(root, "token");
                var streamUrl = ActivityJson.String(root, "streamUrl");
                if (_conversationId is null || _token is null)
                {
                    return TurnOutcome.Failed("bad-body", "start answer lacks conversationId or token", 0);
                }

                if (Options.DirectLineTransport == DirectLineTransport.WebSocket)
                {
                    if (streamUrl is null)
                    {
                        return TurnOutcome.Failed("bad-body", "start answer lacks streamUrl", 0);
                    }

                    var first = StreamUri(startedOn, streamUrl, spread: true);
                    ClientWebSocket? socket = null;
                    try
                    {
                        socket = await ConnectAsync(first, cancellationToken).ConfigureAwait(false);
                    }
                    catch (WebSocketException) when (Options.DirectLineFailover)
                    {
                        // That instance is down: the stream starts by reconnecting through one that answers.
                        MarkDown(first);
                    }

                    _receiveLoop = StreamAsync(socket, _closing.Token);
                }
            }

            return null;
        }

        /// <summary>Where to stream from: the streamUrl, moved to the next instance when <paramref name="spread"/> and spreading.</summary>
        private Uri StreamUri(Uri answeredBy, string streamUrl, bool spread)
        {
            var uri = new Uri(answeredBy, streamUrl);
            if (spread && Options.DirectLineSpread)
            {
                // The stream URL names the instance that answered; stream from the next one instead.
                var other = NextBase();
                uri = new UriBuilder(uri) { Host = other.Host, Port = other.Port }.Uri;
            }

            if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            {
                uri = new UriBuilder(uri) { Scheme = uri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
            }

            if (!uri.IsLoopback)
            {
                throw new WebSocketException($"streamUrl {uri} is not on this machine; the driver only talks to loopback");
            }

            return uri;
        }

        private async Task<ClientWebSocket> ConnectAsync(Uri uri, CancellationToken cancellationToken)
        {
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            _socket?.Dispose();
            _socket = socket;
            return socket;
        }

        /// <summary>The instance a URL points at, for a failed stream connection.</summary>
        private void MarkDown(Uri uri)
        {
            var bases = transport._bases;
            for (var i = 0; i < bases.Length; i++)
            {
                if (bases[i].Port == uri.Port && string.Equals(bases[i].Host, uri.Host, StringComparison.OrdinalIgnoreCase))
                {
                    transport.MarkDown(i);
                }
            }
        }

        /// <summary>
        /// Receives frames until the conversation ends. Without failover a dropped stream ends it (the waiting turn
        /// reports the silence); with failover the stream reconnects from the last watermark it received (also when its
        /// first connection was refused: <paramref name="socket"/> is null then).
        /// </summary>
        private async Task StreamAsync(ClientWebSocket? socket, CancellationToken closing)
        {
            try
            {
                socket ??= await ReconnectAsync(closing).ConfigureAwait(false);
                while (true)
                {
                    await ReceiveUntilDroppedAsync(socket, closing).ConfigureAwait(false);
                    if (closing.IsCancellationRequested || !Options.DirectLineFailover)
                    {
                        return;
                    }

                    StreamDrops++;
                    socket = await ReconnectAsync(closing).ConfigureAwait(false);
                    StreamReconnects++;
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _frames.Writer.TryComplete();
            }
        }

        /// <summary>Direct Line's reconnect (GET the conversation with the watermark), then its new streamUrl; tried until it works or the conversation closes.</summary>
        private async Task<ClientWebSocket> ReconnectAsync(CancellationToken closing)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var query = _streamWatermark is null ? "" : $"?watermark={Uri.EscapeDataString(_streamWatermark)}";
                    using var response = await SendAsync(HttpMethod.Get, $"conversations/{Uri.EscapeDataString(_conversationId!)}{query}", _token!, null, closing).ConfigureAwait(false);
                    var bytes = await response.Content.ReadAsByteArrayAsync(closing).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        using var document = JsonDocument.Parse(bytes);
                        if (ActivityJson.String(document.RootElement, "streamUrl") is { } streamUrl)
                        {
                            // The instance that answered is alive: stream from it.
                            return await ConnectAsync(StreamUri(response.RequestMessage!.RequestUri!, streamUrl, spread: false), closing).ConfigureAwait(false);
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or WebSocketException or JsonException)
                {
                }

                await Task.Delay(RetryWait(attempt, null), closing).ConfigureAwait(false);
            }
        }

        private async Task ReceiveUntilDroppedAsync(ClientWebSocket socket, CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    message.Write(buffer, 0, result.Count);
                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    // Empty frames are keep-alives.
                    if (message.Length > 0)
                    {
                        var frame = message.ToArray();
                        if (Options.DirectLineFailover)
                        {
                            _streamWatermark = ActivityJson.Watermark(frame) ?? _streamWatermark;
                        }

                        _frames.Writer.TryWrite(frame);
                    }

                    message.SetLength(0);
                }
            }
            catch (WebSocketException)
            {
                // Dropped (the instance died, or the network did): the caller reconnects, or the waiting turn reports it.
            }
        }

        private async Task<TurnOutcome?> PostAsync(ScriptTurn turn, CancellationToken cancellationToken)
        {
            _body.ResetWrittenCount();
            ActivityJson.WriteDirectLineMessage(_body, turn.Text!, userId, $"{userId}-t{turn.Index}");
            using var response = await SendAsync(HttpMethod.Post, $"conversations/{Uri.EscapeDataString(_conversationId!)}/activities", _token!, _body.WrittenMemory, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return HttpFailure("post", response.StatusCode, bytes);
            }

            using var document = JsonDocument.Parse(bytes);
            var id = ActivityJson.String(document.RootElement, "id");
            if (id is null)
            {
                return TurnOutcome.Failed("bad-body", "post answer lacks the activity id", 0);
            }

            _postedIds[id] = turn.Index;
            return null;
        }

        /// <summary>
        /// Sends one request to the next instance, retrying 429s after the server's Retry-After; with failover also a
        /// refused or dropped connection and a 502/503/504, on the next instance not known to be down (a 500 is a bug and
        /// is never retried). Bounded by the turn's timeout.
        /// </summary>
        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string bearer, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                var index = NextBaseIndex();
                using var request = new HttpRequestMessage(method, new Uri(transport._bases[index], relative));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                if (body is { } content)
                {
                    request.Content = new ReadOnlyMemoryContent(content) { Headers = { ContentType = JsonContentType } };
                }

                HttpResponseMessage response;
                try
                {
                    response = await transport._client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException) when (Options.DirectLineFailover && !cancellationToken.IsCancellationRequested)
                {
                    transport.MarkDown(index);
                    Retried++;
                    await Task.Delay(RetryWait(attempt, null), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var status = response.StatusCode;
                if (status == HttpStatusCode.TooManyRequests && attempt < MaxThrottleRetries)
                {
                    Throttled++;
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(100);
                    response.Dispose();
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (Options.DirectLineFailover && status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                {
                    Retried++;
                    var wait = RetryWait(attempt, response.Headers.RetryAfter?.Delta);
                    response.Dispose();
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return response;
            }
        }

        /// <summary>The server's Retry-After when it gave one, else a short backoff; never longer than <see cref="LongestRetryWait"/>.</summary>
        private static TimeSpan RetryWait(int attempt, TimeSpan? retryAfter)
        {
            var wait = retryAfter ?? TimeSpan.FromMilliseconds(100 * Math.Min(1 << Math.Min(attempt, 4), 16));
            return wait < LongestRetryWait ? wait : LongestRetryWait;
        }

        private async Task WaitForRepliesAsync(ScriptTurn turn, CancellationToken cancellationToken)
        {
            while (true)
            {
                var count = _replyCounts[turn.Index];
                TimeSpan? settleLeft = null;
                if (turn.ExpectedReplies is { } expected)
                {
                    if (count >= expected)
                    {
                        return;
                    }
                }
                else if (count > 0)
                {
                    var quiet = Stopwatch.GetElapsedTime(_lastReplyAt[turn.Index]);
                    if (quiet >= Options.SettleTime)
                    {
                        return;
                    }

                    settleLeft = Options.SettleTime - quiet;
                }

                // By the transport asked for, not by whether a socket is open right now: a stream that is reconnecting
                // delivers what it missed once it is back, and reading the same activities by polling meanwhile would
                // see them twice.
                if (Options.DirectLineTransport == DirectLineTransport.WebSocket)
                {
                    await ReadFramesAsync(settleLeft, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await PollAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task ReadFramesAsync(TimeSpan? settleLeft, CancellationToken cancellationToken)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (settleLeft is { } left)
            {
                wait.CancelAfter(left);
            }

            try
            {
                if (!await _frames.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                {
                    throw new WebSocketException("the stream closed");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return; // settled: nothing more came
            }

            while (_frames.Reader.TryRead(out var frame))
            {
                Ingest(frame);
            }
        }

        private async Task PollAsync(CancellationToken cancellationToken)
        {
            // One poll at a time, each starting a poll interval after the last began (as DirectLineJS does).
            var sinceLast = Stopwatch.GetElapsedTime(_lastPoll);
            if (_lastPoll != 0 && sinceLast < Options.PollInterval)
            {
                await Task.Delay(Options.PollInterval - sinceLast, cancellationToken).ConfigureAwait(false);
            }

            _lastPoll = Stopwatch.GetTimestamp();
            var query = _watermark is null ? "" : $"?watermark={Uri.EscapeDataString(_watermark)}";
            using var response = await SendAsync(HttpMethod.Get, $"conversations/{Uri.EscapeDataString(_conversationId!)}/activities{query}", _token!, null, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"poll answered HTTP {(int)response.StatusCode}: {Excerpt(bytes)}");
            }

            Ingest(bytes);
        }

        /// <summary>Counts the bot messages of one activity set against the turns they answer.</summary>
        private void Ingest(byte[] activitySet)
        {
            using var document = JsonDocument.Parse(activitySet);
            if (ActivityJson.String(document.RootElement, "watermark") is { } watermark)
            {
                _watermark = watermark;
            }

            if (!ActivityJson.TryGetActivities(document.RootElement, out var activities))
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            foreach (var element in activities.EnumerateArray())
            {
                var activity = ActivityJson.Read(element);
                if (activity.FromId == userId)
                {
                    if (activity.Id is not null)
                    {
                        _echoed.Add(activity.Id);
                    }

                    continue;
                }

                if (activity.Type != "message")
                {
                    continue;
                }

                if (activity.Id is not null && !_replyIds.Add(activity.Id))
                {
                    Duplicates++;
                    continue;
                }

                if (activity.ConversationId is not null && activity.ConversationId != _conversationId)
                {
                    Misrouted++;
                    continue;
                }

                // The welcome answers a conversationUpdate we never saw, so unknown replyToIds go to the current turn.
                var turn = activity.ReplyToId is not null && _postedIds.TryGetValue(activity.ReplyToId, out var answered) ? answered : _currentTurn;
                _replyCounts[turn]++;
                _lastReplyAt[turn] = now;
            }
        }

        private static TurnOutcome HttpFailure(string step, HttpStatusCode status, byte[] body) =>
            TurnOutcome.Failed($"http-{(int)status}", $"{step}: HTTP {(int)status}: {Excerpt(body)}", 0);

        private static string Excerpt(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));

        public async ValueTask DisposeAsync()
        {
            if (Options.DirectLineFailover && _conversationId is not null && Environment.GetEnvironmentVariable("DL_DEBUG") == "1")
            {
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    using var r = await SendAsync(HttpMethod.Get, $"conversations/{Uri.EscapeDataString(_conversationId)}/activities", _token!, null, cts.Token).ConfigureAwait(false);
                    using var doc = JsonDocument.Parse(await r.Content.ReadAsByteArrayAsync(cts.Token).ConfigureAwait(false));
                    var botIds = doc.RootElement.GetProperty("activities").EnumerateArray().Select(ActivityJson.Read).Where(a => a.FromId != userId && a.Type == "message").Select(a => a.Id!).ToList();
                    var missing = botIds.Where(id => !_replyIds.Contains(id)).ToList();
                    var all = doc.RootElement.GetProperty("activities").EnumerateArray().Select(ActivityJson.Read).Select(a => $"{a.Id![(a.Id!.IndexOf('|') + 1)..]}:{(a.FromId == userId ? "U" : "B")}:{a.ReplyToId?[(a.ReplyToId.IndexOf('|') + 1)..]}");
                    if (missing.Count > 0 || _replyCounts.Sum() != botIds.Count || (_replyCounts.Count == 5 && string.Join("/", _replyCounts) != "3/2/1/2/1"))
                    {
                        Console.Error.WriteLine($"DBG {_conversationId} received={_replyCounts.Sum()} backlog={botIds.Count} notDelivered={string.Join(",", missing)} counts={string.Join("/", _replyCounts)} log={string.Join(" ", all)}");
                    }
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"DBG {_conversationId} check failed {e.GetType().Name}");
                }
            }

            if (_socket is not null)
            {
                try
                {
                    using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    if (_socket.State == WebSocketState.Open)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", closeTimeout.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException)
                {
                    // Closing is a courtesy; the server drops the socket either way.
                }

                await _closing.CancelAsync().ConfigureAwait(false);
                if (_receiveLoop is not null)
                {
                    await _receiveLoop.ConfigureAwait(false);
                }

                _socket.Dispose();
            }

            _closing.Dispose();
        }
    }
}
