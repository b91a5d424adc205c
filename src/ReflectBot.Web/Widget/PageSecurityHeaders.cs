namespace ReflectBot.Web.Widget;

/// <summary>
/// The headers every HTML page of the bot carries: a Content-Security-Policy that keeps it on the bot's own origin
/// (scripts, styles, and connections to the bot itself, WebSocket included, nowhere else), no sniffing, no referrer.
/// Pages are never framed, except the embeddable chat, which names the sites allowed to frame it.
/// </summary>
public static class PageSecurityHeaders
{
    /// <summary>The <c>frame-ancestors</c> of a page no site may frame.</summary>
    public const string NotFramed = "'none'";

    /// <param name="frameAncestors"><see cref="NotFramed"/>, or the CSP source list of who may frame the page.</param>
    public static void Apply(HttpContext http, string frameAncestors)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy(http.Request, frameAncestors);
        if (frameAncestors == NotFramed)
        {
            // For browsers that predate frame-ancestors.
            headers.XFrameOptions = "DENY";
        }

        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";

        // Pages are tiny and change with deploys; the bundle beside them may be cached.
        headers.CacheControl = "no-cache";
    }

    /// <summary>
    /// Web Chat injects its styles at run time (hence 'unsafe-inline' for styles only). <c>connect-src</c> names the
    /// bot's own host for WebSockets too, rather than any <c>ws:</c>/<c>wss:</c> address.
    /// </summary>
    public static string Policy(HttpRequest request, string frameAncestors) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        $"connect-src 'self' {WebSocketSource(request)}; font-src 'self' data:; media-src 'self' blob:; object-src 'none'; " +
        $"base-uri 'self'; form-action 'self'; frame-ancestors {frameAncestors}";

    /// <summary><c>wss://host</c> (or <c>ws://</c> on plain http); a Host that is not a plain host[:port] falls back to 'self' alone.</summary>
    private static string WebSocketSource(HttpRequest request)
    {
        var host = request.Host.Value ?? "";
        var plain = host.Length > 0 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']');
        return plain ? $"{(request.IsHttps ? "wss" : "ws")}://{host}" : "";
    }
}
