using ReflectBot.Framework.Builder;

namespace ReflectBot.Safety;

/// <summary>
/// What the safety middleware found and did this turn, for the dialogs that follow and for the host's
/// turn error handler (which must not apologise for "something going wrong" right after a crisis reply).
/// </summary>
public static class SafetyTurn
{
    private const string VerdictKey = "ReflectBot.Safety.Verdict";
    private const string ReplySentKey = "ReflectBot.Safety.ReplySent";

    /// <summary>The screener's verdict on this turn's message; <see cref="ScreenResult.None"/> when it found nothing or did not run.</summary>
    public static ScreenResult Verdict(ITurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(VerdictKey, out var value) && value is ScreenResult result ? result : ScreenResult.None;

    /// <summary>True when this turn got a crisis or check-in reply from the safety middleware.</summary>
    public static bool ReplySent(ITurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(ReplySentKey, out var value) && value is true;

    /// <summary>True when the screener found a crisis or a check-in in this turn's message.</summary>
    public static bool IsFlagged(ITurnContext turnContext) => Verdict(turnContext).Category != SafetyCategory.None;

    internal static void SetVerdict(ITurnContext turnContext, ScreenResult verdict) => turnContext.TurnState[VerdictKey] = verdict;

    internal static void MarkReplySent(ITurnContext turnContext) => turnContext.TurnState[ReplySentKey] = true;
}
