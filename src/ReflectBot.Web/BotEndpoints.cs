using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Web;

/// <summary>
/// <c>POST /api/messages</c> (the Bot Connector endpoint), <c>HEAD /api/messages</c> and <c>GET /healthz</c>.
/// Every refusal is a status plus one plain-text line saying why; nothing ever answers with a stack trace.
/// </summary>
public static class BotEndpoints
{
    public const string MessagesPath = "/api/messages";

    /// <summary>Teams caps activities well below this; anything larger is not a chat message.</summary>
    public const int MaxActivityBytes = 256 * 1024;

    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);

    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapPost(MessagesPath, HandleMessageAsync);

        // The Teams emulator probes the endpoint with HEAD before it starts.
        app.MapMethods(MessagesPath, [HttpMethods.Head], () => Results.Ok());

        app.MapGet("/healthz", CheckHealthAsync);
        return app;
    }

    /// <summary>
    /// Turns anything unhandled into a one-line answer: 503 when the store is down, 500 otherwise. Logs the
    /// exception's type and frames only (the framework's own log line would include its message, which can
    /// quote what a user wrote).
    /// </summary>
    public static WebApplication UseBotExceptionHandler(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ReflectBot.Web.UnhandledException");
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = async context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                if (error is not null)
                {
                    logger.LogError(
                        "{Method} {Path} failed with {ExceptionTypes}.{NewLine}{StackTrace}",
                        context.Request.Method,
                        context.Request.Path.Value,
                        TurnErrorHandler.DescribeTypes(error),
                        Environment.NewLine,
                        error.StackTrace);
                }

                var (status, line) = error switch
                {
                    StorageUnavailableException => (StatusCodes.Status503ServiceUnavailable, "The bot's storage is unavailable; try again shortly."),
                    BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
                    _ => (StatusCodes.Status500InternalServerError, "The bot failed to handle this request."),
                };
                await WriteLineAsync(context.Response, status, line);
            },
        });
        return app;
    }

    private static async Task HandleMessageAsync(
        HttpContext http,
        CloudAdapter adapter,
        IBot bot,
        IRequestAuthenticator authenticator,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        var request = http.Request;
        if (request.ContentLength > MaxActivityBytes)
        {
            await WriteLineAsync(http.Response, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {MaxActivityBytes / 1024} KB.");
            return;
        }

        var (body, tooLarge) = await RequestBody.ReadLimitedAsync(http, MaxActivityBytes);
        if (body is null)
        {
            await WriteLineAsync(
                http.Response,
                tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                tooLarge ? $"The activity is larger than {MaxActivityBytes / 1024} KB." : "The request body could not be read to its end.");
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, SchemaJson.Default.Activity);
        }
        catch (JsonException ex)
        {
            // The path, never the content: the body may be someone's private message.
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" (at {ex.Path})";
            await WriteLineAsync(http.Response, StatusCodes.Status400BadRequest, $"The body is not a JSON activity{where}.");
            return;
        }

        if (Validate(activity) is { } problem)
        {
            await WriteLineAsync(http.Response, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var authentication = await authenticator.AuthenticateAsync(request, activity!, http.RequestAborted);
        if (!authentication.Succeeded)
        {
            await WriteLineAsync(http.Response, StatusCodes.Status401Unauthorized, authentication.FailureReason!);
            return;
        }

        if (!ActivityTypes.IsKnown(activity!.Type))
        {
            // Newer channel features send types this bot has no use for: acknowledge so the channel does not retry.
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        // The turn is not tied to the HTTP request: a channel that gives up waiting must not leave state half-saved.
        TurnResult result;
        try
        {
            result = await adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, lifetime.ApplicationStopping, authentication.Identity);
        }
        catch (Exception ex) when (ex is TurnBusyException or StorageUnavailableException)
        {
            // Nothing of the turn was saved, so the channel's retry runs it cleanly. Expected in operation (a busy
            // conversation, Redis restarting): one warning line with the reason, no stack trace.
            var busy = ex is TurnBusyException;
            loggers.CreateLogger("ReflectBot.Web.BotEndpoints").LogWarning(
                "503 for {ChannelId} conversation {ConversationId} activity {ActivityId}: {Reason}",
                activity.ChannelId, activity.Conversation?.Id, activity.Id, ex.Message);
            http.Response.Headers.RetryAfter = busy ? "1" : "5";
            await WriteLineAsync(
                http.Response,
                StatusCodes.Status503ServiceUnavailable,
                busy ? "The conversation is busy with another message; retry shortly." : "The bot's storage is unavailable; try again shortly.");
            return;
        }

        http.Response.StatusCode = result.Status;
        if (result.SerializeBody() is { } json)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(json, http.RequestAborted);
        }
    }

    /// <summary>The first missing field a turn cannot do without, named as it appears in the JSON; null when the activity is usable.</summary>
    internal static string? Validate(Activity? activity)
    {
        if (activity is null)
        {
            return "The body is not a JSON activity.";
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no 'type'.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no 'conversation.id'.";
        }

        if (string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            return "The activity has no 'from.id'.";
        }

        // State is keyed by channel: guessing one would mix conversations from different channels.
        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "The activity has no 'channelId'.";
        }

        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            return expectReplies ? null : "The activity has no 'serviceUrl' to send replies to; add one, or set 'deliveryMode' to 'expectReplies' to get the replies in the response.";
        }

        // Control characters are not part of any URL; Uri would quietly trim or escape them into one that looks fine.
        if (activity.ServiceUrl.AsSpan().ContainsAnyInRange('\0', '\u001f')
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttp && serviceUrl.Scheme != Uri.UriSchemeHttps))
        {
            return "The activity's 'serviceUrl' is not an absolute http(s) URL.";
        }

        return null;
    }

    private static async Task CheckHealthAsync(HttpContext http, IStorage storage)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(HealthTimeout);
        try
        {
            await storage.ReadAsync(["reflectbot/healthz"], timeout.Token);
        }
        catch (StorageUnavailableException)
        {
            await WriteLineAsync(http.Response, StatusCodes.Status503ServiceUnavailable, "storage unreachable");
            return;
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            await WriteLineAsync(http.Response, StatusCodes.Status503ServiceUnavailable, "storage did not answer in time");
            return;
        }

        await WriteLineAsync(http.Response, StatusCodes.Status200OK, "ok");
    }

    private static Task WriteLineAsync(HttpResponse response, int status, string line)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(line + "\n");
    }
}
