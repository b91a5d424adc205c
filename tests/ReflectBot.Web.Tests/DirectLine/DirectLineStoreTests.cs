using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Schema;
using ReflectBot.Web.DirectLine;

namespace ReflectBot.Web.Tests.DirectLine;

/// <summary>The in-memory store's own bounds (forgetting idle conversations, refusing new ones at the cap) and the sender that feeds a store. What every store does is in <see cref="DirectLineStoreContract"/>.</summary>
public class DirectLineStoreTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private InMemoryDirectLineStore Store(int maxBacklog = 500, int maxConversations = 100) =>
        new(Options.Create(new DirectLineOptions { MaxBacklog = maxBacklog, MaxConversations = maxConversations, ConversationIdleTimeout = TimeSpan.FromHours(2) }), _clock);

    [Fact]
    public async Task Idle_conversations_are_forgotten_unless_a_socket_is_open_on_them()
    {
        var store = Store();
        await store.TryCreateConversationAsync(new DirectLineConversation("idle", "u1", null), default);
        await store.TryCreateConversationAsync(new DirectLineConversation("watched", "u2", null), default);
        using var socket = store.Subscribe("watched", () => { });

        _clock.Advance(TimeSpan.FromHours(3));
        await store.TryCreateConversationAsync(new DirectLineConversation("new", "u3", null), default);

        Assert.Null(await store.GetConversationAsync("idle", default));
        Assert.NotNull(await store.GetConversationAsync("watched", default));
        Assert.NotNull(await store.GetConversationAsync("new", default));
    }

    [Fact]
    public async Task At_the_limit_only_conversations_idle_past_the_timeout_make_room()
    {
        var store = Store(maxConversations: 3);
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.Equal(ConversationCreation.Created, await store.TryCreateConversationAsync(new DirectLineConversation(id, "u", null), default));
            _clock.Advance(TimeSpan.FromMinutes(50));
        }

        // "a" has been quiet for 2.5 hours, "b" for 1.6: only "a" has gone idle.
        Assert.Equal(ConversationCreation.Created, await store.TryCreateConversationAsync(new DirectLineConversation("d", "u", null), default));
        Assert.Null(await store.GetConversationAsync("a", default));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ConversationCreation.AtCapacity, await store.TryCreateConversationAsync(new DirectLineConversation("e", "u", null), default));
        Assert.Equal(3, store.Count);
        Assert.NotNull(await store.GetConversationAsync("b", default));
    }

    [Theory]
    [InlineData("Memory")]
    [InlineData("Sqlite")]
    public void Without_Redis_storage_the_host_keeps_direct_line_conversations_in_memory(string provider)
    {
        var file = Path.Combine(Path.GetTempPath(), $"reflectbot-dl-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = provider, ["Storage:ConnectionString"] = $"Data Source={file};Pooling=False" };
        try
        {
            using var host = new DirectLineHost(settings);
            Assert.IsType<InMemoryDirectLineStore>(host.Services.GetRequiredService<IDirectLineStore>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_sender_keeps_direct_line_replies_and_passes_everything_else_to_the_connector()
    {
        var store = Store();
        await store.TryCreateConversationAsync(new DirectLineConversation("c 1", "u1", null), default);
        var connector = new RecordingSender();
        var sender = new DirectLineConnectorSender(connector, store, _clock, NullLogger<DirectLineConnectorSender>.Instance);

        var kept = await sender.SendAsync(HttpMethod.Post, new Uri(DirectLineChannel.ServiceUrl), "v3/conversations/c%201/activities/c%201%7C0000001", "{\"type\":\"message\",\"text\":\"hi\"}", default);
        await sender.SendAsync(HttpMethod.Post, new Uri("https://smba.trafficmanager.net/teams/"), "v3/conversations/x/activities", "{\"type\":\"message\"}", default);

        Assert.Contains("c 1|0000001", kept);
        var stored = Assert.Single((await store.ReadAsync("c 1", 0, default))!.ActivitiesJson);
        Assert.Contains("\"channelId\":\"directline\"", stored);
        Assert.Contains(_clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss"), stored);
        Assert.Equal("https://smba.trafficmanager.net/teams/", Assert.Single(connector.Calls).AbsoluteUri);
        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            sender.SendAsync(HttpMethod.Post, new Uri(DirectLineChannel.ServiceUrl), "v3/conversations/unknown/activities", "{\"type\":\"message\"}", default));
    }

    [Fact]
    public async Task A_reply_waits_out_a_store_outage_and_is_kept_once_even_when_the_answer_to_an_append_was_lost()
    {
        var inner = Store();
        await inner.TryCreateConversationAsync(new DirectLineConversation("c 1", "u1", null), default);
        // Redis restarting: the first append lands but its answer is lost, the next two find the store gone.
        var store = new OutageStore(inner, failures: 3);
        var sender = new DirectLineConnectorSender(new RecordingSender(), store, TimeProvider.System, NullLogger<DirectLineConnectorSender>.Instance);

        var kept = await sender.SendAsync(HttpMethod.Post, new Uri(DirectLineChannel.ServiceUrl), "v3/conversations/c%201/activities", "{\"type\":\"message\",\"text\":\"you are not alone\"}", default);

        Assert.Contains("c 1|0000001", kept);
        Assert.Single((await inner.ReadAsync("c 1", 0, default))!.ActivitiesJson);
        Assert.Equal(4, store.Attempts);
    }

    /// <summary>A store whose first appends fail as an unreachable Redis does; the very first one lands before failing.</summary>
    private sealed class OutageStore(IDirectLineStore inner, int failures) : IDirectLineStore
    {
        public int Attempts { get; private set; }

        public async Task<DirectLinePost> AppendOnceAsync(string conversationId, Activity activity, string clientKey, CancellationToken ct)
        {
            Attempts++;
            if (Attempts == 1)
            {
                await inner.AppendOnceAsync(conversationId, activity, clientKey, ct);
            }

            if (Attempts <= failures)
            {
                throw new ReflectBot.Framework.State.StorageUnavailableException("Redis at 127.0.0.1:6379 is unavailable (append): connection reset");
            }

            return await inner.AppendOnceAsync(conversationId, activity, clientKey, ct);
        }

        public Task<ConversationCreation> TryCreateConversationAsync(DirectLineConversation conversation, CancellationToken ct) => inner.TryCreateConversationAsync(conversation, ct);

        public Task<DirectLineConversation?> GetConversationAsync(string conversationId, CancellationToken ct) => inner.GetConversationAsync(conversationId, ct);

        public Task<IReadOnlyList<string>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken ct) => inner.AppendAsync(conversationId, activities, ct);

        public Task<DirectLineActivityPage?> ReadAsync(string conversationId, long watermark, CancellationToken ct) => inner.ReadAsync(conversationId, watermark, ct);

        public IDisposable Subscribe(string conversationId, Action onAppended) => inner.Subscribe(conversationId, onAppended);
    }

    private sealed class RecordingSender : IConnectorSender
    {
        public List<Uri> Calls { get; } = [];

        public Task<string?> SendAsync(HttpMethod method, Uri serviceUrl, string relativePath, string? jsonBody, CancellationToken ct)
        {
            Calls.Add(serviceUrl);
            return Task.FromResult<string?>("{\"id\":\"1\"}");
        }
    }
}
