using System.Globalization;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Adapters;

/// <summary>
/// What <see cref="BotAdapter.OnTurnError"/> is given when a turn ran past <see cref="CloudAdapter.TurnTimeout"/>:
/// the turn was cancelled, nothing of it was saved, and its conversation is free for the next message.
/// </summary>
public sealed class TurnTimeoutException(TimeSpan limit)
    : TimeoutException($"The turn took longer than {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was cancelled.")
{
    public TimeSpan Limit { get; } = limit;
}

/// <summary>
/// Runs one turn (all its attempts and its save) against a deadline. When the deadline passes, the turn's token is
/// cancelled and the adapter stops waiting for it, even if the code that hangs ignores the token (a store that never
/// answers): the caller then answers without the turn, and leaving releases the conversation's lock.
/// </summary>
internal sealed class TurnDeadline
{
    private TurnContext? _attempt;

    /// <summary>The attempt running now; the adapter sets it as each attempt starts.</summary>
    public TurnContext? Attempt
    {
        get => Volatile.Read(ref _attempt);
        set => Volatile.Write(ref _attempt, value);
    }

    /// <summary>
    /// Runs <paramref name="turn"/>; if it has not finished after <paramref name="limit"/>, cancels it and returns
    /// <paramref name="onTimeout"/>'s answer instead, given the attempt that was running. The abandoned turn runs on
    /// with a cancelled token; whatever it throws later is observed and dropped.
    /// </summary>
    public static async Task<T> RunAsync<T>(
        TimeSpan limit,
        Func<TurnDeadline, CancellationToken, Task<T>> turn,
        Func<TurnContext?, Task<T>> onTimeout,
        CancellationToken cancellationToken)
    {
        var deadline = new TurnDeadline();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(limit);
        var running = turn(deadline, timer.Token);
        try
        {
            return await running.WaitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (Exception) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (running.IsCompletedSuccessfully)
            {
                // It finished just as the deadline passed.
                return running.Result;
            }

            // Past the deadline, whatever the turn made of its cancellation (a store may wrap it in its own exception).
            _ = running.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return await onTimeout(deadline.Attempt).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The answer for a turn abandoned at its deadline: nothing it held back is posted and nothing of it is saved;
    /// what it sent now (a crisis reply) stands, and the error handler's reply goes out the same way.
    /// </summary>
    public static async Task<(TurnResult Result, List<Activity> PostAfterSave)> AnswerAbandonedAsync(
        Activity inbound, bool isInvoke, TurnContext? attempt, TimeSpan limit, Func<ITurnContext, Exception, Task>? onTurnError, ILogger logger)
    {
        if (attempt?.TurnState.Get<TurnReplies>(TurnReplies.TurnStateKey) is not { } replies)
        {
            return (TurnResult.Ok, []);
        }

        if (onTurnError is null)
        {
            logger.LogWarning(
                "Turn for {ActivityId} of {ChannelId} conversation {ConversationId} took longer than {Seconds} s; cancelled, nothing of it saved.",
                inbound.Id, inbound.ChannelId, inbound.Conversation?.Id, limit.TotalSeconds);
        }
        else
        {
            replies.EnterSendNow();
            try
            {
                await onTurnError(attempt, new TurnTimeoutException(limit)).ConfigureAwait(false);
            }
            finally
            {
                replies.ExitSendNow();
            }
        }

        var result = replies.ExpectReplies ? TurnResult.Replies(new ExpectedReplies { Activities = replies.SentNowOnly() })
            : isInvoke ? attempt.InvokeResponse is { } invokeResponse ? TurnResult.Invoke(invokeResponse) : TurnResult.NotImplemented
            : TurnResult.Ok;
        return (result, []);
    }
}
