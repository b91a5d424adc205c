using Microsoft.Extensions.Logging;
using ReflectBot.Content;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;
using ReflectBot.Journeys.Conversation;
using ReflectBot.Journeys.Referral;
using ReflectBot.Privacy;
using ReflectBot.Safety;
using ReflectBot.State;

namespace ReflectBot.Bots;

/// <summary>
/// The order of everything one message passes through, in one place. Hosts (web, terminal, tests) put
/// <see cref="Middleware"/> on their adapter in this order; <see cref="MainDialog"/> asks <see cref="Interruptions"/>.
/// <code>
/// adapter (ReflectBot.Framework CloudAdapter, fixed order)
///   1. deduplication        same activity id again: the first run's replies, no second turn
///   2. conversation order   one turn at a time per conversation
///   3. time limit           a turn stuck past ReflectBot:TurnTimeoutSeconds is dropped unsaved
///   4. error handler        <see cref="CreateErrorHandler"/>: say sorry, clear a broken dialog stack
/// middleware, outermost first (<see cref="Middleware"/>)
///   5. typing               while a slow turn runs (web host only)
///   6. crisis screening     <see cref="SafetyMiddleware"/>: a crisis reply goes out before any state is read
///   7. channel middleware   e.g. Teams' Action.Execute run as a card submission; innermost, it may run the bot twice
/// bot (<see cref="ReflectBotHandler"/>)
///   8. length check, welcome, a crisis / "delete my data" / "therapist" as the first message opens that conversation
///   9. main dialog: <see cref="Interruptions"/>, the first that handles the message wins, then the active dialog
///      (the recognizer reads a message once, when the first of them asks; the result is kept in the turn state)
///  10. state saved with its ETag (a conflict re-runs the turn from step 4)
/// </code>
/// </summary>
public sealed class BotPipeline
{
    public BotPipeline(
        SafetyMiddleware safety,
        IEnumerable<IMiddleware> channelMiddleware,
        CrisisInterruption crisis,
        DeleteMyDataInterruption deleteMyData,
        TherapistRequestInterruption therapistRequest,
        GlobalCommands globalCommands,
        IEnumerable<IInterruption> journeyCommands,
        UnderstandingInterruption understanding,
        ShowTypingMiddleware? typing = null)
    {
        Middleware =
        [
            .. typing is null ? [] : new IMiddleware[] { typing },
            safety,
            .. channelMiddleware,
        ];

        Interruptions =
        [
            crisis,             // a crisis or a check-in, at any prompt of any conversation
            deleteMyData,       // "delete my data"
            therapistRequest,   // "I want a therapist"
            globalCommands,     // help, menu, start over, cancel
            .. journeyCommands, // each journey's own commands ("my toolkit"), in the order the journeys are added
            understanding,      // what the recognizer read: small talk, "I don't know", a question, another conversation
        ];
    }

    /// <summary>Middleware, outermost first: typing (when the host shows it), crisis screening, then the channel's own.</summary>
    public IReadOnlyList<IMiddleware> Middleware { get; }

    /// <summary>What may take over a message before the active dialog, in order; the first that handles it wins.</summary>
    public IReadOnlyList<IInterruption> Interruptions { get; }

    /// <summary>Puts <see cref="Middleware"/> on an adapter, in order.</summary>
    public void ApplyTo(BotAdapter adapter)
    {
        foreach (var middleware in Middleware)
        {
            adapter.Use(middleware);
        }
    }

    /// <summary>
    /// A failed turn: say sorry (never right after a crisis reply: the help lines are what the person needs to see),
    /// and clear a dialog stack that crashed, but keep state through a store outage.
    /// </summary>
    public static TurnErrorHandler CreateErrorHandler(ILogger<TurnErrorHandler> logger, CommonContent common, ReflectBotState state) =>
        new(
            logger,
            (turnContext, exception) => SafetyTurn.ReplySent(turnContext) ? null
                : MessageFactory.Text(exception is TurnTimeoutException ? common.TookTooLong : common.Error),
            (turnContext, exception, ct) => exception is StorageUnavailableException
                ? Task.CompletedTask
                : state.ConversationState.DeleteAsync(turnContext, ct));
}
