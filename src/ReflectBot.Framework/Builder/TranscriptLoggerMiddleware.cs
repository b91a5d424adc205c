using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Builder;

/// <summary>Where <see cref="TranscriptLoggerMiddleware"/> puts each activity of a conversation.</summary>
public interface ITranscriptLogger
{
    Task LogActivityAsync(IActivity activity);
}

/// <summary>
/// Logs every activity in and out, as the SDK's middleware of the same name: the user's activity before the turn,
/// the bot's (updates and deletes too) as they are sent. Each is a copy, with <c>from.role</c> set.
/// </summary>
public class TranscriptLoggerMiddleware(ITranscriptLogger transcriptLogger) : IMiddleware
{
    private readonly ITranscriptLogger _logger = transcriptLogger ?? throw new ArgumentNullException(nameof(transcriptLogger));

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        await LogAsync(turnContext.Activity, RoleTypes.User).ConfigureAwait(false);
        turnContext.OnSendActivities(async (_, activities, nextSend) =>
        {
            var responses = await nextSend().ConfigureAwait(false);
            foreach (var activity in activities)
            {
                await LogAsync(activity, RoleTypes.Bot).ConfigureAwait(false);
            }

            return responses;
        });
        turnContext.OnUpdateActivity(async (_, activity, nextUpdate) =>
        {
            var response = await nextUpdate().ConfigureAwait(false);
            var update = Copy(activity, RoleTypes.Bot);
            update.Type = ActivityTypes.MessageUpdate;
            await _logger.LogActivityAsync(update).ConfigureAwait(false);
            return response;
        });
        turnContext.OnDeleteActivity(async (tc, reference, nextDelete) =>
        {
            await nextDelete().ConfigureAwait(false);
            var delete = new Activity { Type = ActivityTypes.MessageDelete, Id = reference.ActivityId }.ApplyConversationReference(reference);
            delete.From ??= new ChannelAccount();
            delete.From.Role = RoleTypes.Bot;
            await _logger.LogActivityAsync(delete).ConfigureAwait(false);
        });
        await next(cancellationToken).ConfigureAwait(false);
    }

    private Task LogAsync(Activity activity, string role) => _logger.LogActivityAsync(Copy(activity, role));

    private static Activity Copy(Activity activity, string role)
    {
        var copy = activity.Clone();
        copy.From = copy.From is null ? new ChannelAccount() : new ChannelAccount(copy.From.Id, copy.From.Name, copy.From.Role, copy.From.AadObjectId);
        copy.From.Role ??= role;
        copy.Timestamp ??= DateTimeOffset.UtcNow;
        return copy;
    }
}

/// <summary>Writes each activity to <see cref="System.Diagnostics.Trace"/> (the SDK's debugging logger).</summary>
public class TraceTranscriptLogger(bool traceActivity = true) : ITranscriptLogger
{
    public Task LogActivityAsync(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (traceActivity)
        {
            System.Diagnostics.Trace.TraceInformation(System.Text.Json.JsonSerializer.Serialize((Activity)activity, SchemaJson.Default.Activity));
        }
        else
        {
            System.Diagnostics.Trace.TraceInformation($"{activity.From?.Role}: {activity.Type} {(activity as Activity)?.Text}");
        }

        return Task.CompletedTask;
    }
}
