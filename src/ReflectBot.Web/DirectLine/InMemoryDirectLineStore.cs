using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// Direct Line bookkeeping for a single instance. Each conversation keeps its last
/// <see cref="DirectLineOptions.MaxBacklog"/> activities as JSON; conversations idle longer than
/// <see cref="DirectLineOptions.ConversationIdleTimeout"/> (and with no open socket) are forgotten, and at
/// <see cref="DirectLineOptions.MaxConversations"/> new ones are refused (never an open one pushed out).
/// </summary>
public sealed class InMemoryDirectLineStore : IDirectLineStore
{
    private readonly ConcurrentDictionary<string, Log> _conversations = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly DirectLineOptions _options;
    private readonly Lock _sweepGate = new();
    private DateTimeOffset _nextSweep;
    private DateTimeOffset _nextForcedSweep;

    public InMemoryDirectLineStore(IOptions<DirectLineOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        _nextSweep = clock.GetUtcNow() + _options.ConversationIdleTimeout / 4;
    }

    /// <summary>How many conversations are held (tests use it to see idle ones go).</summary>
    public int Count => _conversations.Count;

    public Task<ConversationCreation> TryCreateConversationAsync(DirectLineConversation conversation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (_conversations.ContainsKey(conversation.Id))
        {
            return Task.FromResult(ConversationCreation.Exists);
        }

        SweepIfDue(force: _conversations.Count >= _options.MaxConversations);
        if (_conversations.Count >= _options.MaxConversations)
        {
            return Task.FromResult(ConversationCreation.AtCapacity);
        }

        var log = new Log(conversation, _clock.GetUtcNow());
        return Task.FromResult(_conversations.TryAdd(conversation.Id, log) ? ConversationCreation.Created : ConversationCreation.Exists);
    }

    public Task<DirectLineConversation?> GetConversationAsync(string conversationId, CancellationToken ct) =>
        Task.FromResult(Find(conversationId)?.Conversation);

    public Task<IReadOnlyList<string>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var log = Find(conversationId) ?? throw new KeyNotFoundException("The Direct Line conversation does not exist.");
        string[] ids;
        Action[] subscribers;
        lock (log.Gate)
        {
            ids = AppendLocked(log, conversationId, activities);
            subscribers = [.. log.Subscribers];
        }

        Notify(subscribers);
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    public Task<DirectLinePost> AppendOnceAsync(string conversationId, Activity activity, string clientKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(clientKey);
        var log = Find(conversationId) ?? throw new KeyNotFoundException("The Direct Line conversation does not exist.");
        string id;
        Action[] subscribers;
        lock (log.Gate)
        {
            if (log.ClientKeys.TryGetValue(clientKey, out var known))
            {
                var stored = log.Entries.FirstOrDefault(e => e.Sequence == known).Json;
                return Task.FromResult(new DirectLinePost(FormatId(conversationId, known), Appended: false, stored));
            }

            id = AppendLocked(log, conversationId, [activity])[0];
            log.ClientKeys[clientKey] = log.LastSequence;
            log.ClientKeyOrder.Enqueue(clientKey);
            while (log.ClientKeyOrder.Count > _options.MaxBacklog)
            {
                log.ClientKeys.Remove(log.ClientKeyOrder.Dequeue());
            }

            subscribers = [.. log.Subscribers];
        }

        Notify(subscribers);
        return Task.FromResult(new DirectLinePost(id, Appended: true, StoredJson: null));
    }

    /// <summary>Numbers, stores and trims; the caller holds the log's lock and tells the subscribers after releasing it.</summary>
    private string[] AppendLocked(Log log, string conversationId, IReadOnlyList<Activity> activities)
    {
        var ids = new string[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var sequence = ++log.LastSequence;
            var activity = activities[i];
            activity.Id = ids[i] = FormatId(conversationId, sequence);
            log.Entries.Enqueue((sequence, JsonSerializer.Serialize(activity, SchemaJson.Default.Activity)));
            while (log.Entries.Count > _options.MaxBacklog)
            {
                log.Entries.Dequeue();
            }
        }

        return ids;
    }

    private static void Notify(Action[] subscribers)
    {
        foreach (var notify in subscribers)
        {
            notify();
        }
    }

    public Task<DirectLineActivityPage?> ReadAsync(string conversationId, long watermark, CancellationToken ct)
    {
        var log = Find(conversationId);
        if (log is null)
        {
            return Task.FromResult<DirectLineActivityPage?>(null);
        }

        lock (log.Gate)
        {
            var page = new List<string>();
            foreach (var (sequence, json) in log.Entries)
            {
                if (sequence > watermark)
                {
                    page.Add(json);
                }
            }

            return Task.FromResult<DirectLineActivityPage?>(new DirectLineActivityPage(page, log.LastSequence));
        }
    }

    public IDisposable Subscribe(string conversationId, Action onAppended)
    {
        ArgumentNullException.ThrowIfNull(onAppended);
        var log = Find(conversationId) ?? throw new KeyNotFoundException("The Direct Line conversation does not exist.");
        lock (log.Gate)
        {
            log.Subscribers.Add(onAppended);
        }

        return new Subscription(this, log, onAppended);
    }

    /// <summary>The id Direct Line gives the n-th activity of a conversation.</summary>
    public static string FormatId(string conversationId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{sequence:D7}");

    private Log? Find(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var log))
        {
            return null;
        }

        log.Touched = _clock.GetUtcNow();
        SweepIfDue(force: false);
        return log;
    }

    /// <summary>Forgets idle conversations every quarter of the idle timeout, or at once when full (at most once a second, so refusals stay cheap).</summary>
    private void SweepIfDue(bool force)
    {
        var now = _clock.GetUtcNow();
        if (now < _nextSweep && (!force || now < _nextForcedSweep))
        {
            return;
        }

        lock (_sweepGate)
        {
            _nextSweep = now + _options.ConversationIdleTimeout / 4;
            _nextForcedSweep = now + TimeSpan.FromSeconds(1);
            var idleSince = now - _options.ConversationIdleTimeout;
            foreach (var (id, log) in _conversations)
            {
                if (log.Touched < idleSince && log.SubscriberCount == 0)
                {
                    _conversations.TryRemove(id, out _);
                }
            }
        }
    }

    private sealed class Log(DirectLineConversation conversation, DateTimeOffset created)
    {
        public Lock Gate { get; } = new();
        public DirectLineConversation Conversation { get; } = conversation;
        public Queue<(long Sequence, string Json)> Entries { get; } = new();
        public List<Action> Subscribers { get; } = [];
        public Dictionary<string, long> ClientKeys { get; } = new(StringComparer.Ordinal);
        public Queue<string> ClientKeyOrder { get; } = new();
        public long LastSequence { get; set; }
        public DateTimeOffset Touched { get; set; } = created;

        public int SubscriberCount
        {
            get
            {
                lock (Gate)
                {
                    return Subscribers.Count;
                }
            }
        }
    }

    private sealed class Subscription(InMemoryDirectLineStore store, Log log, Action callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (log.Gate)
                {
                    log.Subscribers.Remove(callback);
                }

                log.Touched = store._clock.GetUtcNow();
            }
        }
    }
}
