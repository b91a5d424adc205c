using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.Schema;
using ReflectBot.Safety.Semantic;
using ReflectBot.Understanding;
using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Safety;

/// <summary>
/// Screens every inbound message before any other bot logic (state, dialogs, length checks): its text and
/// every string inside a card submission's <c>value</c>; the text also gets the semantic opinion, on the turn's shared
/// sentence embedding (<see cref="TurnEmbedding"/>), where rules and n-gram model leave room. On a crisis it sends the crisis reply at once, before
/// state is read; it logs a redacted <see cref="SafetyEvent"/> for crises and check-ins alike, and lets the turn
/// go on with the verdict in <see cref="SafetyTurn"/>. Once a crisis reply is out, nothing later in the turn can
/// take it back: a failing store or a crashing dialog is logged and the turn ends quietly, so the person is never
/// told "something went wrong" right after being given help lines.
/// The lighter check-in question is asked by <see cref="CheckInDialog"/>, which knows whether a safety
/// conversation is already under way (and so whether the message is an answer rather than a new worry).
/// </summary>
public sealed partial class SafetyMiddleware : IMiddleware
{
    // Bounds the work a deeply nested or huge card submission can cost; real cards are far smaller.
    private const int MaxValueDepth = 16;
    private const int MaxValueStrings = 256;

    private readonly CrisisScreener _screener;
    private readonly SemanticOpinion _semantic;
    private readonly KnownReplies _knownReplies;
    private readonly CrisisReplies _replies;
    private readonly ILogger<SafetyMiddleware> _logger;
    private readonly int _maxScreenedLength;

    public SafetyMiddleware(
        CrisisScreener screener,
        SemanticOpinion semantic,
        KnownReplies knownReplies,
        CrisisReplies replies,
        IOptions<SafetyOptions> options,
        ILogger<SafetyMiddleware> logger)
    {
        _screener = screener;
        _semantic = semantic;
        _knownReplies = knownReplies;
        _replies = replies;
        _logger = logger;
        _maxScreenedLength = Math.Max(1, options.Value.MaxScreenedLength);
    }

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var verdict = Screen(activity, TurnEmbedding.For(turnContext, _semantic.Embedder));
        if (verdict.Category != SafetyCategory.None)
        {
            SafetyTurn.SetVerdict(turnContext, verdict);
            var safetyEvent = SafetyEvent.From(verdict, activity.Conversation?.Id ?? "", LoggableLocale(activity.Locale));
            LogSafetyEvent(safetyEvent.Category, safetyEvent.RuleId, verdict.Uncertain, safetyEvent.HashedConversationId, safetyEvent.Locale);
        }

        if (verdict.IsCrisis)
        {
            var reply = _replies.Crisis(verdict.Category, activity.Locale, activity.ChannelId);
            try
            {
                // Sent now, not held until state is saved (a store outage must not hold it back), and not with the
                // request's token: a person in crisis gets the reply even if their client hung up on the call.
                await turnContext.SendNowAsync(reply, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogReplyNotSent(verdict.Category.WireName(), SafetyEvent.HashConversationId(activity.Conversation?.Id ?? ""), TurnErrorHandler.DescribeTypes(ex));
                throw;
            }

            SafetyTurn.MarkReplySent(turnContext);
        }

        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SafetyTurn.ReplySent(turnContext))
        {
            // Only exception types: a message could quote what the person wrote.
            LogLaterStepFailed(verdict.Category.WireName(), TurnErrorHandler.DescribeTypes(ex));
        }
    }

    /// <summary>The verdict for an activity outside a turn (a throttled Direct Line post), with its own lazy embedding.</summary>
    public ScreenResult Screen(Activity activity) => Screen(activity, TurnEmbedding.ForText(activity.Text, _semantic.Embedder));

    /// <summary>
    /// The most severe verdict over the message text (with the semantic opinion on <paramref name="embedding"/>) and
    /// every string in its <c>value</c> (card fields: choices and short answers, left to rules and n-gram model).
    /// </summary>
    public ScreenResult Screen(Activity activity, TurnEmbedding embedding)
    {
        if (!activity.IsType(ActivityTypes.Message) && !activity.IsType(ActivityTypes.Invoke))
        {
            return ScreenResult.None;
        }

        var best = ScreenText(activity.Text, embedding);
        if (Payload.AsElement(activity.Value) is { } value)
        {
            var budget = MaxValueStrings;
            best = ScreenValue(value, 0, ref budget, best);
        }

        return best;
    }

    private ScreenResult ScreenValue(JsonElement value, int depth, ref int budget, ScreenResult best)
    {
        if (depth > MaxValueDepth || budget <= 0)
        {
            return best;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                budget--;
                return Stronger(best, ScreenOne(value.GetString()));
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    best = ScreenValue(property.Value, depth + 1, ref budget, best);
                }

                return best;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    best = ScreenValue(item, depth + 1, ref budget, best);
                }

                return best;
            default:
                return best;
        }
    }

    private ScreenResult ScreenOne(string? text) =>
        text is null ? ScreenResult.None : _screener.Screen(Capped(text));

    private ScreenResult ScreenText(string? text, TurnEmbedding embedding)
    {
        if (text is null)
        {
            return ScreenResult.None;
        }

        // A button title or command ("No, keep it", "Add it to my plan") answers the bot's own question: the cheap path
        // has settled it and the model is not asked (the rules and n-gram model still screen it).
        if (_knownReplies.Contains(text))
        {
            return _screener.Screen(Capped(text));
        }

        var verdict = _semantic.Screen(_screener, Capped(text), embedding, out var review);
        if (review?.Failure is { } failure)
        {
            LogSemanticFailed(failure);
        }

        return verdict;
    }

    private ReadOnlySpan<char> Capped(string text) => text.Length > _maxScreenedLength ? text.AsSpan(0, _maxScreenedLength) : text.AsSpan();

    /// <summary>The more severe of two verdicts; on equal severity a certain one beats an uncertain one.</summary>
    internal static ScreenResult Stronger(ScreenResult a, ScreenResult b)
    {
        var bySeverity = b.Category.Severity().CompareTo(a.Category.Severity());
        if (bySeverity != 0)
        {
            return bySeverity > 0 ? b : a;
        }

        return a.Uncertain && !b.Uncertain ? b : a;
    }

    /// <summary>The locale only when it looks like one: it comes from the client, and a log line must never carry free text.</summary>
    internal static string LoggableLocale(string? locale)
    {
        if (string.IsNullOrEmpty(locale))
        {
            return "";
        }

        return locale.Length <= 35 && locale.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? locale : "unrecognised";
    }

    [LoggerMessage(EventId = 4100, EventName = "SafetyEvent", Level = LogLevel.Warning,
        Message = "Safety event {Category} (rule {RuleId}, uncertain {Uncertain}) in conversation {ConversationHash}, locale {Locale}")]
    private partial void LogSafetyEvent(string category, string ruleId, bool uncertain, string conversationHash, string locale);

    [LoggerMessage(EventId = 4101, EventName = "SafetyReplyNotSent", Level = LogLevel.Critical,
        Message = "The {Category} safety reply for conversation {ConversationHash} could not be sent: {ExceptionTypes}")]
    private partial void LogReplyNotSent(string category, string conversationHash, string exceptionTypes);

    [LoggerMessage(EventId = 4103, EventName = "SemanticOpinionFailed", Level = LogLevel.Error,
        Message = "The sentence embedding model failed on a message ({ExceptionType}); it was screened by the rules and n-gram model only")]
    private partial void LogSemanticFailed(string exceptionType);

    [LoggerMessage(EventId = 4102, EventName = "SafetyTurnFailedAfterReply", Level = LogLevel.Error,
        Message = "A later step failed after the {Category} safety reply was sent; the reply stands and the turn ends here: {ExceptionTypes}")]
    private partial void LogLaterStepFailed(string category, string exceptionTypes);
}
