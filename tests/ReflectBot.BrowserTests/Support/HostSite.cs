using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReflectBot.BrowserTests.Support;

/// <summary>
/// Somebody else's website that embeds the bot, on its own loopback ports (so its own origins): the same pages on
/// <see cref="Allowed"/> (named in the bot's WebChat:AllowedOrigins) and on <see cref="Refused"/> (not named). Home and
/// contact pages carry the widget snippet, <c>/framed</c> the plain iframe, <c>/neutral</c> is where quick exit goes.
/// </summary>
public sealed class HostSite : IAsyncDisposable
{
    public const string ChatTitle = "Harbour Helper";

    /// <summary>The site's own colour for the widget (a purple, so the test can tell it from the bot's teal).</summary>
    public const string Accent = "#5B2A86";

    private readonly WebApplication _app;

    private HostSite(WebApplication app, Uri allowed, Uri refused)
    {
        _app = app;
        Allowed = allowed;
        Refused = refused;
    }

    public Uri Allowed { get; }

    public Uri Refused { get; }

    /// <summary>The bot's address, known once it has started (it needs this site's origin first).</summary>
    public Uri? Bot { get; set; }

    public string AllowedOrigin => Allowed.GetLeftPart(UriPartial.Authority);

    public static async Task<HostSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        HostSite? site = null;
        app.MapGet("/", () => Html(Page("Home", "We listen, without judgement. Our counsellors are here on weekdays.", site!)));
        app.MapGet("/contact", () => Html(Page("Contact", "Call us on weekdays between nine and five.", site!)));
        app.MapGet("/neutral", () => Html("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Weather</title></head><body><main><h1>Today's weather</h1><p>Light rain, clearing later.</p></main></body></html>"));
        app.MapGet("/framed", () => Html(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harbour Counselling – Chat</title></head><body><main><h1>Chat with us</h1>" +
            $"<iframe src=\"{site!.Bot}embed?title={Uri.EscapeDataString(ChatTitle)}\" title=\"{ChatTitle}\" width=\"420\" height=\"640\"></iframe></main></body></html>"));
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        site = new HostSite(app, addresses[0], addresses[1]);
        return site;
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static string Page(string name, string text, HostSite site) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>Harbour Counselling – {name}</title></head><body><header><p>Harbour Counselling</p>" +
        "<nav aria-label=\"Site\"><a href=\"/\">Home</a> · <a href=\"/contact\">Contact</a></nav></header>" +
        $"<main><h1>{name}</h1><p>{text}</p></main>" +
        $"<script src=\"{site.Bot}widget.js\" data-title=\"{ChatTitle}\" data-accent=\"{Accent}\" data-locale=\"en-GB\" data-exit-url=\"{site.AllowedOrigin}/neutral\" async></script>" +
        "</body></html>";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
