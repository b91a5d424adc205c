using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Adapters;

/// <summary>
/// What happens when a turn throws: log what failed and where (never what the user wrote), let the bot
/// reset a conversation that may be stuck, and tell the user something went wrong. The words and the reset
/// come from the bot; the framework holds no user-facing text.
/// </summary>
public sealed class TurnErrorHandler
{
    private readonly ILogger _logger;
    private readonly Func<ITurnContext, Exception, Activity?>? _apology;
    private readonly Func<ITurnContext, Exception, CancellationToken, Task>? _resetConversation;

    /// <param name="logger">Where failures are logged.</param>
    /// <param name="apology">The message the user gets; null (or a null result) sends nothing.</param>
    /// <param name="resetConversation">Clears whatever made the turn fail (typically the dialog stack), so the next message starts clean.</param>
    public TurnErrorHandler(
        ILogger<TurnErrorHandler> logger,
        Func<ITurnContext, Exception, Activity?>? apology = null,
        Func<ITurnContext, Exception, CancellationToken, Task>? resetConversation = null)
    {
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _apology = apology;
        _resetConversation = resetConversation;
    }

    /// <summary>Matches <see cref="BotAdapter.OnTurnError"/>. Never throws: a failing apology is logged, not raised.</summary>
    public async Task HandleAsync(ITurnContext turnContext, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(exception);
        var activity = turnContext.Activity;

        if (exception is TurnTimeoutException timeout)
        {
            // Expected when a store or a service hangs: one line, no stack (the turn was abandoned, not thrown out of).
            _logger.LogWarning(
                "Turn took longer than {Seconds} s on {ChannelId} conversation {ConversationId} ({ActivityType} {ActivityId}); it was cancelled and nothing of it saved.",
                timeout.Limit.TotalSeconds,
                activity.ChannelId,
                activity.Conversation?.Id,
                activity.Type,
                activity.Id);
        }
        else
        {
            // Exception messages can quote user input (a parser echoing its input, say), so only types and frames are logged.
            LogFailure(exception, activity);
        }

        // A timed-out turn saved nothing, so there is nothing broken to clear; and the store may be what hung.
        if (_resetConversation is not null && exception is not TurnTimeoutException)
        {
            try
            {
                await _resetConversation(turnContext, exception, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception resetFailure)
            {
                _logger.LogError("Resetting conversation {ConversationId} after a failed turn also failed with {ExceptionTypes}.", activity.Conversation?.Id, DescribeTypes(resetFailure));
            }
        }

        if (_apology is null)
        {
            return;
        }

        try
        {
            if (_apology(turnContext, exception) is { } message)
            {
                await turnContext.SendActivityAsync(message).ConfigureAwait(false);
            }
        }
        catch (Exception sendFailure)
        {
            _logger.LogError("Could not tell conversation {ConversationId} about the failed turn: {ExceptionTypes}.", activity.Conversation?.Id, DescribeTypes(sendFailure));
        }
    }

    private void LogFailure(Exception exception, Activity activity) =>
        _logger.LogError(
            "Turn failed with {ExceptionTypes} on {ChannelId} conversation {ConversationId} ({ActivityType} {ActivityId}).{NewLine}{StackTrace}",
            DescribeTypes(exception),
            activity.ChannelId,
            activity.Conversation?.Id,
            activity.Type,
            activity.Id,
            Environment.NewLine,
            exception.StackTrace);

    /// <summary>"Outer &lt;- Inner &lt;- ..." by type name only: an exception's message could quote what a user wrote.</summary>
    public static string DescribeTypes(Exception exception)
    {
        var names = new List<string>();
        for (var e = exception; e is not null && names.Count < 5; e = e.InnerException)
        {
            names.Add(e.GetType().FullName ?? e.GetType().Name);
        }

        return string.Join(" <- ", names);
    }
}

/// <summary>The host's adapter: a <see cref="CloudAdapter"/> whose failed turns go to a <see cref="TurnErrorHandler"/>.</summary>
public class AdapterWithErrorHandler : CloudAdapter
{
    public AdapterWithErrorHandler(IConnectorSender sender, TurnErrorHandler errorHandler, ILogger<CloudAdapter>? logger = null)
        : base(sender, logger)
    {
        ArgumentNullException.ThrowIfNull(errorHandler);
        OnTurnError = errorHandler.HandleAsync;
    }
}
