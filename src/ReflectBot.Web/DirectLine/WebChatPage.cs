using Microsoft.AspNetCore.StaticFiles;
using ReflectBot.Safety;
using ReflectBot.Web.Limits;
using ReflectBot.Web.Widget;

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

    internal static IApplicationBuilder UseWebChatStaticFiles(this IApplicationBuilder app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    // The page at / is never framed; sites embed the chat through /embed (Widget/WidgetEndpoints).
                    PageSecurityHeaders.Apply(context.Context, PageSecurityHeaders.NotFramed);
                }
            },
        });
        return app;
    }

    internal static IEndpointRouteBuilder MapWebChatApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokenPath, IssueToken)
            .RequireCors(WidgetEndpoints.CorsPolicy)
            .WithBodySizeLimit(DirectLineEndpoints.MaxEmptyBodyBytes)
            .RequireStartLimit(StartKind.Token);
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
    /// the person at a shared computer may not be the one who chatted before. The token is bound to the page's
    /// <c>Origin</c> (the bot's own pages, or a site in WebChat:AllowedOrigins, which also gets CORS); another site is
    /// refused, and a token bound to one site does not work from another's pages.
    /// </summary>
    private static IResult IssueToken(HttpContext http, DirectLineTokens tokens, EmbedderOrigins origins)
    {
        http.Response.Headers.CacheControl = "no-store";
        var origin = EmbedderOrigins.OriginOf(http.Request);
        if (origins.Judge(http.Request, origin) == OriginStanding.Refused)
        {
            return DirectLineEndpoints.OriginRefused(http.Request, origins);
        }

        var userId = DirectLineChannel.NewUserId();
        var conversationId = DirectLineChannel.NewConversationId();
        return Results.Json(new WebChatTokenResponse
        {
            Token = tokens.Issue(conversationId, userId, origin),
            ConversationId = conversationId,
            UserId = userId,
            ExpiresIn = tokens.LifetimeSeconds,
        }, DirectLineJson.Default.WebChatTokenResponse);
    }
}
