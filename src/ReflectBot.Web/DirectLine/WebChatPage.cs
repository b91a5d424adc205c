using Microsoft.AspNetCore.StaticFiles;
using ReflectBot.Safety;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// The web chat page (<c>wwwroot/index.html</c> with the Web Chat bundle) and the two calls it makes besides
/// Direct Line: <c>POST /api/webchat/token</c>, which mints a Direct Line token for a fresh user, so the page never
/// sees the secret, and <c>GET /api/crisis-lines?locale=</c> for its "Need help now?" dialog.
/// </summary>
public static class WebChatPage
{
    public const string TokenPath = "/api/webchat/token";

    public const string CrisisLinesPath = "/api/crisis-lines";

    /// <summary>
    /// The page loads nothing from other origins; this makes the browser enforce it. Web Chat injects its styles
    /// at run time (hence 'unsafe-inline' for styles only) and connects back here over ws(s).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self' ws: wss:; font-src 'self' data:; media-src 'self' blob:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    internal static IApplicationBuilder UseWebChatStaticFiles(this IApplicationBuilder app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "no-referrer";

                    // The page is tiny and changes with deploys; the bundle may be cached.
                    headers.CacheControl = "no-cache";
                }
            },
        });
        return app;
    }

    internal static IEndpointRouteBuilder MapWebChatApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokenPath, IssueToken);
        endpoints.MapGet(CrisisLinesPath, GetCrisisLines);
        return endpoints;
    }

    /// <summary>
    /// The crisis lines for the region of <paramref name="locale"/> (the browser's language, e.g. en-GB), chosen
    /// exactly as the bot's own crisis replies choose them (dialogs/safety/crisis-lines.yaml): a region we do not
    /// list gets the international set, a locale without a region the bot's default.
    /// </summary>
    private static IResult GetCrisisLines(HttpContext http, string? locale, CrisisReplies replies)
    {
        var set = replies.LinesFor(locale);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Json(new CrisisLinesResponse
        {
            Id = set.Id,
            Region = set.RegionName,
            Emergency = set.Emergency,
            CrisisLines = set.CrisisLines.Select(ToResponse).ToList(),
            AbuseLines = set.AbuseLines.Select(ToResponse).ToList(),
        }, DirectLineJson.Default.CrisisLinesResponse);
    }

    private static HelpLineResponse ToResponse(HelpLine line) =>
        new() { Name = line.Name, Call = line.Call, Text = line.Text, Website = line.Website, Note = line.Note };

    /// <summary>
    /// A new user id for every page load: ReflectBot deliberately does not recognise a returning browser, since
    /// the person at a shared computer may not be the one who chatted before.
    /// </summary>
    private static IResult IssueToken(HttpContext http, DirectLineTokens tokens)
    {
        var userId = DirectLineChannel.NewUserId();
        var conversationId = DirectLineChannel.NewConversationId();
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new WebChatTokenResponse
        {
            Token = tokens.Issue(conversationId, userId),
            ConversationId = conversationId,
            UserId = userId,
            ExpiresIn = tokens.LifetimeSeconds,
        }, DirectLineJson.Default.WebChatTokenResponse);
    }
}
