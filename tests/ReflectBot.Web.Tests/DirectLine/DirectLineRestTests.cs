using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Content;
using ReflectBot.Framework.State;
using ReflectBot.Web.DirectLine;

namespace ReflectBot.Web.Tests.DirectLine;

/// <summary>Direct Line 3.0 over REST, as Web Chat and DirectLineJS call it, against the whole bot.</summary>
public class DirectLineRestTests
{
    private const string Base = DirectLineClient.Base;

    [Fact]
    public async Task Generating_a_token_needs_the_secret_and_the_token_starts_that_conversation_for_that_user()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();

        var (refused, _, _) = await client.SendAsync(HttpMethod.Post, $"{Base}/tokens/generate", "not-the-secret", new JsonObject());
        Assert.Equal(HttpStatusCode.Unauthorized, refused);

        var (status, generated, _) = await client.SendAsync(HttpMethod.Post, $"{Base}/tokens/generate", DirectLineHost.Secret,
            new JsonObject { ["user"] = new JsonObject { ["id"] = "dl_alex" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1800, (int)generated!["expires_in"]!);
        var conversationId = (string)generated["conversationId"]!;

        // The body's user id is ignored: the token already says who this is and which conversation it is.
        var started = await client.StartAsync((string)generated["token"]!, new JsonObject { ["user"] = new JsonObject { ["id"] = "someone-else" } });
        Assert.Equal(conversationId, (string)started["conversationId"]!);
        Assert.False(string.IsNullOrEmpty((string?)started["token"]));
        Assert.StartsWith("ws://", (string)started["streamUrl"]!);

        var (activities, _) = await client.GetActivitiesAsync(conversationId, (string)started["token"]!);
        Assert.All(activities.Messages(), a => Assert.Equal("dl_alex", (string)a["recipient"]!["id"]!));
    }

    [Fact]
    public async Task A_new_conversation_already_holds_the_welcome_and_the_menu_before_the_user_types()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();

        var started = await client.StartAsync(DirectLineHost.Secret, new JsonObject { ["user"] = new JsonObject { ["id"] = "dl_sam" }, ["locale"] = "en-GB" });
        var (activities, watermark) = await client.GetActivitiesAsync((string)started["conversationId"]!, (string)started["token"]!);

        var texts = activities.Messages().Select(Activities.Text).ToList();
        Assert.Equal(content.Welcome.Greeting, texts[0]);
        Assert.Contains(content.Menu.Prompt, texts);
        Assert.All(activities.Messages(), a =>
        {
            Assert.True(Activities.FromBot(a));
            Assert.Equal("directline", (string)a["channelId"]!);
            Assert.True(DateTimeOffset.TryParse((string?)a["timestamp"], out _), "Web Chat orders activities by an ISO timestamp");
        });
        Assert.False(string.IsNullOrEmpty(watermark));
    }

    [Fact]
    public async Task The_users_own_message_comes_back_with_its_id_and_clientActivityID_then_the_replies_to_it()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();
        var session = await client.PageTokenAsync();
        var started = await client.StartAsync((string)session["token"]!);
        var conversationId = (string)started["conversationId"]!;
        var token = (string)started["token"]!;
        var (_, afterWelcome) = await client.GetActivitiesAsync(conversationId, token);

        var id = await client.PostMessageAsync(conversationId, token, "help", clientActivityId: "client-42", fromId: "pretending-to-be-someone");
        Assert.Equal($"{conversationId}|{int.Parse(afterWelcome) + 1:D7}", id);

        var (activities, watermark) = await client.GetActivitiesAsync(conversationId, token, afterWelcome);
        var echo = activities[0]!;
        Assert.Equal(id, Activities.Id(echo));
        Assert.Equal("client-42", (string)echo["channelData"]!["clientActivityID"]!);
        Assert.Equal((string)session["userId"]!, (string)echo["from"]!["id"]!);
        Assert.Equal("help", Activities.Text(echo));

        var replies = activities.Skip(1).Select(a => a!).ToList();
        Assert.Equal([content.Help, content.Menu.Prompt], replies.Select(Activities.Text));
        Assert.All(replies, r => Assert.Equal(id, (string)r["replyToId"]!));

        // Polling again from the new watermark returns nothing new, and the same watermark.
        var (nothing, same) = await client.GetActivitiesAsync(conversationId, token, watermark);
        Assert.Empty(nothing);
        Assert.Equal(watermark, same);
    }

    [Fact]
    public async Task Reconnecting_returns_a_fresh_token_and_a_stream_url_carrying_the_watermark()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var started = await client.StartAsync(DirectLineHost.Secret);
        var conversationId = (string)started["conversationId"]!;

        var (status, reconnect, _) = await client.SendAsync(HttpMethod.Get, $"{Base}/conversations/{conversationId}?watermark=3", (string)started["token"]!);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(conversationId, (string)reconnect!["conversationId"]!);
        Assert.Contains("watermark=3", (string)reconnect["streamUrl"]!);
        var (activities, _) = await client.GetActivitiesAsync(conversationId, (string)reconnect["token"]!);
        Assert.NotEmpty(activities);
    }

    [Fact]
    public async Task A_token_cannot_read_or_post_to_another_conversation()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var mine = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var theirs = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var myToken = (string)mine["token"]!;
        var theirId = (string)theirs["conversationId"]!;

        var (read, _, _) = await client.SendAsync(HttpMethod.Get, $"{Base}/conversations/{theirId}/activities", myToken);
        var (post, _, _) = await client.SendAsync(HttpMethod.Post, $"{Base}/conversations/{theirId}/activities", myToken, DirectLineClient.Message("hello"));
        var (reconnect, _, _) = await client.SendAsync(HttpMethod.Get, $"{Base}/conversations/{theirId}", myToken);

        Assert.Equal(HttpStatusCode.Forbidden, read);
        Assert.Equal(HttpStatusCode.Forbidden, post);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect);
        var (activities, _) = await client.GetActivitiesAsync(theirId, (string)theirs["token"]!);
        Assert.DoesNotContain(activities, a => Activities.Text(a) == "hello");
    }

    [Fact]
    public async Task Calls_without_a_credential_or_with_a_forged_token_are_refused()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var started = await client.StartAsync(DirectLineHost.Secret);
        var conversationId = (string)started["conversationId"]!;
        var token = (string)started["token"]!;
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, $"{Base}/conversations", null, new JsonObject())).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, $"{Base}/conversations/{conversationId}/activities", null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, $"{Base}/conversations/{conversationId}/activities", forged)).Status);
        var (missing, error, _) = await client.SendAsync(HttpMethod.Get, $"{Base}/conversations/no-such-conversation/activities", DirectLineHost.Secret);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.False(string.IsNullOrEmpty((string?)error!["error"]!["message"]));
    }

    [Fact]
    public async Task An_expired_token_gets_403_and_a_refreshed_token_lives_on()
    {
        using var host = new DirectLineHost(manualClock: true);
        using var client = host.Client();
        var started = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var conversationId = (string)started["conversationId"]!;
        var original = (string)started["token"]!;

        host.Clock.Advance(TimeSpan.FromMinutes(20));
        var (refreshStatus, refreshed, _) = await client.SendAsync(HttpMethod.Post, $"{Base}/tokens/refresh", original);
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        var fresh = (string)refreshed!["token"]!;
        Assert.Equal(conversationId, (string)refreshed["conversationId"]!);

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        var (expired, error, _) = await client.SendAsync(HttpMethod.Get, $"{Base}/conversations/{conversationId}/activities", original);
        Assert.Equal(HttpStatusCode.Forbidden, expired);
        Assert.Equal("TokenExpired", (string)error!["error"]!["code"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"{Base}/tokens/refresh", original)).Status);

        var (activities, _) = await client.GetActivitiesAsync(conversationId, fresh);
        Assert.NotEmpty(activities);
        await client.PostMessageAsync(conversationId, fresh, "help");
    }

    [Fact]
    public async Task Too_many_posts_at_once_from_one_token_get_429_and_sending_works_again_a_moment_later()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var started = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var conversationId = (string)started["conversationId"]!;
        var token = (string)started["token"]!;

        var flood = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            client.SendAsync(HttpMethod.Post, $"{Base}/conversations/{conversationId}/activities", token, DirectLineClient.Message($"message {i}"))));

        var limited = flood.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(flood, r => Assert.Contains(r.Status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.Equal("1", limited[0].Response.Headers.RetryAfter?.ToString());

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await client.PostMessageAsync(conversationId, token, "help");
    }

    [Fact]
    public async Task A_message_sent_again_with_the_same_client_activity_id_is_one_message_with_one_set_of_replies()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();
        var started = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var conversationId = (string)started["conversationId"]!;
        var token = (string)started["token"]!;

        // The client lost the first answer (an instance died mid-request) and sends the same post again.
        var first = await client.PostMessageAsync(conversationId, token, "help", clientActivityId: "web-1");
        var again = await client.PostMessageAsync(conversationId, token, "help", clientActivityId: "web-1");

        Assert.Equal(first, again);
        var (activities, _) = await client.GetActivitiesAsync(conversationId, token);
        Assert.Single(activities.Messages(), a => !Activities.FromBot(a));
        Assert.Single(activities.Messages(), a => Activities.Text(a) == content.Help);
    }

    [Fact]
    public async Task File_uploads_are_refused_with_a_clear_reason()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var started = await client.StartAsync(DirectLineHost.Secret);
        var conversationId = (string)started["conversationId"]!;

        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "photo.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/conversations/{conversationId}/upload?userId=dl_x") { Content = form };
        request.Headers.Authorization = new("Bearer", (string)started["token"]!);
        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("does not take files", (string)error["error"]!["message"]!);
    }

    [Fact]
    public async Task Starting_twice_with_one_token_resumes_the_conversation_without_a_second_welcome()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();
        var token = (string)(await client.PageTokenAsync())["token"]!;

        var first = await client.StartAsync(token);
        var second = await client.StartAsync(token);

        Assert.Equal((string)first["conversationId"]!, (string)second["conversationId"]!);
        var (activities, _) = await client.GetActivitiesAsync((string)second["conversationId"]!, (string)second["token"]!);
        Assert.Single(activities, a => Activities.Text(a) == content.Welcome.Greeting);
    }

    [Fact]
    public async Task A_start_sent_again_after_the_welcome_was_cut_short_finishes_the_welcome_once()
    {
        // The instance "dies" while posting the second welcome message: the store refuses it once, as a crash would.
        var cut = new CutShortStore();
        using var host = new DirectLineHost(services: s => s.AddSingleton<IDirectLineStore>(sp =>
            cut.Wrap(ActivatorUtilities.CreateInstance<InMemoryDirectLineStore>(sp))));
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();
        var token = (string)(await client.PageTokenAsync())["token"]!;

        var first = await client.StartAsync(token);
        var conversationId = (string)first["conversationId"]!;
        var (cutShort, _) = await client.GetActivitiesAsync(conversationId, (string)first["token"]!);
        var second = await client.StartAsync(token);
        var (activities, _) = await client.GetActivitiesAsync(conversationId, (string)second["token"]!);

        Assert.Single(cutShort.Messages());
        Assert.Equal([content.Welcome.Greeting, content.Menu.Prompt], new[] { activities.Messages().First(), activities.Messages().Last() }.Select(Activities.Text));
        Assert.Equal(3, activities.Messages().Count());
        Assert.Equal(3, activities.Messages().Select(Activities.Id).Distinct().Count());
    }

    /// <summary>An in-memory store whose second welcome message fails once, the way an instance dying mid-welcome loses it.</summary>
    private sealed class CutShortStore
    {
        private int _failed;

        public IDirectLineStore Wrap(IDirectLineStore inner) => new Store(inner, this);

        private sealed class Store(IDirectLineStore inner, CutShortStore owner) : IDirectLineStore
        {
            public Task<DirectLinePost> AppendOnceAsync(string conversationId, ReflectBot.Framework.Schema.Activity activity, string clientKey, CancellationToken ct) =>
                clientKey.EndsWith("|join~2", StringComparison.Ordinal) && Interlocked.Exchange(ref owner._failed, 1) == 0
                    ? throw new IOException("The instance died.")
                    : inner.AppendOnceAsync(conversationId, activity, clientKey, ct);

            public Task<ConversationCreation> TryCreateConversationAsync(DirectLineConversation conversation, CancellationToken ct) => inner.TryCreateConversationAsync(conversation, ct);

            public Task<DirectLineConversation?> GetConversationAsync(string conversationId, CancellationToken ct) => inner.GetConversationAsync(conversationId, ct);

            public Task<IReadOnlyList<string>> AppendAsync(string conversationId, IReadOnlyList<ReflectBot.Framework.Schema.Activity> activities, CancellationToken ct) => inner.AppendAsync(conversationId, activities, ct);

            public Task<DirectLineActivityPage?> ReadAsync(string conversationId, long watermark, CancellationToken ct) => inner.ReadAsync(conversationId, watermark, ct);

            public IDisposable Subscribe(string conversationId, Action onAppended) => inner.Subscribe(conversationId, onAppended);
        }
    }

    [Fact]
    public async Task Bad_activities_are_refused_and_nothing_the_user_wrote_is_logged()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();
        var started = await client.StartAsync(DirectLineHost.Secret, new JsonObject { ["user"] = new JsonObject { ["id"] = "dl_kim" } });
        var conversationId = (string)started["conversationId"]!;
        var token = (string)started["token"]!;
        const string Private = "my partner ignored me at the wedding again";

        var (noType, _, _) = await client.SendAsync(HttpMethod.Post, $"{Base}/conversations/{conversationId}/activities", token, new JsonObject { ["text"] = Private });
        var broken = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Base}/conversations/{conversationId}/activities")
        {
            Content = new StringContent("{\"type\":\"message\",\"text\":\"" + Private, System.Text.Encoding.UTF8, "application/json"),
            Headers = { Authorization = new("Bearer", token) },
        });
        await client.PostMessageAsync(conversationId, token, Private);

        Assert.Equal(HttpStatusCode.BadRequest, noType);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.DoesNotContain(Private, await broken.Content.ReadAsStringAsync());
        Assert.DoesNotContain(host.Logs, line => line.Contains("wedding", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task While_the_bots_storage_is_down_a_post_gets_503_with_retry_after_and_polling_keeps_working()
    {
        var storage = new SwitchableStorage();
        using var host = new DirectLineHost(services: s => s.AddSingleton<IStorage>(storage));
        using var client = host.Client();
        var content = host.Services.GetRequiredService<CommonContent>();
        var started = await client.StartAsync((string)(await client.PageTokenAsync())["token"]!);
        var conversationId = (string)started["conversationId"]!;
        var token = (string)started["token"]!;

        storage.Down = true;
        var (status, error, response) = await client.SendAsync(HttpMethod.Post, $"{Base}/conversations/{conversationId}/activities", token, DirectLineClient.Message("help"));
        var (_, watermark) = await client.GetActivitiesAsync(conversationId, token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("BotUnavailable", (string)error!["error"]!["code"]!);
        Assert.NotNull(response.Headers.RetryAfter);

        storage.Down = false;
        await client.PostMessageAsync(conversationId, token, "help");
        var (after, _) = await client.GetActivitiesAsync(conversationId, token, watermark);
        Assert.Contains(after, a => Activities.Text(a) == content.Help);
    }

    /// <summary>Memory storage that can be switched off, the way Redis or a disk goes away.</summary>
    private sealed class SwitchableStorage : IStorage
    {
        private readonly MemoryStorage _inner = new();

        public volatile bool Down;

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            Down ? throw new StorageUnavailableException("switched off") : _inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
            Down ? throw new StorageUnavailableException("switched off") : _inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) =>
            Down ? throw new StorageUnavailableException("switched off") : _inner.DeleteAsync(keys, cancellationToken);
    }
}
