using ReflectBot.Framework.Connector.Authentication;
using ReflectBot.Framework.Tests.Connector;
using static ReflectBot.Framework.Tests.Authentication.FakeBotFrameworkIssuer;

namespace ReflectBot.Framework.Tests.Authentication;

public sealed class BotFrameworkAuthenticationTests
{
    private const string Teams = "msteams";

    private readonly FakeBotFrameworkIssuer _issuer = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly TestSigningKey _teamsKey = CreateKey("key-1", Teams, "webchat");

    public BotFrameworkAuthenticationTests() => _issuer.Publish(_teamsKey);

    private BotFrameworkAuthentication CreateAuthentication(string? appId = AppId) => new(
        new BotAuthenticationOptions { MicrosoftAppId = appId, OpenIdMetadataUrl = MetadataUrl },
        _issuer.Handler.CreateClient(),
        _clock);

    private static Task<AuthenticationResult> Authenticate(
        BotFrameworkAuthentication auth, string? header, string channelId = Teams, string serviceUrl = ServiceUrl) =>
        auth.AuthenticateAsync(header, channelId, serviceUrl, CancellationToken.None);

    private static string Bearer(string token) => $"Bearer {token}";

    [Fact]
    public async Task Valid_token_is_accepted_with_its_claims()
    {
        var result = await Authenticate(CreateAuthentication(), Bearer(CreateToken(_teamsKey)));

        Assert.True(result.Succeeded, result.ToString());
        Assert.False(result.IsAnonymous);
        Assert.Equal(AppId, result.Identity!.FindFirst("aud")!.Value);
        Assert.Equal(ServiceUrl, result.Identity.FindFirst("serviceurl")!.Value);
    }

    [Fact]
    public async Task Signing_keys_are_fetched_once_and_reused()
    {
        var auth = CreateAuthentication();

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Authenticate(auth, Bearer(CreateToken(_teamsKey)))).Succeeded);
        }

        Assert.Equal(1, _issuer.JwksFetches);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var now = DateTime.UtcNow;
        var token = CreateToken(_teamsKey, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6));

        var result = await Authenticate(CreateAuthentication(), Bearer(token));

        Assert.Equal(AuthenticationFailure.Expired, result.Failure);
    }

    [Fact]
    public async Task Token_from_the_future_is_refused()
    {
        var now = DateTime.UtcNow;
        var token = CreateToken(_teamsKey, notBefore: now.AddMinutes(6), expires: now.AddHours(1));

        var result = await Authenticate(CreateAuthentication(), Bearer(token));

        Assert.Equal(AuthenticationFailure.NotYetValid, result.Failure);
    }

    [Fact]
    public async Task Clock_drift_within_the_skew_is_tolerated()
    {
        var now = DateTime.UtcNow;
        var auth = CreateAuthentication();

        var justExpired = await Authenticate(auth, Bearer(CreateToken(_teamsKey, notBefore: now.AddHours(-1), expires: now.AddMinutes(-4))));
        var slightlyEarly = await Authenticate(auth, Bearer(CreateToken(_teamsKey, notBefore: now.AddMinutes(4), expires: now.AddHours(1))));

        Assert.True(justExpired.Succeeded, justExpired.ToString());
        Assert.True(slightlyEarly.Succeeded, slightlyEarly.ToString());
    }

    [Fact]
    public async Task Token_for_another_bot_is_refused()
    {
        var result = await Authenticate(CreateAuthentication(), Bearer(CreateToken(_teamsKey, audience: "some-other-bot")));

        Assert.Equal(AuthenticationFailure.WrongAudience, result.Failure);
    }

    [Fact]
    public async Task Token_from_another_issuer_is_refused()
    {
        var result = await Authenticate(CreateAuthentication(), Bearer(CreateToken(_teamsKey, issuer: "https://sts.windows.net/evil/")));

        Assert.Equal(AuthenticationFailure.WrongIssuer, result.Failure);
    }

    [Fact]
    public async Task Token_signed_by_an_impostor_key_under_a_known_kid_is_refused()
    {
        var impostor = CreateKey(_teamsKey.Kid, Teams);

        var result = await Authenticate(CreateAuthentication(), Bearer(CreateToken(impostor)));

        Assert.Equal(AuthenticationFailure.InvalidSignature, result.Failure);
    }

    [Fact]
    public async Task Unknown_key_refreshes_the_metadata_once_then_accepts_the_rotated_key()
    {
        var auth = CreateAuthentication();
        Assert.True((await Authenticate(auth, Bearer(CreateToken(_teamsKey)))).Succeeded);

        // The channel rotates to a key the cached JWKS does not have yet.
        var rotated = CreateKey("key-2", Teams);
        _issuer.Publish(_teamsKey, rotated);

        var result = await Authenticate(auth, Bearer(CreateToken(rotated)));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, _issuer.JwksFetches);
    }

    [Fact]
    public async Task Unknown_key_refresh_is_rate_limited_then_allowed_again_after_the_cooldown()
    {
        var auth = CreateAuthentication();
        var stranger = CreateKey("never-published", Teams);

        var first = await Authenticate(auth, Bearer(CreateToken(stranger)));
        var second = await Authenticate(auth, Bearer(CreateToken(stranger)));

        Assert.Equal(AuthenticationFailure.UnknownSigningKey, first.Failure);
        Assert.Equal(AuthenticationFailure.UnknownSigningKey, second.Failure);
        Assert.Equal(2, _issuer.JwksFetches); // initial load + one forced refresh, not one per request

        // Within the cooldown a real rotation is not seen yet...
        var rotated = CreateKey("key-2", Teams);
        _issuer.Publish(rotated);
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(AuthenticationFailure.UnknownSigningKey, (await Authenticate(auth, Bearer(CreateToken(rotated)))).Failure);

        // ...and once the cooldown has passed, it is.
        _clock.Advance(TimeSpan.FromMinutes(2));
        var afterCooldown = await Authenticate(auth, Bearer(CreateToken(rotated)));
        Assert.True(afterCooldown.Succeeded, afterCooldown.ToString());
        Assert.Equal(3, _issuer.JwksFetches);
    }

    [Fact]
    public async Task Missing_header_is_refused()
    {
        var auth = CreateAuthentication();

        Assert.Equal(AuthenticationFailure.MissingHeader, (await Authenticate(auth, null)).Failure);
        Assert.Equal(AuthenticationFailure.MissingHeader, (await Authenticate(auth, "  ")).Failure);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("BearerToken")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task Header_without_the_bearer_scheme_is_refused(string header)
    {
        var result = await Authenticate(CreateAuthentication(), header);

        Assert.Equal(AuthenticationFailure.NotBearerScheme, result.Failure);
    }

    [Fact]
    public async Task Bearer_scheme_is_matched_case_insensitively()
    {
        var result = await Authenticate(CreateAuthentication(), "bearer " + CreateToken(_teamsKey));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("aaa.bbb.ccc")]
    public async Task Garbage_token_is_refused_without_echoing_it(string garbage)
    {
        var result = await Authenticate(CreateAuthentication(), Bearer(garbage));

        Assert.Equal(AuthenticationFailure.MalformedToken, result.Failure);
        Assert.DoesNotContain(garbage, result.FailureReason);
    }

    [Fact]
    public async Task Token_issued_for_another_service_url_is_refused()
    {
        var token = CreateToken(_teamsKey, serviceUrl: "https://attacker.example/amer/");

        var result = await Authenticate(CreateAuthentication(), Bearer(token));

        Assert.Equal(AuthenticationFailure.ServiceUrlMismatch, result.Failure);
    }

    [Fact]
    public async Task Token_without_a_service_url_claim_is_refused()
    {
        var result = await Authenticate(CreateAuthentication(), Bearer(CreateToken(_teamsKey, serviceUrl: null)));

        Assert.Equal(AuthenticationFailure.ServiceUrlMismatch, result.Failure);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer")]
    [InlineData("HTTPS://SMBA.TrafficManager.net/amer/")]
    public async Task Service_url_matches_despite_a_trailing_slash_or_host_case(string activityServiceUrl)
    {
        var result = await Authenticate(CreateAuthentication(), Bearer(CreateToken(_teamsKey)), serviceUrl: activityServiceUrl);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Key_not_endorsed_for_the_activity_channel_is_refused()
    {
        var result = await Authenticate(CreateAuthentication(), Bearer(CreateToken(_teamsKey)), channelId: "slack");

        Assert.Equal(AuthenticationFailure.NotEndorsedForChannel, result.Failure);
    }

    [Fact]
    public async Task Key_without_endorsements_accepts_any_channel()
    {
        var plainKey = CreateKey("plain", endorsements: null);
        _issuer.Publish(plainKey);

        var result = await Authenticate(CreateAuthentication(), Bearer(CreateToken(plainKey)), channelId: "directline");

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Metadata_that_cannot_be_loaded_refuses_with_a_clear_reason()
    {
        var auth = new BotFrameworkAuthentication(
            new BotAuthenticationOptions { MicrosoftAppId = AppId, OpenIdMetadataUrl = "https://login.test/missing" },
            _issuer.Handler.CreateClient(),
            _clock);

        var result = await Authenticate(auth, Bearer(CreateToken(_teamsKey)));

        Assert.Equal(AuthenticationFailure.MetadataUnavailable, result.Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_an_app_id_authentication_is_disabled_and_requests_pass_anonymously(string? appId)
    {
        var auth = CreateAuthentication(appId);

        var result = await Authenticate(auth, header: null);

        Assert.True(auth.IsAuthenticationDisabled);
        Assert.True(result.Succeeded);
        Assert.True(result.IsAnonymous);
        Assert.False(result.Identity!.IsAuthenticated);
        Assert.Empty(_issuer.Handler.Requests);
    }

    [Fact]
    public void With_an_app_id_authentication_is_enabled()
    {
        Assert.False(CreateAuthentication().IsAuthenticationDisabled);
    }
}
