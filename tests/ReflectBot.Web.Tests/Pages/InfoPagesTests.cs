using System.Net;
using System.Net.Http.Headers;
using ReflectBot.Content;
using ReflectBot.Web.Pages;
using ReflectBot.Web.Tests.Deployment;
using ReflectBot.Web.Tests.Host;

namespace ReflectBot.Web.Tests.Pages;

/// <summary>
/// /privacy and /terms, which the Teams app links: real words from dialogs/en-US/pages.yaml, the retention period
/// as configured, how to delete everything, and the help lines for the visitor's region, all HTML-encoded.
/// </summary>
public sealed class InfoPagesTests : IDisposable
{
    private readonly string _contentCopy = Path.Combine(Path.GetTempPath(), "reflectbot-pages-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_contentCopy))
        {
            Directory.Delete(_contentCopy, recursive: true);
        }
    }

    private static async Task<(HttpResponseMessage Response, string Html)> GetAsync(BotHostFactory host, string path, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await host.CreateClient().SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_privacy_page_says_what_is_kept_for_how_long_and_how_to_delete_it()
    {
        await using var host = new BotHostFactory();

        var (response, html) = await GetAsync(host, InfoPages.PrivacyPath, "en-US,en;q=0.9");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("<h1>Privacy</h1>", html);
        Assert.Contains("Not a therapist.", html);
        Assert.Contains("Not an emergency service.", html);
        Assert.Contains("Everything ReflectBot keeps about you is deleted after 90 days without a visit.", html);
        Assert.Contains("type &quot;delete my data&quot; in the chat", html);
        Assert.Contains("<a href=\"tel:988\">988</a>", html);
        Assert.Contains("<a href=\"/terms\">Terms of use</a>", html);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("{", html);
    }

    [Theory]
    [InlineData("30", "Everything ReflectBot keeps about you is deleted after 30 days without a visit.")]
    [InlineData("0", "What ReflectBot keeps about you stays until you delete it.")]
    public async Task The_retention_period_on_the_privacy_page_follows_the_configuration(string days, string says)
    {
        await using var host = new BotHostFactory(settings: new() { ["ReflectBot:RetentionDays"] = days });

        var (response, html) = await GetAsync(host, InfoPages.PrivacyPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(says, html);
        Assert.DoesNotContain("90 days", html);
    }

    [Fact]
    public async Task The_terms_page_says_what_ReflectBot_is_not_and_shows_the_help_lines_of_the_visitors_region()
    {
        await using var host = new BotHostFactory();

        var (response, html) = await GetAsync(host, InfoPages.TermsPath, "en-GB");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Terms of use</h1>", html);
        Assert.Contains("It is not a therapist and does not diagnose anyone.", html);
        Assert.Contains("It is not an emergency service.", html);
        Assert.Contains("call <a href=\"tel:999\">999</a> now (United Kingdom)", html);
        Assert.Contains("<strong>Samaritans</strong>: call <a href=\"tel:116123\">116 123</a>", html);
        Assert.Contains("<a href=\"/privacy\">Privacy</a>", html);
    }

    [Fact]
    public async Task Every_word_from_the_content_is_HTML_encoded()
    {
        CopyContent();
        var pages = Path.Combine(_contentCopy, "en-US", "pages.yaml");
        File.WriteAllText(pages, File.ReadAllText(pages).Replace(
            "title: \"Terms of use\"", "title: \"Terms <script>alert('x')</script> & rules\"", StringComparison.Ordinal));
        await using var host = new BotHostFactory(settings: new() { ["Content:Path"] = _contentCopy });

        var (_, html) = await GetAsync(host, InfoPages.TermsPath);

        Assert.Contains("<h1>Terms &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; rules</h1>", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void A_privacy_page_that_no_longer_states_the_retention_period_stops_start_up_with_file_and_line()
    {
        CopyContent();
        var pages = Path.Combine(_contentCopy, "en-US", "pages.yaml");
        var text = File.ReadAllText(pages).Replace("        - \"{retention}\"\n", "", StringComparison.Ordinal);
        File.WriteAllText(pages, text);

        var ex = Assert.Throws<ContentException>(() => InfoPagesContent.Load(new ContentSource(_contentCopy)));

        var line = text[..text.IndexOf("  sections:\n    - heading: \"What ReflectBot is, and is not\"", StringComparison.Ordinal)].Count(c => c == '\n') + 2;
        Assert.Equal($"en-US/pages.yaml:{line}: privacy.sections: one paragraph or item must say {{retention}}, how long data is kept", ex.Message);
    }

    private void CopyContent()
    {
        var source = Path.Combine(RepoFiles.RootDirectory, "dialogs");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_contentCopy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
