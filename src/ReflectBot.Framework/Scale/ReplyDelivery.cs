using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Scale;

/// <summary>
/// How a turn's replies leave the adapter. <see cref="Adapters.CloudAdapter"/> holds replies back until the
/// turn's state is saved (a turn that must be re-run, or cannot be saved, then says nothing it has to take back).
/// Some replies must not wait for that: a crisis reply has to reach the person even if the store is down.
/// Send those with <see cref="SendNowAsync(ITurnContext, Activity[], CancellationToken)"/>: with normal delivery they are
/// posted at once (and not again if the turn is re-run after a conflict); with expectReplies they are kept even
/// when the turn then fails for lack of storage, and returned with a 200.
/// </summary>
public static class ReplyDelivery
{
    /// <summary>Sends past the reply buffer. With adapters that do not buffer, this is a plain send.</summary>
    public static async Task<ResourceResponse[]> SendNowAsync(this ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var replies = turnContext.TurnState.Get<TurnReplies>(TurnReplies.TurnStateKey);
        replies?.EnterSendNow();
        try
        {
            return await turnContext.SendActivitiesAsync(activities, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            replies?.ExitSendNow();
        }
    }

    /// <inheritdoc cref="SendNowAsync(ITurnContext, Activity[], CancellationToken)"/>
    public static async Task<ResourceResponse?> SendNowAsync(this ITurnContext turnContext, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var responses = await turnContext.SendNowAsync([activity], cancellationToken).ConfigureAwait(false);
        return responses.Length > 0 ? responses[0] : null;
    }

    /// <summary>True when the adapter holds this turn's replies until its state is saved.</summary>
    public static bool RepliesAreHeldBack(this ITurnContext turnContext) =>
        turnContext?.TurnState.ContainsKey(TurnReplies.TurnStateKey) == true;
}

/// <summary>One turn attempt's replies, as the adapter keeps them. Created once per attempt, before the pipeline runs.</summary>
internal sealed class TurnReplies(bool expectReplies, bool holdUntilSaved, HashSet<string> postedNowEarlier)
{
    public const string TurnStateKey = "ReflectBot.TurnReplies";

    private readonly List<(Activity Activity, bool SentNow)> _held = [];
    private int _sendNowDepth;

    public bool ExpectReplies { get; } = expectReplies;

    /// <summary>Normal delivery: replies wait for the save (else they are posted as sent).</summary>
    public bool HoldUntilSaved { get; } = holdUntilSaved;

    /// <summary>True once an ordinary reply of this attempt was posted before the save (replies not held).</summary>
    public bool PostedDuringTurn { get; set; }

    public bool SendingNow => Volatile.Read(ref _sendNowDepth) > 0;

    /// <summary>True once any send-now reply was produced in this attempt.</summary>
    public bool HasSentNow { get; private set; }

    public void EnterSendNow() => Interlocked.Increment(ref _sendNowDepth);

    public void ExitSendNow() => Interlocked.Decrement(ref _sendNowDepth);

    public void Hold(Activity activity, bool sentNow)
    {
        lock (_held)
        {
            _held.Add((activity, sentNow));
            HasSentNow |= sentNow;
        }
    }

    /// <summary>
    /// Normal delivery: records a send-now reply about to be posted; false when an earlier attempt of this turn
    /// already posted the same reply (a re-run after a conflict must not say it twice).
    /// </summary>
    public bool MarkPostedNow(Activity activity)
    {
        lock (_held)
        {
            HasSentNow = true;
            return postedNowEarlier.Add($"{activity.Type}\u001f{activity.Text}\u001f{activity.Attachments?.Count ?? 0}");
        }
    }

    /// <summary>Everything held, in order (expectReplies body, or what normal delivery posts after the save).</summary>
    public List<Activity> All()
    {
        lock (_held)
        {
            return _held.ConvertAll(h => h.Activity);
        }
    }

    /// <summary>Only the send-now replies: what a turn that could not be saved still answers with.</summary>
    public List<Activity> SentNowOnly()
    {
        lock (_held)
        {
            return _held.Where(h => h.SentNow).Select(h => h.Activity).ToList();
        }
    }
}
