using System.Net;
using System.Text.Json.Nodes;

namespace ReflectBot.Web.Tests.DirectLine;

/// <summary>What the web chat page gets from the server: itself, the bundle, a token, the crisis lines.</summary>
public class WebChatPageEndpointTests
{
    [Fact]
    public async Task The_page_is_served_at_the_root_with_the_bundle_beside_it_and_a_policy_that_keeps_it_on_this_origin()
    {
        using var host = new DirectLineHost();
        using var client = host.CreateClient();

        var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var bundle = await client.GetAsync("/lib/webchat.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script src=\"lib/webchat.js\"></script>", html);
        Assert.Contains("Need help now?", html);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 1_000_000, "the full Web Chat bundle (with Adaptive Cards) is copied at build time");
    }

    [Theory]
    [InlineData("/privacy", "delete my data")]
    [InlineData("/terms", "not an emergency service")]
    public async Task The_privacy_and_terms_pages_the_Teams_manifest_links_to_exist(string path, string says)
    {
        using var host = new DirectLineHost();
        using var client = host.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_token_is_for_a_new_user_every_time_and_never_reveals_the_secret()
    {
        using var host = new DirectLineHost();
        using var client = host.Client();

        var first = await client.PageTokenAsync();
        var second = await client.PageTokenAsync();

        Assert.NotEqual((string)first["userId"]!, (string)second["userId"]!);
        Assert.NotEqual((string)first["conversationId"]!, (string)second["conversationId"]!);
        Assert.DoesNotContain(DirectLineHost.Secret, first.ToJsonString());
        Assert.Equal(1800, (int)first["expires_in"]!);
    }

    [Theory]
    [InlineData("en-US", "United States", "988", "911")]
    [InlineData("en-GB", "United Kingdom", "116 123", "999")]
    [InlineData("en", "United States", "988", "911")]
    [InlineData(null, "United States", "988", "911")]
    public async Task Crisis_lines_follow_the_region_of_the_pages_locale_and_fall_back_to_the_bots_default(string? locale, string region, string crisisNumber, string emergency)
    {
        using var host = new DirectLineHost();
        using var client = host.CreateClient();

        var response = await client.GetAsync(locale is null ? "/api/crisis-lines" : $"/api/crisis-lines?locale={locale}");
        var set = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(region, (string)set["region"]!);
        Assert.Equal(emergency, (string)set["emergency"]!);
        Assert.Contains(set["crisisLines"]!.AsArray(), line => (string?)line!["call"] == crisisNumber);
        Assert.NotEmpty(set["abuseLines"]!.AsArray());
    }

    [Fact]
    public async Task A_region_without_listed_lines_gets_the_international_set_not_another_countrys_numbers()
    {
        using var host = new DirectLineHost();
        using var client = host.CreateClient();

        var set = JsonNode.Parse(await client.GetStringAsync("/api/crisis-lines?locale=nl-NL"))!;

        Assert.Equal("international", (string)set["id"]!);
        Assert.DoesNotContain("911", set.ToJsonString());
        Assert.Contains(set["crisisLines"]!.AsArray(), line => (string?)line!["website"] == "findahelpline.com");
    }
}
