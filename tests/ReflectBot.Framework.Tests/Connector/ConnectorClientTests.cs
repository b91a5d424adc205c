using System.Net;
using ReflectBot.Framework.Connector;
using ReflectBot.Framework.Connector.Authentication;

namespace ReflectBot.Framework.Tests.Connector;

public sealed class ConnectorClientTests
{
    private static readonly Uri ServiceUrl = new("https://smba.example/amer/");
    private const string ActivityJson = """{"type":"message","text":"I'm here with you."}""";

    private readonly List<TimeSpan> _waits = [];

    private ConnectorClient Create(FakeHttpHandler handler, IAccessTokenProvider? tokens = null, int maxAttempts = 4) => new(
        handler.CreateClient(),
        tokens,
        new ConnectorClientOptions
        {
            MaxAttempts = maxAttempts,
            BaseDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(10),
            Delay = (wait, _) =>
            {
                _waits.Add(wait);
                return Task.CompletedTask;
            },
        });

    private static HttpResponseMessage Status(HttpStatusCode status, string? body = null) =>
        body is null ? new HttpResponseMessage(status) : FakeHttpHandler.Json(body, status);

    private static Func<HttpRequestMessage, HttpResponseMessage> Sequence(params Func<HttpResponseMessage>[] responses)
    {
        var next = 0;
        return _ => responses[Math.Min(next++, responses.Length - 1)]();
    }

    [Fact]
    public async Task Reply_is_posted_as_json_to_the_reply_path_and_the_response_body_returned()
    {
        var handler = new FakeHttpHandler(_ => Status(HttpStatusCode.Created, """{"id":"1700000000001"}"""));

        var body = await Create(handler).ReplyToActivityAsync(ServiceUrl, "a:1xyz", "activity-7", ActivityJson, CancellationToken.None);

        Assert.Equal("""{"id":"1700000000001"}""", body);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://smba.example/amer/v3/conversations/a%3A1xyz/activities/activity-7", request.Uri.AbsoluteUri);
        Assert.Equal("application/json", request.ContentType!.MediaType);
        Assert.Equal(ActivityJson, request.Body);
    }

    [Fact]
    public async Task Retries_after_throttling_then_succeeds()
    {
        var handler = new FakeHttpHandler(Sequence(
            () => Status(HttpStatusCode.TooManyRequests),
            () => Status(HttpStatusCode.TooManyRequests),
            () => Status(HttpStatusCode.Created, """{"id":"9"}""")));

        var body = await Create(handler).SendAsync(HttpMethod.Post, ServiceUrl, "v3/conversations/c1/activities", ActivityJson, CancellationToken.None);

        Assert.Equal("""{"id":"9"}""", body);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, request => Assert.Equal(ActivityJson, request.Body));
        Assert.Equal(2, _waits.Count);
    }

    [Fact]
    public async Task Retry_after_header_sets_the_wait()
    {
        var handler = new FakeHttpHandler(Sequence(
            () =>
            {
                var throttled = Status(HttpStatusCode.TooManyRequests);
                throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
                return throttled;
            },
            () => Status(HttpStatusCode.OK, "{}")));

        await Create(handler).SendAsync(HttpMethod.Post, ServiceUrl, "v3/conversations/c1/activities", ActivityJson, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(3)], _waits);
    }

    [Fact]
    public async Task Backoff_grows_exponentially_with_jitter()
    {
        var handler = new FakeHttpHandler(_ => Status(HttpStatusCode.ServiceUnavailable));

        await Assert.ThrowsAsync<ConnectorException>(() =>
            Create(handler, maxAttempts: 4).SendAsync(HttpMethod.Post, ServiceUrl, "v3/conversations/c1/activities", ActivityJson, CancellationToken.None));

        Assert.Equal(3, _waits.Count);
        Assert.InRange(_waits[0].TotalMilliseconds, 50, 100);
        Assert.InRange(_waits[1].TotalMilliseconds, 100, 200);
        Assert.InRange(_waits[2].TotalMilliseconds, 200, 400);
    }

    [Fact]
    public async Task Gives_up_after_the_last_attempt_with_a_clear_error_and_no_body()
    {
        var handler = new FakeHttpHandler(_ => Status(HttpStatusCode.BadGateway, """{"error":{"message":"secret internals"}}"""));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Create(handler, maxAttempts: 3).SendAsync(HttpMethod.Put, ServiceUrl, ConnectorClient.UpdateActivityPath("c1", "a1"), ActivityJson, CancellationToken.None));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("502", error.Message);
        Assert.Contains("3 attempts", error.Message);
        Assert.DoesNotContain("secret internals", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task Client_errors_and_not_implemented_fail_at_once(HttpStatusCode status)
    {
        var handler = new FakeHttpHandler(_ => Status(status));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Create(handler).SendAsync(HttpMethod.Delete, ServiceUrl, ConnectorClient.DeleteActivityPath("c1", "a1"), null, CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Network_failure_is_retried()
    {
        var calls = 0;
        var handler = new FakeHttpHandler(_ => ++calls == 1
            ? throw new HttpRequestException("connection refused")
            : Status(HttpStatusCode.OK, "{}"));

        var body = await Create(handler).SendAsync(HttpMethod.Post, ServiceUrl, "v3/conversations/c1/activities", ActivityJson, CancellationToken.None);

        Assert.Equal("{}", body);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Persistent_network_failure_ends_in_a_connector_error_without_a_status()
    {
        var handler = new FakeHttpHandler(HttpResponseMessage (HttpRequestMessage _) => throw new HttpRequestException("connection refused"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Create(handler, maxAttempts: 2).SendAsync(HttpMethod.Post, ServiceUrl, "v3/conversations/c1/activities", ActivityJson, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(2, error.Attempts);
    }

    [Fact]
    public async Task Empty_response_body_comes_back_as_null()
    {
        var handler = new FakeHttpHandler(_ => Status(HttpStatusCode.Accepted));

        var body = await Create(handler).SendToConversationAsync(ServiceUrl, "c1", """{"type":"typing"}""", CancellationToken.None);

        Assert.Null(body);
    }

    [Fact]
    public async Task Anonymous_calls_carry_no_authorization_header()
    {
        var handler = new FakeHttpHandler(_ => Status(HttpStatusCode.OK, "{}"));
        var anonymous = new AppCredentials(new AppCredentialsOptions(), new HttpClient(new FakeHttpHandler(HttpResponseMessage (HttpRequestMessage _) => throw new InvalidOperationException("no token call expected"))));

        await Create(handler).SendToConversationAsync(ServiceUrl, "c1", ActivityJson, CancellationToken.None);
        await Create(handler, anonymous).SendToConversationAsync(ServiceUrl, "c1", ActivityJson, CancellationToken.None);

        Assert.All(handler.Requests, request => Assert.Null(request.Authorization));
    }

    [Fact]
    public async Task Calls_carry_the_bots_bearer_token_from_its_credentials()
    {
        var tokenEndpoint = new FakeHttpHandler(_ => FakeHttpHandler.Json("""{"token_type":"Bearer","expires_in":3600,"access_token":"bot-token"}"""));
        var credentials = new AppCredentials(
            new AppCredentialsOptions { MicrosoftAppId = "app", MicrosoftAppPassword = "pw" },
            tokenEndpoint.CreateClient());
        var handler = new FakeHttpHandler(_ => Status(HttpStatusCode.OK, "{}"));
        var client = Create(handler, credentials);

        await client.SendToConversationAsync(ServiceUrl, "c1", ActivityJson, CancellationToken.None);
        await client.SendToConversationAsync(ServiceUrl, "c1", ActivityJson, CancellationToken.None);

        Assert.All(handler.Requests, request =>
        {
            Assert.Equal("Bearer", request.Authorization!.Scheme);
            Assert.Equal("bot-token", request.Authorization.Parameter);
        });
        Assert.Single(tokenEndpoint.Requests);
    }

    [Theory]
    [InlineData("http://localhost:56150/_connector")]
    [InlineData("http://localhost:56150/_connector/")]
    [InlineData("http://localhost:56150/_connector//")]
    public async Task Service_url_with_or_without_a_trailing_slash_gives_the_same_address(string serviceUrl)
    {
        var handler = new FakeHttpHandler(_ => Status(HttpStatusCode.Created, """{"id":"1"}"""));

        await Create(handler).SendAsync(HttpMethod.Post, new Uri(serviceUrl), "/v3/conversations/c1/activities", ActivityJson, CancellationToken.None);

        Assert.Equal("http://localhost:56150/_connector/v3/conversations/c1/activities", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public void Paths_escape_conversation_and_activity_ids()
    {
        const string channelThread = "19:abc@thread.tacv2;messageid=1700000000000";
        const string directLineId = "Dk3|0000012";

        Assert.Equal(
            "v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1700000000000/activities/Dk3%7C0000012",
            ConnectorClient.ReplyToActivityPath(channelThread, directLineId));
        Assert.Equal("v3/conversations/c%2F1/activities", ConnectorClient.SendToConversationPath("c/1"));
        Assert.Equal("v3/conversations/c1/activities/a%201", ConnectorClient.UpdateActivityPath("c1", "a 1"));
        Assert.Equal(ConnectorClient.UpdateActivityPath("c1", "a1"), ConnectorClient.DeleteActivityPath("c1", "a1"));
    }

    [Fact]
    public async Task Escaped_ids_reach_the_wire_still_escaped()
    {
        var handler = new FakeHttpHandler(_ => Status(HttpStatusCode.Created, """{"id":"1"}"""));

        await Create(handler).ReplyToActivityAsync(ServiceUrl, "19:abc@thread.tacv2;messageid=17", "Dk3|0000012", ActivityJson, CancellationToken.None);

        Assert.Equal(
            "/amer/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D17/activities/Dk3%7C0000012",
            Assert.Single(handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public void Ids_must_not_be_empty()
    {
        Assert.Throws<ArgumentException>(() => ConnectorClient.ReplyToActivityPath("", "a1"));
    }
}
