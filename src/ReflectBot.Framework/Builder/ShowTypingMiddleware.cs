using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Builder;

/// <summary>
/// Shows "typing" while a message turn takes longer than <c>delay</c>, repeating every <c>period</c>, until the
/// bot sends its first message or the turn ends. Not for expectReplies turns: their replies arrive together in
/// one HTTP body, where a typing indicator means nothing. Typing goes straight to the adapter (as in the SDK),
/// so it neither marks the turn as responded nor passes other middleware's send hooks.
/// </summary>
public sealed class ShowTypingMiddleware : IMiddleware
{
    private readonly TimeSpan _delay;
    private readonly TimeSpan _period;
    private readonly ILogger _logger;

    public ShowTypingMiddleware(TimeSpan? delay = null, TimeSpan? period = null, ILogger<ShowTypingMiddleware>? logger = null)
    {
        _delay = delay ?? TimeSpan.FromMilliseconds(500);
        _period = period ?? TimeSpan.FromSeconds(2);
        if (_delay < TimeSpan.Zero || _period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "Delay must not be negative and period must be positive.");
        }

        _logger = logger ?? NullLogger<ShowTypingMiddleware>.Instance;
    }

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (!activity.IsType(ActivityTypes.Message) || string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase))
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? typing = null;

        // Stop before the first message goes out (waiting for a typing send in flight), so typing never follows the answer.
        turnContext.OnSendActivities(async (_, activities, nextSend) =>
        {
            if (typing is not null && activities.Exists(a => a.IsType(ActivityTypes.Message)))
            {
                await StopAsync(stop, typing).ConfigureAwait(false);
            }

            return await nextSend().ConfigureAwait(false);
        });

        typing = SendTypingAsync(turnContext, stop.Token);
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await StopAsync(stop, typing).ConfigureAwait(false);
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task typing)
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        await typing.ConfigureAwait(false);
    }

    private async Task SendTypingAsync(ITurnContext turnContext, CancellationToken stop)
    {
        try
        {
            await Task.Delay(_delay, stop).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                var typing = new Activity { Type = ActivityTypes.Typing, RelatesTo = turnContext.Activity.RelatesTo };
                typing.ApplyConversationReference(turnContext.Activity.GetConversationReference());
                typing.Timestamp = DateTimeOffset.UtcNow;
                await turnContext.Adapter.SendActivitiesAsync(turnContext, [typing], stop).ConfigureAwait(false);
                await Task.Delay(_period, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A lost typing indicator must never fail the turn.
            _logger.LogDebug("Sending typing failed with {ExceptionType}.", ex.GetType().Name);
        }
    }
}
