using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Testing;

/// <summary>
/// Records every activity in and out (like the SDK's TranscriptLoggerMiddleware) so a conversation run in a
/// test can be saved as a <c>.transcript</c> and replayed later with <see cref="TranscriptReplay"/>.
/// </summary>
public sealed class TranscriptRecorderMiddleware : IMiddleware
{
    private readonly List<Activity> _activities = [];

    public IReadOnlyList<Activity> Activities
    {
        get
        {
            lock (_activities)
            {
                return [.. _activities];
            }
        }
    }

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        Record(turnContext.Activity, RoleTypes.User);
        turnContext.OnSendActivities(async (_, activities, nextSend) =>
        {
            var responses = await nextSend().ConfigureAwait(false);
            activities.ForEach(a => Record(a, RoleTypes.Bot));
            return responses;
        });
        await next(cancellationToken).ConfigureAwait(false);
    }

    public Task WriteAsync(string path, CancellationToken cancellationToken = default) =>
        TranscriptFile.WriteAsync(path, Activities, cancellationToken);

    private void Record(Activity activity, string role)
    {
        var copy = TranscriptFile.Clone(activity);
        copy.From ??= new ChannelAccount();
        copy.From.Role = role;
        lock (_activities)
        {
            _activities.Add(copy);
        }
    }
}
