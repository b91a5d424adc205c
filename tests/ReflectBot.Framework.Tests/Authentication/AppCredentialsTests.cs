using System.Net;
using ReflectBot.Framework.Connector.Authentication;
using ReflectBot.Framework.Tests.Connector;

namespace ReflectBot.Framework.Tests.Authentication;

public sealed class AppCredentialsTests
{
    private const string AppId = "bot-app-id";
    private const string Secret = "s3cret~value";

    private readonly ManualTimeProvider _clock = new();
    private int _issued;

    private HttpResponseMessage IssueToken(int expiresInSeconds = 3600) =>
        FakeHttpHandler.Json($$"""{"token_type":"Bearer","expires_in":{{expiresInSeconds}},"access_token":"token-{{Interlocked.Increment(ref _issued)}}"}""");

    private AppCredentials Create(FakeHttpHandler handler, Action<AppCredentialsOptions>? configure = null)
    {
        var options = new AppCredentialsOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = Secret };
        configure?.Invoke(options);
        return new AppCredentials(options, handler.CreateClient(), _clock);
    }

    private static Dictionary<string, string> FormFields(string body) =>
        body.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));

    [Fact]
    public async Task MultiTenant_asks_the_botframework_tenant_with_client_credentials()
    {
        var handler = new FakeHttpHandler(_ => IssueToken());

        var token = await Create(handler).GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", token);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", request.Uri.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType!.MediaType);
        var form = FormFields(request.Body!);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(AppId, form["client_id"]);
        Assert.Equal(Secret, form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }

    [Fact]
    public async Task SingleTenant_asks_the_bots_own_tenant()
    {
        var handler = new FakeHttpHandler(_ => IssueToken());
        var credentials = Create(handler, o =>
        {
            o.MicrosoftAppType = MicrosoftAppType.SingleTenant;
            o.MicrosoftAppTenantId = "contoso-tenant-id";
            o.AuthorityHost = "https://login.example/";
        });

        await credentials.GetTokenAsync(CancellationToken.None);

        Assert.Equal("https://login.example/contoso-tenant-id/oauth2/v2.0/token", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public void SingleTenant_without_a_tenant_id_is_a_configuration_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Create(new FakeHttpHandler(_ => IssueToken()), o => o.MicrosoftAppType = MicrosoftAppType.SingleTenant));

        Assert.Contains("MicrosoftAppTenantId", error.Message);
    }

    [Fact]
    public void Managed_identity_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Create(new FakeHttpHandler(_ => IssueToken()), o => o.MicrosoftAppType = MicrosoftAppType.UserAssignedMSI));

        Assert.Contains("UserAssignedMSI", error.Message);
    }

    [Fact]
    public void App_id_without_a_password_is_a_configuration_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Create(new FakeHttpHandler(_ => IssueToken()), o => o.MicrosoftAppPassword = ""));

        Assert.Contains("MicrosoftAppPassword", error.Message);
    }

    [Fact]
    public async Task Token_is_requested_once_and_reused()
    {
        var handler = new FakeHttpHandler(_ => IssueToken());
        var credentials = Create(handler);

        var first = await credentials.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(30));
        var second = await credentials.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Token_is_renewed_five_minutes_before_it_expires()
    {
        var handler = new FakeHttpHandler(_ => IssueToken(expiresInSeconds: 3600));
        var credentials = Create(handler);
        await credentials.GetTokenAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("token-1", await credentials.GetTokenAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("token-2", await credentials.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeHttpHandler(async _ =>
        {
            await release.Task;
            return IssueToken();
        });
        var credentials = Create(handler);

        var callers = Enumerable.Range(0, 8).Select(_ => credentials.GetTokenAsync(CancellationToken.None)).ToArray();
        await Task.Delay(50);
        release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, token => Assert.Equal("token-1", token));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Refused_request_throws_a_clear_error_without_the_secret_and_is_not_cached()
    {
        var refuse = true;
        var handler = new FakeHttpHandler(_ => refuse
            ? FakeHttpHandler.Json("""{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}""", HttpStatusCode.Unauthorized)
            : IssueToken());
        var credentials = Create(handler);

        var error = await Assert.ThrowsAsync<AppCredentialsException>(() => credentials.GetTokenAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.Contains("401", error.Message);
        Assert.DoesNotContain(Secret, error.Message);

        refuse = false;
        Assert.Equal("token-1", await credentials.GetTokenAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_an_app_id_no_token_is_requested(string? appId)
    {
        var handler = new FakeHttpHandler(_ => IssueToken());
        var credentials = Create(handler, o => o.MicrosoftAppId = appId);

        Assert.True(credentials.IsAnonymous);
        Assert.Null(await credentials.GetTokenAsync(CancellationToken.None));
        Assert.Empty(handler.Requests);
    }
}
