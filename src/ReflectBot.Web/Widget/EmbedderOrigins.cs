using Microsoft.Extensions.Options;

namespace ReflectBot.Web.Widget;

/// <summary>
/// The sites allowed to embed the chat (<see cref="WidgetOptions.AllowedOrigins"/>) and the checks made against
/// them. Browsers send <c>Origin</c> on every cross-origin call and WebSocket upgrade, and <c>Referer</c> (at least
/// the origin, by default) when a page loads a script or a frame, so these are what a request is judged by. A
/// request carrying neither is not from another site's page (a server, curl, or the bot's own page).
/// </summary>
public sealed class EmbedderOrigins
{
    private readonly HashSet<string> _allowed;

    public EmbedderOrigins(IOptions<WidgetOptions> options)
    {
        _allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in options.Value.AllowedOrigins)
        {
            _allowed.Add(Normalize(entry) ?? throw new InvalidOperationException(Problem(entry)));
        }

        FrameAncestors = string.Join(' ', ["'self'", .. _allowed.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The normalized allowed origins.</summary>
    public IReadOnlyCollection<string> Allowed => _allowed;

    /// <summary>The CSP <c>frame-ancestors</c> source list of the embeddable page: the bot itself and the allowed sites.</summary>
    public string FrameAncestors { get; }

    public bool IsAllowed(string? origin) => origin is not null && _allowed.Contains(origin);

    /// <summary>
    /// <c>scheme://host[:port]</c> in lower case without a default port, or null when <paramref name="text"/> is not an
    /// http(s) origin (a path, query, user info or wildcard makes it something else).
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }

    /// <summary>Why a configured entry is not an origin, naming it and the setting.</summary>
    public static string Problem(string? entry) =>
        $"WebChat:AllowedOrigins: '{entry}' is not an origin. Give scheme, host and optional port only, such as https://counselling.example (no path, no wildcard).";

    /// <summary>The bot's own origin as the browser sees it (the request's scheme and Host).</summary>
    public static string SelfOrigin(HttpRequest request) =>
        Normalize($"{request.Scheme}://{request.Host.Value}") ?? $"{request.Scheme}://{request.Host.Value}";

    /// <summary>The <c>Origin</c> header, normalized; <c>"null"</c> (a sandboxed or file page) stays <c>"null"</c>, which no list allows.</summary>
    public static string? OriginOf(HttpRequest request)
    {
        var header = request.Headers.Origin.ToString();
        if (header.Length == 0)
        {
            return null;
        }

        return Normalize(header) ?? "null";
    }

    /// <summary>The page that asked: its <c>Origin</c>, else the origin of its <c>Referer</c>; null when neither was sent.</summary>
    public static string? EmbedderOf(HttpRequest request)
    {
        if (OriginOf(request) is { } origin)
        {
            return origin;
        }

        var referer = request.Headers.Referer.ToString();
        return referer.Length > 0 && Uri.TryCreate(referer, UriKind.Absolute, out var uri)
            ? Normalize(uri.GetLeftPart(UriPartial.Authority)) ?? "null"
            : null;
    }

    /// <summary>How a request from <paramref name="origin"/> stands: nobody's page, the bot's own, an allowed site's, or refused.</summary>
    public OriginStanding Judge(HttpRequest request, string? origin) =>
        origin is null ? OriginStanding.NoSite
        : origin == SelfOrigin(request) ? OriginStanding.Self
        : IsAllowed(origin) ? OriginStanding.Allowed
        : OriginStanding.Refused;

    /// <summary>
    /// Whether a Direct Line call may use a token bound to <paramref name="boundOrigin"/> (null: the secret, or a token
    /// issued to no site): from no site's page and from the bot's own pages always; from another site's page only when
    /// that site is the token's own and is still allowed.
    /// </summary>
    public bool MayUse(HttpRequest request, string? boundOrigin)
    {
        var origin = OriginOf(request);
        return Judge(request, origin) switch
        {
            OriginStanding.NoSite or OriginStanding.Self => true,
            OriginStanding.Allowed => origin == boundOrigin,
            _ => false,
        };
    }

    /// <summary>The one-line refusal a site that is not allowed gets.</summary>
    public static string RefusalFor(string? origin) =>
        $"{origin ?? "This site"} is not allowed to embed ReflectBot's chat. The bot's operator can add it to WebChat:AllowedOrigins.";
}

public enum OriginStanding
{
    /// <summary>No Origin or Referer: not another site's page.</summary>
    NoSite,

    /// <summary>The bot's own pages.</summary>
    Self,

    /// <summary>A site in WebChat:AllowedOrigins.</summary>
    Allowed,

    /// <summary>Any other site.</summary>
    Refused,
}

/// <summary>Refuses to start with an entry in WebChat:AllowedOrigins that is not an origin, naming it.</summary>
internal sealed class WidgetOptionsValidation : IValidateOptions<WidgetOptions>
{
    public ValidateOptionsResult Validate(string? name, WidgetOptions options)
    {
        var problems = options.AllowedOrigins.Where(o => EmbedderOrigins.Normalize(o) is null).Select(EmbedderOrigins.Problem).ToList();
        if (!Uri.TryCreate(options.QuickExitUrl, UriKind.Absolute, out var exit) || (exit.Scheme != Uri.UriSchemeHttps && exit.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"WebChat:QuickExitUrl: '{options.QuickExitUrl}' is not an http(s) address.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
