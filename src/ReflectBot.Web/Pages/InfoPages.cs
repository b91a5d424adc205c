using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using ReflectBot.Content;
using ReflectBot.Privacy;
using ReflectBot.Safety;
using ReflectBot.Web.Widget;

namespace ReflectBot.Web.Pages;

/// <summary>
/// <c>GET /privacy</c> and <c>GET /terms</c> (the Teams manifest links both): the words of pages.yaml as a plain
/// HTML page, every character encoded, with the retention period as configured and the help lines for the
/// region the visitor's browser language points to.
/// </summary>
public static class InfoPages
{
    public const string PrivacyPath = "/privacy";
    public const string TermsPath = "/terms";

    public static IServiceCollection AddInfoPages(this IServiceCollection services) => services.AddBotContent<InfoPagesContent>();

    public static IEndpointRouteBuilder MapInfoPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PrivacyPath, (HttpContext http, InfoPagesContent content, PrivacyContent privacy, CrisisReplies replies, ContentSource source, IOptions<ReflectBotOptions> options) =>
        {
            var days = options.Value.RetentionDays;
            var retention = days > 0
                ? ContentText.Fill(content.Privacy.Retention, ("retentionDays", days.ToString(CultureInfo.InvariantCulture)))
                : content.Privacy.RetentionOff;
            return Page(http, content, content.Privacy, replies, source.Locale, ("retention", retention), ("deleteCommand", privacy.Commands[0]));
        });
        endpoints.MapGet(TermsPath, (HttpContext http, InfoPagesContent content, PrivacyContent privacy, CrisisReplies replies, ContentSource source) =>
            Page(http, content, content.Terms, replies, source.Locale, ("deleteCommand", privacy.Commands[0])));
        return endpoints;
    }

    private static IResult Page(HttpContext http, InfoPagesContent content, InfoPage page, CrisisReplies replies, string language, params (string Name, string Value)[] values)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append("<!doctype html>\n<html lang=\"").Append(Encode(language)).Append("\">\n<head>\n")
            .Append("  <meta charset=\"utf-8\">\n  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("  <title>ReflectBot – ").Append(Encode(page.Title)).Append("</title>\n")
            .Append("  <link rel=\"icon\" href=\"/img/avatar.svg\" type=\"image/svg+xml\">\n  <link rel=\"stylesheet\" href=\"/css/site.css\">\n")
            .Append("</head>\n<body class=\"page\">\n")
            .Append("  <a class=\"skip-link\" href=\"#main\">").Append(Encode(content.Common.Skip)).Append("</a>\n")
            .Append("  <header class=\"site-header\">\n    <div class=\"brand\">\n      <img src=\"/img/avatar.svg\" alt=\"\" width=\"40\" height=\"40\">\n")
            .Append("      <p class=\"brand-name\"><a href=\"/\">ReflectBot</a></p>\n    </div>\n  </header>\n")
            .Append("  <main id=\"main\" class=\"text-page\" tabindex=\"-1\">\n")
            .Append("    <h1>").Append(Encode(page.Title)).Append("</h1>\n")
            .Append("    <p>").Append(Encode(ContentText.Fill(page.Intro, values))).Append("</p>\n");

        foreach (var section in page.Sections)
        {
            html.Append("    <h2>").Append(Encode(section.Heading)).Append("</h2>\n");
            foreach (var paragraph in section.Paragraphs)
            {
                html.Append("    <p>").Append(Encode(ContentText.Fill(paragraph, values))).Append("</p>\n");
            }

            AppendList(html, section.Items.Select(item => Encode(ContentText.Fill(item, values))));
        }

        AppendHelp(html, content, replies.LinesFor(BrowserLocale(http)));
        html.Append("    <nav class=\"page-links\"><a href=\"/\">").Append(Encode(content.Common.Chat)).Append("</a> · ")
            .Append("<a href=\"").Append(PrivacyPath).Append("\">").Append(Encode(content.Common.PrivacyLink)).Append("</a> · ")
            .Append("<a href=\"").Append(TermsPath).Append("\">").Append(Encode(content.Common.TermsLink)).Append("</a></nav>\n")
            .Append("  </main>\n</body>\n</html>\n");

        // The same rules as the static pages: nothing from other origins, never framed, no referrer.
        PageSecurityHeaders.Apply(http, PageSecurityHeaders.NotFramed);
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>The emergency number and both lists of help lines, numbers as call links.</summary>
    private static void AppendHelp(StringBuilder html, InfoPagesContent content, CrisisLineSet set)
    {
        html.Append("    <h2>").Append(Encode(content.Common.Help.Heading)).Append("</h2>\n")
            .Append("    <p class=\"emergency\">").Append(FillHtml(content.Common.Help.Emergency, ("emergency", Numbers(set.Emergency)), ("region", Encode(set.RegionName)))).Append("</p>\n")
            .Append("    <p>").Append(Encode(content.Common.Help.Crisis)).Append("</p>\n");
        AppendList(html, set.CrisisLines.Select(line => Line(content, line)));
        html.Append("    <p>").Append(Encode(content.Common.Help.Abuse)).Append("</p>\n");
        AppendList(html, set.AbuseLines.Select(line => Line(content, line)));
    }

    private static void AppendList(StringBuilder html, IEnumerable<string> itemsHtml)
    {
        var any = false;
        foreach (var item in itemsHtml)
        {
            html.Append(any ? "" : "    <ul>\n").Append("      <li>").Append(item).Append("</li>\n");
            any = true;
        }

        if (any)
        {
            html.Append("    </ul>\n");
        }
    }

    /// <summary>"<b>Samaritans</b>: call 116 123, text …, samaritans.org (note)", already encoded.</summary>
    private static string Line(InfoPagesContent content, HelpLine line)
    {
        var ways = new List<string>(3);
        if (line.Call is { } call)
        {
            ways.Add($"{Encode(content.Common.Help.Call)} {Numbers(call)}");
        }

        if (line.Text is { } text)
        {
            ways.Add($"{Encode(content.Common.Help.Text)} {Encode(text)}");
        }

        if (line.Website is { } website)
        {
            var href = website.Contains("://", StringComparison.Ordinal) ? website : "https://" + website;
            ways.Add($"<a href=\"{Encode(href)}\" rel=\"noopener noreferrer\">{Encode(website)}</a>");
        }

        var note = line.Note is { } n ? $" <span class=\"note\">({Encode(n)})</span>" : "";
        return $"<strong>{Encode(line.Name)}</strong>: {string.Join(", ", ways)}{note}";
    }

    /// <summary>"112 or 999" → two call links around a plain "or"; words without digits stay words.</summary>
    private static string Numbers(string text)
    {
        var parts = text.Split(" or ");
        return string.Join(" or ", parts.Select(part => part.Any(char.IsAsciiDigit)
            ? $"<a href=\"tel:{new string(part.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray())}\">{Encode(part)}</a>"
            : Encode(part)));
    }

    /// <summary>Encodes the template's own text and puts in the given, already encoded, HTML for its placeholders.</summary>
    private static string FillHtml(string template, params (string Name, string Html)[] values)
    {
        var html = new StringBuilder();
        var at = 0;
        for (var open = template.IndexOf('{'); open >= 0; open = template.IndexOf('{', at))
        {
            var close = template.IndexOf('}', open);
            var name = template[(open + 1)..close];
            html.Append(Encode(template[at..open])).Append(values.First(v => v.Name == name).Html);
            at = close + 1;
        }

        return html.Append(Encode(template[at..])).ToString();
    }

    /// <summary>The browser's preferred language ("en-GB" from "en-GB,en;q=0.9"), for choosing the help lines.</summary>
    private static string? BrowserLocale(HttpContext http) =>
        http.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Value.HasValue && l.Value.Value != "*")
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value)
            .FirstOrDefault();

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
