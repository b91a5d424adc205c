using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ReflectBot.Web.Tests.DirectLine;

namespace ReflectBot.Web.Tests.Widget;

/// <summary>
/// Which sites may embed the chat (WebChat:AllowedOrigins) and what the others get: CORS, tokens bound to the site that
/// asked, the script, the frame and the page headers, as a browser would see them on the wire.
/// </summary>
public sealed class EmbeddingTests : IDisposable
{
    private const string Allowed = "https://counselling.example";
    private const string AlsoAllowed = "https://employer.example";
    private const string Refused = "https://stranger.example";

    private readonly DirectLineHost _host = new(new()
    {
        ["WebChat:AllowedOrigins:0"] = Allowed,
        ["WebChat:AllowedOrigins:1"] = AlsoAllowed + "/",
        ["WebChat:QuickExitUrl"] = "https://weather.example/today?from=\"x\"",
    });

    public void Dispose() => _host.Dispose();

    private HttpClient Http() => _host.CreateClient();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? origin = null, string? bearer = null, Action<HttpRequestMessage>? more = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        more?.Invoke(request);
        return await http.SendAsync(request);
    }

    private static async Task<string> TokenFromAsync(HttpResponseMessage response) =>
        (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!;

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!;

    [Fact]
    public async Task The_token_endpoint_answers_an_allowed_site_with_CORS_and_refuses_any_other_site_clearly()
    {
        using var http = Http();

        var allowed = await SendAsync(http, HttpMethod.Post, "/api/webchat/token", Allowed);
        var refused = await SendAsync(http, HttpMethod.Post, "/api/webchat/token", Refused);
        var noSite = await SendAsync(http, HttpMethod.Post, "/api/webchat/token");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(Allowed, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal($"{Refused} is not allowed to embed ReflectBot's chat. The bot's operator can add it to WebChat:AllowedOrigins.", await ErrorAsync(refused));
        Assert.Equal(HttpStatusCode.OK, noSite.StatusCode);
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_site_names_what_Direct_Line_clients_send_and_one_from_another_site_gets_nothing()
    {
        using var http = Http();
        void Preflight(HttpRequestMessage request)
        {
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        }

        var allowed = await SendAsync(http, HttpMethod.Options, "/v3/directline/conversations/abc/activities", AlsoAllowed, more: Preflight);
        var refused = await SendAsync(http, HttpMethod.Options, "/v3/directline/conversations/abc/activities", Refused, more: Preflight);

        Assert.Equal(AlsoAllowed, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-ms-bot-agent", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_token_works_from_the_site_it_was_issued_to_and_the_bots_own_pages_never_from_another_site_even_after_refresh()
    {
        using var http = Http();
        var token = await TokenFromAsync(await SendAsync(http, HttpMethod.Post, "/api/webchat/token", Allowed));
        var start = await SendAsync(http, HttpMethod.Post, "/v3/directline/conversations", Allowed, token);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var started = JsonNode.Parse(await start.Content.ReadAsStringAsync())!;
        var conversation = (string)started["conversationId"]!;
        var refreshed = await TokenFromAsync(await SendAsync(http, HttpMethod.Post, "/v3/directline/tokens/refresh", Allowed, (string)started["token"]!));
        var activities = $"/v3/directline/conversations/{conversation}/activities";

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, activities, Allowed, refreshed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, activities, "http://localhost", refreshed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, activities, origin: null, refreshed)).StatusCode);

        var otherAllowedSite = await SendAsync(http, HttpMethod.Get, activities, AlsoAllowed, refreshed);
        var strangerSite = await SendAsync(http, HttpMethod.Get, activities, Refused, refreshed);
        Assert.Equal(HttpStatusCode.Forbidden, otherAllowedSite.StatusCode);
        Assert.StartsWith("This chat was started on another site", await ErrorAsync(otherAllowedSite), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, strangerSite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Post, "/v3/directline/tokens/refresh", AlsoAllowed, refreshed)).StatusCode);
    }

    [Fact]
    public async Task The_secret_is_refused_from_any_sites_page()
    {
        using var http = Http();

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Post, "/v3/directline/tokens/generate", Allowed, DirectLineHost.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Post, "/v3/directline/conversations", Refused, DirectLineHost.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, "/v3/directline/tokens/generate", bearer: DirectLineHost.Secret)).StatusCode);
    }

    [Fact]
    public async Task A_token_of_the_first_format_issued_before_the_upgrade_still_works()
    {
        using var client = new DirectLineClient(Http());
        var conversation = (string)(await client.StartAsync(DirectLineHost.Secret))["conversationId"]!;
        var userToken = FirstFormatToken(conversation, "dl_before_upgrade");

        var (status, _, _) = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation}/activities", userToken);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>The token format before origins were bound: five lines, version dl1, signed as now.</summary>
    private static string FirstFormatToken(string conversation, string user)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(DirectLineHost.Secret), 32, salt: null, info: Encoding.UTF8.GetBytes("ReflectBot Direct Line token v1"));
        var expires = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', "dl1", conversation, user, expires.ToString(System.Globalization.CultureInfo.InvariantCulture), "0011223344556677"));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, payload))}";
    }

    [Fact]
    public async Task The_widget_script_is_served_to_allowed_sites_and_refused_with_a_clear_line_to_others()
    {
        using var http = Http();
        void From(HttpRequestMessage request, string page) => request.Headers.Referrer = new Uri(page);

        var allowed = await SendAsync(http, HttpMethod.Get, "/widget.js", more: r => From(r, Allowed + "/contact"));
        var refused = await SendAsync(http, HttpMethod.Get, "/widget.js", more: r => From(r, Refused + "/"));
        var again = await SendAsync(http, HttpMethod.Get, "/widget.js", more: r =>
        {
            From(r, Allowed + "/");
            r.Headers.IfNoneMatch.Add(allowed.Headers.ETag!);
        });

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("text/javascript", allowed.Content.Headers.ContentType!.MediaType);
        Assert.Contains("reflectbot:quick-exit", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains($"{Refused} is not allowed to embed ReflectBot", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embed_page_may_be_framed_by_the_allowed_sites_only_and_a_frame_on_another_site_shows_why_not()
    {
        using var http = Http();
        void Framed(HttpRequestMessage request, string page)
        {
            request.Headers.Add("Sec-Fetch-Dest", "iframe");
            request.Headers.Referrer = new Uri(page);
        }

        var allowed = await SendAsync(http, HttpMethod.Get, "/embed?mode=widget", more: r => Framed(r, AlsoAllowed + "/help"));
        var refused = await SendAsync(http, HttpMethod.Get, "/embed", more: r => Framed(r, Refused + "/"));
        var page = await SendAsync(http, HttpMethod.Get, "/");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var policy = allowed.Headers.GetValues("Content-Security-Policy").Single();
        Assert.EndsWith($"frame-ancestors 'self' {Allowed} {AlsoAllowed}", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws://localhost;", policy, StringComparison.Ordinal);
        Assert.False(allowed.Headers.Contains("X-Frame-Options"));
        Assert.Contains("data-quick-exit-url=\"https://weather.example/today?from=&quot;x&quot;\"", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("This chat is not available on this site", refusal, StringComparison.Ordinal);
        Assert.Contains("emergency number", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("webchat.js", refusal, StringComparison.Ordinal);

        Assert.EndsWith("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.DoesNotContain(" ws: wss:", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://counselling.example/chat")]
    [InlineData("*")]
    [InlineData("counselling.example")]
    public void A_setting_that_is_not_an_origin_stops_the_start_and_names_itself(string entry)
    {
        using var host = new DirectLineHost(new() { ["WebChat:AllowedOrigins:0"] = entry });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains($"WebChat:AllowedOrigins: '{entry}' is not an origin", failure.ToString(), StringComparison.Ordinal);
    }
}
