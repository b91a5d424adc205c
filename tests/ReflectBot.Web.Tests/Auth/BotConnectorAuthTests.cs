using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Framework.Tests.Authentication;
using ReflectBot.Web.Tests.Host;

namespace ReflectBot.Web.Tests.Auth;

/// <summary>With MicrosoftAppId set, /api/messages runs a turn only for a valid Bot Framework token.</summary>
public sealed class BotConnectorAuthTests : IDisposable
{
    private readonly FakeBotFrameworkIssuer _issuer = new();
    private readonly TestSigningKey _key = FakeBotFrameworkIssuer.CreateKey("key-1", "msteams");
    private readonly BotHostFactory _factory;

    public BotConnectorAuthTests()
    {
        _issuer.Publish(_key);
        _factory = new BotHostFactory(
            services => services.AddSingleton(new HttpClient(_issuer.Handler)),
            new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = FakeBotFrameworkIssuer.AppId,
                ["MicrosoftAppPassword"] = "not-used-for-expect-replies",
                ["BotAuthentication:OpenIdMetadataUrl"] = FakeBotFrameworkIssuer.MetadataUrl,
            });
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_and_no_turn_runs()
    {
        var client = _factory.CreateClient();
        var response = await client.PostAsync(Wire.Message("hi", serviceUrl: FakeBotFrameworkIssuer.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\n", body.Trim());
        Assert.DoesNotContain("ReflectBot", body);
    }

    [Fact]
    public async Task A_valid_token_runs_the_turn()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FakeBotFrameworkIssuer.CreateToken(_key));
        var response = await client.PostAsync(Wire.Message("hi", serviceUrl: FakeBotFrameworkIssuer.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await response.RepliesAsync(), a => a.Text?.Contains("ReflectBot", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_token_for_another_bot_is_refused()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FakeBotFrameworkIssuer.CreateToken(_key, audience: "another-bot"));
        var response = await client.PostAsync(Wire.Message("hi", serviceUrl: FakeBotFrameworkIssuer.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
