using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LoadDriver;

/// <summary>
/// POST /api/messages with deliveryMode expectReplies: each turn is one request whose response body holds
/// the bot's replies. With several targets, successive requests alternate between them, so a conversation's
/// state must travel through the shared store (the soak test relies on that).
/// </summary>
public sealed class ApiMessagesTransport : ITransport
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _client;
    private readonly Uri[] _endpoints;
    private readonly string _channelId;
    private readonly TimeSpan _timeout;
    private readonly string _runId;
    private int _nextEndpoint;

    public ApiMessagesTransport(HttpClient client, IReadOnlyList<Uri> targets, string channelId, TimeSpan timeout, string runId)
    {
        _client = client;
        _endpoints = targets.Select(t => new Uri(t, "api/messages")).ToArray();
        _channelId = channelId;
        _timeout = timeout;
        _runId = runId;
    }

    public IConversation StartConversation(int user, long sequence) =>
        new Conversation(this, $"bench-{_runId}-u{user}-c{sequence}", $"bench-user-{_runId}-{user}-{sequence}");

    public void Dispose()
    {
        // The HttpClient belongs to the caller.
    }

    private Uri NextEndpoint() =>
        _endpoints.Length == 1
            ? _endpoints[0]
            : _endpoints[(Interlocked.Increment(ref _nextEndpoint) & int.MaxValue) % _endpoints.Length];

    private sealed class Conversation(ApiMessagesTransport transport, string conversationId, string userId) : IConversation
    {
        private readonly ArrayBufferWriter<byte> _body = new(1024);
        private readonly List<int> _replyCounts = [];
        private HashSet<string>? _replyIds;

        public IReadOnlyList<int> ReplyCounts => _replyCounts;

        public int Misrouted { get; private set; }

        public int Duplicates { get; private set; }

        public int Throttled => 0;

        public int MissingEchoes => 0;

        public async Task<TurnOutcome> RunTurnAsync(ScriptTurn turn, CancellationToken cancellationToken)
        {
            var activityId = $"{conversationId}-t{turn.Index}";
            _body.ResetWrittenCount();
            ActivityJson.WriteApiActivity(_body, turn, activityId, conversationId, userId, transport._channelId);

            var start = Stopwatch.GetTimestamp();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(transport._timeout);
            byte[] responseBody;
            int status;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, transport.NextEndpoint())
                {
                    Content = new ReadOnlyMemoryContent(_body.WrittenMemory) { Headers = { ContentType = JsonContentType } },
                };
                using var response = await transport._client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                responseBody = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TurnOutcome.Failed("timeout", $"no answer within {transport._timeout.TotalSeconds:0.#} s", start);
            }
            catch (HttpRequestException e)
            {
                return TurnOutcome.Failed("connection", e.Message, start);
            }

            var end = Stopwatch.GetTimestamp();
            if (status is < 200 or > 299)
            {
                var excerpt = Encoding.UTF8.GetString(responseBody, 0, Math.Min(responseBody.Length, 200));
                return new TurnOutcome(0, $"http-{status}", $"HTTP {status}: {excerpt}", start, end);
            }

            int replies;
            try
            {
                replies = CountReplies(responseBody, activityId);
            }
            catch (JsonException e)
            {
                return new TurnOutcome(0, "bad-body", $"response is not JSON: {e.Message}", start, end);
            }

            _replyCounts.Add(replies);
            return new TurnOutcome(replies, null, null, start, end);
        }

        private int CountReplies(byte[] body, string activityId)
        {
            if (body.Length == 0)
            {
                return 0;
            }

            using var document = JsonDocument.Parse(body);
            if (!ActivityJson.TryGetActivities(document.RootElement, out var activities))
            {
                return 0;
            }

            var replies = 0;
            foreach (var element in activities.EnumerateArray())
            {
                var activity = ActivityJson.Read(element);
                if (activity.Type != "message")
                {
                    continue; // typing indicators and the like are not replies
                }

                if ((activity.ConversationId is not null && activity.ConversationId != conversationId) || (activity.ReplyToId is not null && activity.ReplyToId != activityId))
                {
                    Misrouted++;
                    continue;
                }

                if (activity.Id is not null && !(_replyIds ??= new HashSet<string>(StringComparer.Ordinal)).Add(activity.Id))
                {
                    Duplicates++;
                    continue;
                }

                replies++;
            }

            return replies;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
