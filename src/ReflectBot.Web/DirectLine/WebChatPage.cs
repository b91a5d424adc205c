using Microsoft.AspNetCore.StaticFiles;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// The web chat page (<c>wwwroot/index.html</c> with the Web Chat bundle) and the one call it makes before
/// chatting: <c>POST /api/webchat/token</c>, which mints a Direct Line token for a fresh user, so the page never
/// sees the secret.
/// </summary>
public static class WebChatPage
{
    public const string TokenPath = "/api/webchat/token";

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

    internal static IEndpointRouteBuilder MapWebChatToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokenPath, IssueToken);
        return endpoints;
    }

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
