using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Web.Tests.Host;

public sealed class MessagesEndpointTests
{
    private static BotHostFactory WithBot(IBot bot, Action<IServiceCollection>? more = null) =>
        new(services =>
        {
            services.AddSingleton(bot);
            more?.Invoke(services);
        });

    private static async Task AssertOneLineAsync(HttpResponseMessage response, HttpStatusCode status, string expectedLine)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(expectedLine + "\n", body);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ExpectReplies_answers_with_the_bots_replies_addressed_back_to_the_user()
    {
        await using var host = WithBot(new RecordingEchoBot());
        var activity = Wire.Message("hello there");

        var replies = await (await host.CreateClient().PostAsync(activity)).RepliesAsync();

        var reply = Assert.Single(replies);
        Assert.Equal("message", reply.Type);
        Assert.Equal("echo: hello there", reply.Text);
        Assert.Equal(activity["id"]!.GetValue<string>(), reply.ReplyToId);
        Assert.Equal("28:bot-app", reply.From?.Id);
        Assert.Equal("29:user-1", reply.Recipient?.Id);
        Assert.Equal("a:conv-1", reply.Conversation?.Id);
        Assert.Equal("tenant-1", reply.Conversation?.TenantId);
        Assert.Equal("msteams", reply.ChannelId);
    }

    [Fact]
    public async Task Normal_delivery_posts_each_reply_to_the_channels_service_url()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = WithBot(new RecordingEchoBot());
        var activity = Wire.Message("hi", conversationId: "a:conv;messageid=17", serviceUrl: channel.ServiceUrl, expectReplies: false);

        var response = await host.CreateClient().PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var (method, rawTarget, conversationId, activityId, body) = Assert.Single(channel.Received);
        Assert.Equal("POST", method);
        Assert.Equal($"/_connector/v3/conversations/a%3Aconv%3Bmessageid%3D17/activities/{activity["id"]}", rawTarget);
        Assert.Equal("a:conv;messageid=17", conversationId);
        Assert.Equal(activity["id"]!.GetValue<string>(), activityId);
        var reply = JsonSerializer.Deserialize(body, SchemaJson.Default.Activity)!;
        Assert.Equal("echo: hi", reply.Text);
        Assert.Equal("29:user-1", reply.Recipient?.Id);
        Assert.Equal(activity["id"]!.GetValue<string>(), reply.ReplyToId);
    }

    [Theory]
    [InlineData("this is not json", "The body is not a JSON activity.")]
    [InlineData("", "The body is not a JSON activity.")]
    [InlineData("null", "The body is not a JSON activity.")]
    [InlineData("[{\"type\":\"message\"}]", "The body is not a JSON activity.")]
    [InlineData("{\"type\":5}", "The body is not a JSON activity (at $.type).")]
    public async Task A_body_that_is_not_an_activity_gets_400_with_a_one_line_reason(string body, string reason)
    {
        await using var host = WithBot(new RecordingEchoBot());

        await AssertOneLineAsync(await host.CreateClient().PostRawAsync(body), HttpStatusCode.BadRequest, reason);
    }

    [Theory]
    [InlineData("type", "The activity has no 'type'.")]
    [InlineData("conversation", "The activity has no 'conversation.id'.")]
    [InlineData("from", "The activity has no 'from.id'.")]
    [InlineData("channelId", "The activity has no 'channelId'.")]
    public async Task A_missing_required_field_gets_400_naming_it(string field, string reason)
    {
        var bot = new RecordingEchoBot();
        await using var host = WithBot(bot);
        var activity = Wire.Message("hi");
        activity.Remove(field);

        await AssertOneLineAsync(await host.CreateClient().PostAsync(activity), HttpStatusCode.BadRequest, reason);
        Assert.Empty(bot.Seen);
    }

    [Fact]
    public async Task A_missing_service_url_is_fine_for_expectReplies_only()
    {
        await using var host = WithBot(new RecordingEchoBot());
        var client = host.CreateClient();

        Assert.Single(await (await client.PostAsync(Wire.Message("hi"))).RepliesAsync());
        await AssertOneLineAsync(
            await client.PostAsync(Wire.Message("hi", expectReplies: false)),
            HttpStatusCode.BadRequest,
            "The activity has no 'serviceUrl' to send replies to; add one, or set 'deliveryMode' to 'expectReplies' to get the replies in the response.");
        await AssertOneLineAsync(
            await client.PostAsync(Wire.Message("hi", serviceUrl: "ftp://files.example/", expectReplies: false)),
            HttpStatusCode.BadRequest,
            "The activity's 'serviceUrl' is not an absolute http(s) URL.");

        // A control character would otherwise be trimmed away into a URL that looks fine, and the bot would post there.
        await AssertOneLineAsync(
            await client.PostAsync(Wire.Message("hi", serviceUrl: "https://smba.example/\u0000", expectReplies: false)),
            HttpStatusCode.BadRequest,
            "The activity's 'serviceUrl' is not an absolute http(s) URL.");
    }

    [Fact]
    public async Task A_body_over_256_KB_gets_413_whether_or_not_it_declares_its_length()
    {
        var bot = new RecordingEchoBot();
        await using var host = WithBot(bot);
        var client = host.CreateClient();
        var huge = Wire.Message(new string('x', 300 * 1024)).ToJsonString();

        await AssertOneLineAsync(await client.PostRawAsync(huge), HttpStatusCode.RequestEntityTooLarge, "The activity is larger than 256 KB.");

        // Chunked: no Content-Length, so the limit is enforced while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await AssertOneLineAsync(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "The activity is larger than 256 KB.");
        Assert.Empty(bot.Seen);
    }

    [Fact]
    public async Task A_very_long_message_under_the_cap_reaches_the_bot_whole()
    {
        var bot = new RecordingEchoBot();
        await using var host = WithBot(bot);
        var text = string.Concat(Enumerable.Repeat("I feel unheard. ", 1500));

        var replies = await (await host.CreateClient().PostAsync(Wire.Message(text))).RepliesAsync();

        Assert.Equal(text, Assert.Single(bot.Seen).Text);
        Assert.Single(replies);
    }

    [Fact]
    public async Task An_unknown_activity_type_is_acknowledged_without_a_turn()
    {
        var bot = new RecordingEchoBot();
        await using var host = WithBot(bot);
        var activity = Wire.Message("hi");
        activity["type"] = "somethingNewFromTeams";

        var response = await host.CreateClient().PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Seen);
    }

    [Fact]
    public async Task HEAD_is_answered_and_GET_is_not_allowed()
    {
        await using var host = WithBot(new RecordingEchoBot());
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/messages"))).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task A_bot_that_throws_gives_the_user_its_apology_and_the_channel_a_200()
    {
        BotCallbackHandler throwing = (_, _) => throw new InvalidOperationException("secret detail");
        await using var host = WithBot(new CallbackBot(throwing), services => services.AddSingleton(sp =>
            new TurnErrorHandler(sp.GetRequiredService<ILogger<TurnErrorHandler>>(), (_, _) => MessageFactory.Text("Sorry, something broke on my side."))));

        var response = await host.CreateClient().PostAsync(Wire.Message("my private words"));

        Assert.Equal("Sorry, something broke on my side.", Assert.Single(await response.RepliesAsync()).Text);
        var logged = string.Join("\n", host.Logs.Select(l => l.Message));
        Assert.Contains("System.InvalidOperationException", logged);
        Assert.DoesNotContain("my private words", logged);
        Assert.DoesNotContain("secret detail", logged);
    }

    [Fact]
    public async Task A_failure_outside_the_turn_is_one_line_without_a_stack_trace()
    {
        await using var host = WithBot(new RecordingEchoBot(), services =>
            services.AddSingleton<IRequestAuthenticator>(new ThrowingAuthenticator(new InvalidOperationException("internal detail"))));

        await AssertOneLineAsync(await host.CreateClient().PostAsync(Wire.Message("hi")), HttpStatusCode.InternalServerError, "The bot failed to handle this request.");
        var logged = string.Join("\n", host.Logs.Select(l => l.Message));
        Assert.Contains("POST /api/messages failed with System.InvalidOperationException", logged);
        Assert.DoesNotContain("internal detail", logged);
    }

    [Fact]
    public async Task An_unreachable_store_outside_the_turn_is_a_503()
    {
        await using var host = WithBot(new RecordingEchoBot(), services =>
            services.AddSingleton<IRequestAuthenticator>(new ThrowingAuthenticator(new StorageUnavailableException("down"))));

        await AssertOneLineAsync(await host.CreateClient().PostAsync(Wire.Message("hi")), HttpStatusCode.ServiceUnavailable, "The bot's storage is unavailable; try again shortly.");
    }

    [Fact]
    public async Task A_refused_request_gets_401_with_the_reason_and_no_turn()
    {
        var bot = new RecordingEchoBot();
        await using var host = WithBot(bot, services => services.AddSingleton<IRequestAuthenticator>(new RefusingAuthenticator()));

        await AssertOneLineAsync(await host.CreateClient().PostAsync(Wire.Message("hi")), HttpStatusCode.Unauthorized, "The token has expired.");
        Assert.Empty(bot.Seen);
    }

    [Fact]
    public async Task An_invoke_returns_the_bots_invoke_response_or_501()
    {
        BotCallbackHandler answering = (tc, ct) => tc.Activity.Name == "adaptiveCard/action"
            ? tc.SendActivityAsync(new Activity
            {
                Type = ActivityTypes.InvokeResponse,
                Value = JsonDocument.Parse("""{"status":200,"body":{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Noted"}}""").RootElement,
            }, ct)
            : Task.CompletedTask;
        await using var host = WithBot(new CallbackBot(answering));
        var client = host.CreateClient();
        JsonObject Invoke(string name)
        {
            var invoke = Wire.Message("", serviceUrl: "http://127.0.0.1:9/unused/", expectReplies: false);
            invoke["type"] = "invoke";
            invoke["name"] = name;
            return invoke;
        }

        var handled = await client.PostAsync(Invoke("adaptiveCard/action"));
        Assert.Equal(HttpStatusCode.OK, handled.StatusCode);
        Assert.Equal("Noted", JsonNode.Parse(await handled.Content.ReadAsStringAsync())!["value"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotImplemented, (await client.PostAsync(Invoke("something/else"))).StatusCode);
    }

    [Fact]
    public async Task Twenty_messages_posted_at_once_to_one_conversation_run_one_at_a_time()
    {
        CountingBot? bot = null;
        await using var host = new BotHostFactory(services => services.AddSingleton<IBot>(sp => bot = new CountingBot(sp.GetRequiredService<IStorage>())));
        var client = host.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.PostAsync(Wire.Message("message " + i))));

        var counts = new List<int>();
        foreach (var response in responses)
        {
            counts.Add(int.Parse(Assert.Single(await response.RepliesAsync()).Text!));
        }

        Assert.Equal(Enumerable.Range(1, 20), counts.Order());
        Assert.Equal(1, bot!.MaxConcurrentTurns);
        var adapter = host.Services.GetRequiredService<CloudAdapter>();
        Assert.Equal(0, adapter.ConversationLock.ActiveKeys);
    }

    private sealed class CallbackBot(BotCallbackHandler callback) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) => callback(turnContext, cancellationToken);
    }

    private sealed class ThrowingAuthenticator(Exception exception) : IRequestAuthenticator
    {
        public Task<RequestAuthenticationResult> AuthenticateAsync(Microsoft.AspNetCore.Http.HttpRequest request, Activity activity, CancellationToken cancellationToken) =>
            throw exception;
    }

    private sealed class RefusingAuthenticator : IRequestAuthenticator
    {
        public Task<RequestAuthenticationResult> AuthenticateAsync(Microsoft.AspNetCore.Http.HttpRequest request, Activity activity, CancellationToken cancellationToken) =>
            Task.FromResult(RequestAuthenticationResult.Refused("The token has expired."));
    }
}

/// <summary>The real bot (AddReflectBot, shipped content) behind the real host: only what the host promises, not what the bot says.</summary>
public sealed class RealBotThroughHostTests
{
    [Fact]
    public async Task The_real_bot_answers_a_first_message()
    {
        await using var host = new BotHostFactory();

        var replies = await (await host.CreateClient().PostAsync(Wire.Message("hello"))).RepliesAsync();

        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal("29:user-1", r.Recipient?.Id));
        Assert.Contains(replies, r => !string.IsNullOrWhiteSpace(r.Text) || r.Attachments is { Count: > 0 });
    }

    [Fact]
    public async Task A_message_over_ten_thousand_characters_gets_a_reply_not_an_error()
    {
        await using var host = new BotHostFactory();
        var client = host.CreateClient();
        await (await client.PostAsync(Wire.Message("hello"))).RepliesAsync();

        var replies = await (await client.PostAsync(Wire.Message(new string('a', 12_000)))).RepliesAsync();

        Assert.Contains(replies, r => !string.IsNullOrWhiteSpace(r.Text));
    }
}
