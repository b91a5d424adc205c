using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ReflectBot.Web.Widget;

/// <summary>
/// The chat for other sites: <c>GET /widget.js</c> (the snippet's script: a chat button and a panel) and
/// <c>GET /embed</c> (the chat page itself, framable by the allowed sites only). A site that is not allowed gets a
/// clear refusal from both, judged by the <c>Origin</c> or <c>Referer</c> its page sends; the token endpoint and
/// Direct Line check <c>Origin</c> as well (see <see cref="EmbedderOrigins"/>), so the refusal does not rest on this.
/// </summary>
public static class WidgetEndpoints
{
    public const string ScriptPath = "/widget.js";
    public const string EmbedPath = "/embed";

    /// <summary>The CORS policy of the calls an allowed site's page may make: the token, Direct Line and the script.</summary>
    public const string CorsPolicy = "WebChatEmbedders";

    /// <summary>Where the page carries the configured quick-exit address; the embed page fills it in.</summary>
    internal const string QuickExitPlaceholder = "data-quick-exit-url=\"\"";

    public static IServiceCollection AddWebChatWidget(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WidgetOptions>().Bind(configuration.GetSection(WidgetOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WidgetOptions>, WidgetOptionsValidation>();
        services.AddSingleton<EmbedderOrigins>();
        services.AddSingleton<WidgetAssets>();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<EmbedderOrigins>((cors, origins) => cors.AddPolicy(CorsPolicy, policy => policy
                .SetIsOriginAllowed(origin => origins.IsAllowed(EmbedderOrigins.Normalize(origin)))
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                // What DirectLineJS sends; no cookies are used, so no credentials.
                .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, "x-ms-bot-agent", "x-requested-with")
                .WithExposedHeaders(HeaderNames.RetryAfter)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    internal static IEndpointRouteBuilder MapWebChatWidget(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ScriptPath, ServeScript).RequireCors(CorsPolicy);
        endpoints.MapGet(EmbedPath, ServeEmbed);
        return endpoints;
    }

    private static IResult ServeScript(HttpContext http, EmbedderOrigins origins, WidgetAssets assets)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.Vary = "Origin, Referer";

        // Any site's page may load it where it is allowed to (a page with Cross-Origin-Embedder-Policy included).
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        var embedder = EmbedderOrigins.EmbedderOf(http.Request);
        if (origins.Judge(http.Request, embedder) == OriginStanding.Refused)
        {
            // Browsers do not run a script answered with 403; the line shows in the network panel for the site's developer.
            headers.CacheControl = "no-store";
            return Results.Text($"console.error({System.Text.Json.JsonSerializer.Serialize(EmbedderOrigins.RefusalFor(embedder), WidgetJson.Default.String)});\n", "text/javascript; charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden);
        }

        headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.ToString() == assets.ScriptETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        headers.ETag = assets.ScriptETag;
        return Results.Bytes(assets.Script, "text/javascript; charset=utf-8");
    }

    /// <summary>
    /// The chat page, compact, for a frame. Framed by a site that is not allowed (its <c>Referer</c> says so), it answers
    /// with a short refusal instead; <c>frame-ancestors</c> makes the browser refuse such framing in any case.
    /// </summary>
    private static IResult ServeEmbed(HttpContext http, EmbedderOrigins origins, WidgetAssets assets)
    {
        var destination = http.Request.Headers["Sec-Fetch-Dest"].ToString();
        var framed = destination is "iframe" or "frame" || destination.Length == 0;
        var embedder = EmbedderOrigins.EmbedderOf(http.Request);
        if (framed && origins.Judge(http.Request, embedder) == OriginStanding.Refused)
        {
            // Shown in the refused site's frame on purpose: its owner sees why, and a visitor still sees where help is.
            PageSecurityHeaders.Apply(http, "*");
            return Results.Content(RefusalPage(embedder), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden);
        }

        if (assets.EmbedPage is not { } page)
        {
            return Results.Text("The chat page is not deployed here (wwwroot/index.html is missing).\n", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);
        }

        PageSecurityHeaders.Apply(http, origins.FrameAncestors);
        return Results.Content(page, "text/html; charset=utf-8");
    }

    private static string RefusalPage(string? embedder) =>
        "<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>ReflectBot – not available here</title>\n" +
        "  <link rel=\"stylesheet\" href=\"/css/site.css\">\n</head>\n<body class=\"page\">\n  <main class=\"text-page\">\n" +
        "    <h1>This chat is not available on this site</h1>\n" +
        $"    <p>{WebUtility.HtmlEncode(EmbedderOrigins.RefusalFor(embedder))}</p>\n" +
        "    <p class=\"emergency\">If you are in danger right now, call your local emergency number.</p>\n  </main>\n</body>\n</html>\n";
}

/// <summary>The widget script (embedded in the assembly) and the embed page (wwwroot/index.html with the quick-exit address), read once.</summary>
internal sealed class WidgetAssets
{
    private readonly Lazy<string?> _embedPage;

    public WidgetAssets(IWebHostEnvironment environment, IOptions<WidgetOptions> options)
    {
        using (var stream = typeof(WidgetAssets).Assembly.GetManifestResourceStream("ReflectBot.Web.Widget.widget.js")
            ?? throw new InvalidOperationException("The widget script is missing from the assembly."))
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            Script = buffer.ToArray();
        }

        ScriptETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Script))[..16]}\"";

        _embedPage = new Lazy<string?>(() => ReadEmbedPage(environment, options.Value.QuickExitUrl));
    }

    public byte[] Script { get; }

    public string ScriptETag { get; }

    /// <summary>Null where the host runs without its web root (the bench runs the bare build output).</summary>
    public string? EmbedPage => _embedPage.Value;

    private static string? ReadEmbedPage(IWebHostEnvironment environment, string quickExitUrl)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!file.Exists)
        {
            return null;
        }

        using var reader = new StreamReader(file.CreateReadStream());
        var html = reader.ReadToEnd();
        if (!html.Contains(WidgetEndpoints.QuickExitPlaceholder, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wwwroot/index.html lost its {WidgetEndpoints.QuickExitPlaceholder} attribute, which the embedded chat needs for quick exit.");
        }

        return html.Replace(WidgetEndpoints.QuickExitPlaceholder, $"data-quick-exit-url=\"{WebUtility.HtmlEncode(quickExitUrl)}\"", StringComparison.Ordinal);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class WidgetJson : System.Text.Json.Serialization.JsonSerializerContext;
