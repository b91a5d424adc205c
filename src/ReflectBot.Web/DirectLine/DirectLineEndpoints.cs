using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;
using ReflectBot.Safety;
using ReflectBot.Web.Limits;
using ReflectBot.Web.Widget;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// Direct Line 3.0 under <c>/v3/directline</c>, as Web Chat and DirectLineJS use it: tokens, conversations,
/// activities by polling or WebSocket. Callers present the secret or a token bound to one conversation and user.
/// Errors use Direct Line's <c>{"error":{"code","message"}}</c> shape and never quote what anyone wrote.
/// </summary>
public static class DirectLineEndpoints
{
    public const string BasePath = "/v3/directline";

    /// <summary>Far above any chat message; anything larger is refused before it is parsed.</summary>
    public const int MaxActivityBytes = 256 * 1024;

    /// <summary>The optional body of token and start calls: a user id and a locale.</summary>
    public const int MaxStartBytes = 16 * 1024;

    /// <summary>Routes that take no body still get a cap, so nobody can stream megabytes at them.</summary>
    public const int MaxEmptyBodyBytes = 1024;

    public static IEndpointRouteBuilder MapDirectLineProtocol(this IEndpointRouteBuilder endpoints)
    {
        // Allowed sites may call Direct Line from their own pages (with tokens issued to them); CORS says so to browsers.
        var group = endpoints.MapGroup(BasePath).RequireCors(WidgetEndpoints.CorsPolicy);

        // Redis (state, or the shared Direct Line store) unreachable, or a conversation busy past the turn lock's wait:
        // whichever call meets it, the answer is the same 503, and nothing was half done (appends are atomic).
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception ex) when ((ex is TurnBusyException or StorageUnavailableException) && !context.HttpContext.Response.HasStarted)
            {
                return Unavailable(context.HttpContext, ex);
            }
        });
        group.MapPost("/tokens/generate", GenerateTokenAsync).WithBodySizeLimit(MaxStartBytes);
        group.MapPost("/tokens/refresh", RefreshToken).WithBodySizeLimit(MaxEmptyBodyBytes);
        group.MapPost("/conversations", StartConversationAsync).WithBodySizeLimit(MaxStartBytes).RequireStartLimit(StartKind.Conversation);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync).WithBodySizeLimit(MaxEmptyBodyBytes);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).WithBodySizeLimit(MaxActivityBytes);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync).WithBodySizeLimit(MaxEmptyBodyBytes);
        group.MapPost("/conversations/{conversationId}/upload", Upload).WithBodySizeLimit(MaxEmptyBodyBytes);

        // An upgraded connection is not a request body: the stream bounds what clients send itself.
        group.MapGet("/conversations/{conversationId}/stream", DirectLineStream.AcceptAsync);
        return endpoints;
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext http, DirectLineSecret secret, DirectLineTokens tokens, EmbedderOrigins origins)
    {
        if (!secret.Matches(BearerOf(http.Request)))
        {
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Generating a token needs the Direct Line secret.");
        }

        if (!origins.MayUse(http.Request, boundOrigin: null))
        {
            return OriginRefused(http.Request, origins);
        }

        var request = await ReadStartRequestAsync(http);
        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not valid JSON.");
        }

        var userId = request.User?.Id ?? DirectLineChannel.NewUserId();
        if (!DirectLineTokens.IsValidId(userId))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "user.id must be 1-128 printable characters without spaces.");
        }

        var conversationId = DirectLineChannel.NewConversationId();
        return Json(StatusCodes.Status200OK, new DirectLineConversationResponse
        {
            ConversationId = conversationId,
            Token = tokens.Issue(conversationId, userId),
            ExpiresIn = tokens.LifetimeSeconds,
        }, DirectLineJson.Default.DirectLineConversationResponse);
    }

    private static IResult RefreshToken(HttpContext http, DirectLineTokens tokens, EmbedderOrigins origins)
    {
        var check = tokens.Check(BearerOf(http.Request));
        if (check.Token is not { } token)
        {
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Refreshing needs a Direct Line token.");
        }

        if (check.Expired)
        {
            return Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; start a new conversation.");
        }

        if (!origins.MayUse(http.Request, token.Origin))
        {
            return OriginRefused(http.Request, origins);
        }

        return Json(StatusCodes.Status200OK, new DirectLineConversationResponse
        {
            ConversationId = token.ConversationId,
            Token = tokens.Issue(token.ConversationId, token.UserId, token.Origin),
            ExpiresIn = tokens.LifetimeSeconds,
        }, DirectLineJson.Default.DirectLineConversationResponse);
    }

    private static async Task<IResult> StartConversationAsync(HttpContext http, DirectLineSecret secret, DirectLineTokens tokens, EmbedderOrigins origins, DirectLineChannel channel)
    {
        var caller = Authenticate(http.Request, secret, tokens, origins, conversationId: null, out var failure);
        if (caller is null)
        {
            return failure!;
        }

        var request = await ReadStartRequestAsync(http);
        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not valid JSON.");
        }

        string conversationId, userId;
        if (caller.Token is { } token)
        {
            // A token names its conversation and user; whatever the body says, those are the ones.
            (conversationId, userId) = (token.ConversationId, token.UserId);
        }
        else
        {
            conversationId = DirectLineChannel.NewConversationId();
            userId = request.User?.Id ?? DirectLineChannel.NewUserId();
            if (!DirectLineTokens.IsValidId(userId))
            {
                return Error(StatusCodes.Status400BadRequest, "BadArgument", "user.id must be 1-128 printable characters without spaces.");
            }
        }

        var conversation = await channel.StartAsync(conversationId, userId, request.Locale, http.RequestAborted);
        if (conversation is null)
        {
            // Open conversations are never pushed out to make room: those already talking keep going.
            http.Response.Headers.RetryAfter = "60";
            return Error(StatusCodes.Status503ServiceUnavailable, "TooManyConversations", "The bot is talking with as many people as it can right now; try again in a minute.");
        }

        if (conversation.UserId != userId)
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "This conversation belongs to someone else.");
        }

        return Json(StatusCodes.Status201Created, ConversationResponse(http.Request, tokens, conversation, watermark: null, caller.Token?.Origin), DirectLineJson.Default.DirectLineConversationResponse);
    }

    private static async Task<IResult> ReconnectAsync(HttpContext http, string conversationId, string? watermark, DirectLineSecret secret, DirectLineTokens tokens, EmbedderOrigins origins, IDirectLineStore store)
    {
        if (Authenticate(http.Request, secret, tokens, origins, conversationId, out var failure) is not { } caller)
        {
            return failure!;
        }

        var conversation = await store.GetConversationAsync(conversationId, http.RequestAborted);
        if (conversation is null)
        {
            return NotFound();
        }

        return Json(StatusCodes.Status200OK, ConversationResponse(http.Request, tokens, conversation, watermark, caller.Token?.Origin), DirectLineJson.Default.DirectLineConversationResponse);
    }

    private static async Task<IResult> PostActivityAsync(
        HttpContext http,
        string conversationId,
        DirectLineSecret secret,
        DirectLineTokens tokens,
        EmbedderOrigins origins,
        IDirectLineStore store,
        DirectLineChannel channel,
        DirectLinePostLimiter limiter,
        SafetyMiddleware? safety)
    {
        var caller = Authenticate(http.Request, secret, tokens, origins, conversationId, out var failure);
        if (caller is null)
        {
            return failure!;
        }

        var conversation = await store.GetConversationAsync(conversationId, http.RequestAborted);
        if (conversation is null)
        {
            return NotFound();
        }

        var (body, tooLarge) = await RequestBody.ReadLimitedAsync(http, MaxActivityBytes);
        if (body is null)
        {
            return tooLarge
                ? Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"An activity may be at most {MaxActivityBytes / 1024} KB.")
                : Unreadable();
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, SchemaJson.Default.Activity);
        }
        catch (JsonException ex)
        {
            // Where the JSON broke, never what it said.
            return Error(StatusCodes.Status400BadRequest, "BadArgument", $"The body is not a JSON activity{(string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" (at {ex.Path})")}.");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The activity has no 'type'.");
        }

        // Throttled or not, a message asking for help goes through: no limit may stand between someone in crisis and
        // the crisis reply (screening is cheap, and only runs once the sender is over its limit).
        using var lease = limiter.Acquire(caller.Token is { } t ? $"{t.ConversationId}|{t.UserId}" : $"secret|{conversationId}");
        if (!lease.IsAcquired && safety?.Screen(activity).IsCrisis != true)
        {
            http.Response.Headers.RetryAfter = "1";
            return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many messages at once; wait a moment and send again.");
        }

        if (caller.Token is { } token)
        {
            // A token speaks for one user only: the activity is from that user, whatever from.id says.
            activity.From = new ChannelAccount { Id = token.UserId, Name = activity.From?.Name, Role = RoleTypes.User };
        }
        else if (!DirectLineTokens.IsValidId(activity.From?.Id))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The activity needs 'from.id'.");
        }
        else
        {
            activity.From!.Role = RoleTypes.User;
        }

        var id = await channel.PostAsync(conversationId, activity, http.RequestAborted);
        return Json(StatusCodes.Status200OK, new ResourceResponse(id), SchemaJson.Default.ResourceResponse);
    }

    private static async Task GetActivitiesAsync(HttpContext http, string conversationId, string? watermark, DirectLineSecret secret, DirectLineTokens tokens, EmbedderOrigins origins, IDirectLineStore store)
    {
        if (Authenticate(http.Request, secret, tokens, origins, conversationId, out var failure) is null)
        {
            await failure!.ExecuteAsync(http);
            return;
        }

        var page = await store.ReadAsync(conversationId, ParseWatermark(watermark), http.RequestAborted);
        if (page is null)
        {
            await NotFound().ExecuteAsync(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(ActivitySetJson(page), http.RequestAborted);
    }

    private static IResult Upload(HttpContext http, string conversationId, DirectLineSecret secret, DirectLineTokens tokens, EmbedderOrigins origins)
    {
        if (Authenticate(http.Request, secret, tokens, origins, conversationId, out var failure) is null)
        {
            return failure!;
        }

        return Error(StatusCodes.Status415UnsupportedMediaType, "FilesNotAccepted", "ReflectBot does not take files or pictures; please type your message instead.");
    }

    /// <summary><c>{"activities":[...],"watermark":"N"}</c> from activities already stored as JSON, without re-parsing them.</summary>
    public static byte[] ActivitySetJson(DirectLineActivityPage page)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + page.ActivitiesJson.Sum(a => a.Length));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var json in page.ActivitiesJson)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }

            writer.WriteEndArray();

            // Watermarks are opaque non-empty strings to the client.
            writer.WriteString("watermark", page.Watermark.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Anything unreadable counts as "from the start": the client then gets the whole backlog, never a gap.</summary>
    public static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>The answer to a start or reconnect; its new token stays bound to the site the caller's token was issued to.</summary>
    internal static DirectLineConversationResponse ConversationResponse(HttpRequest request, DirectLineTokens tokens, DirectLineConversation conversation, string? watermark, string? origin)
    {
        var token = tokens.Issue(conversation.Id, conversation.UserId, origin);
        return new DirectLineConversationResponse
        {
            ConversationId = conversation.Id,
            Token = token,
            ExpiresIn = tokens.LifetimeSeconds,
            StreamUrl = StreamUrl(request, conversation.Id, token, watermark),
        };
    }

    /// <summary>Browsers cannot set headers on a WebSocket upgrade, so the token rides in the query string.</summary>
    internal static string StreamUrl(HttpRequest request, string conversationId, string token, string? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var query = $"t={Uri.EscapeDataString(token)}";
        if (!string.IsNullOrEmpty(watermark))
        {
            query += $"&watermark={Uri.EscapeDataString(watermark)}";
        }

        return $"{scheme}://{request.Host}{request.PathBase}{BasePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream?{query}";
    }

    /// <summary>
    /// Who is calling: the secret (any conversation) or a valid token (its own conversation only). From another site's
    /// page (its <c>Origin</c>), only a token issued to that site, while the site is allowed, is accepted; the secret never.
    /// </summary>
    internal static Caller? Authenticate(HttpRequest request, DirectLineSecret secret, DirectLineTokens tokens, EmbedderOrigins origins, string? conversationId, out IResult? failure, string? credential = null)
    {
        credential ??= BearerOf(request);
        failure = null;
        if (string.IsNullOrEmpty(credential))
        {
            failure = Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Send the Direct Line secret or a token as 'Authorization: Bearer ...'.");
            return null;
        }

        if (secret.Matches(credential))
        {
            if (!origins.MayUse(request, boundOrigin: null))
            {
                failure = OriginRefused(request, origins);
                return null;
            }

            return new Caller(null);
        }

        var check = tokens.Check(credential);
        if (check.Token is not { } token)
        {
            failure = Error(StatusCodes.Status403Forbidden, "Forbidden", "The token is not valid.");
            return null;
        }

        if (check.Expired)
        {
            failure = Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired.");
            return null;
        }

        if (conversationId is not null && !string.Equals(conversationId, token.ConversationId, StringComparison.Ordinal))
        {
            failure = Error(StatusCodes.Status403Forbidden, "Forbidden", "The token is for another conversation.");
            return null;
        }

        if (!origins.MayUse(request, token.Origin))
        {
            failure = OriginRefused(request, origins);
            return null;
        }

        return new Caller(token);
    }

    internal static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }

    /// <summary>A call from a site that may not use this credential: a site not allowed at all, or not the one the token was issued to.</summary>
    internal static IResult OriginRefused(HttpRequest request, EmbedderOrigins origins)
    {
        var origin = EmbedderOrigins.OriginOf(request);
        return Error(StatusCodes.Status403Forbidden, "OriginNotAllowed", origins.IsAllowed(origin)
            ? "This chat was started on another site; a token works only on the site it was issued to. Reload the page to start here."
            : EmbedderOrigins.RefusalFor(origin));
    }

    internal static IResult Error(int status, string code, string message) =>
        Results.Json(new DirectLineErrorResponse { Error = new DirectLineError { Code = code, Message = message } }, DirectLineJson.Default.DirectLineErrorResponse, statusCode: status);

    /// <summary>
    /// The bot could not take the turn or reach its store (Redis down, or the conversation stayed busy): try again
    /// shortly. One warning line, as /api/messages writes: the reason is the exception's one-line message, which
    /// names the store and operation, never what anyone wrote.
    /// </summary>
    private static IResult Unavailable(HttpContext http, Exception reason)
    {
        var busy = reason is TurnBusyException;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineEndpoints).FullName!).LogWarning(
            "503 for directline conversation {ConversationId} ({Method} {Route}): {Reason}",
            http.GetRouteValue("conversationId") ?? "(new)",
            http.Request.Method,
            (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText,
            reason.Message);
        http.Response.Headers.RetryAfter = busy ? "1" : "5";
        return Error(StatusCodes.Status503ServiceUnavailable, busy ? "ConversationBusy" : "BotUnavailable",
            busy ? "The conversation is busy with another message; send again in a moment." : "The bot cannot answer right now; please try again shortly.");
    }

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found; it may have ended. Start a new one.");

    private static IResult Json<T>(int status, T body, JsonTypeInfo<T> typeInfo) => Results.Json(body, typeInfo, statusCode: status);

    /// <summary>The optional JSON body of token and start calls; an empty body is an empty request, broken JSON is null.</summary>
    private static async Task<DirectLineStartRequest?> ReadStartRequestAsync(HttpContext http)
    {
        var (body, _) = await RequestBody.ReadLimitedAsync(http, MaxStartBytes);
        if (body is null)
        {
            return null;
        }

        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return new DirectLineStartRequest();
        }

        try
        {
            return JsonSerializer.Deserialize(body, DirectLineJson.Default.DirectLineStartRequest) ?? new DirectLineStartRequest();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Unreadable() => Error(StatusCodes.Status400BadRequest, "BadArgument", "The request body could not be read to its end.");
}

/// <summary>An authenticated caller: <see cref="Token"/> is null for the secret.</summary>
internal sealed record Caller(DirectLineToken? Token);

/// <summary>Per-token token buckets for posts: a burst of <see cref="DirectLineOptions.PostBurst"/>, then 429 until it refills.</summary>
public sealed class DirectLinePostLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public DirectLinePostLimiter(Microsoft.Extensions.Options.IOptions<DirectLineOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.PostBurst),
            TokensPerPeriod = Math.Max(1, o.PostsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public RateLimitLease Acquire(string key) => _limiter.AttemptAcquire(key);

    public void Dispose() => _limiter.Dispose();
}
