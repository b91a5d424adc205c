using System.Text.Json.Nodes;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using ReflectBot.Safety;
using Answers = ReflectBot.Safety.SafetyContent.Answers;

namespace ReflectBot.Safety;

/// <summary>How a <see cref="CrisisDialog"/> starts: for which category, and whether it still has to send the crisis reply.</summary>
/// <param name="Category">A crisis category.</param>
/// <param name="SendReply">
/// False when the safety middleware has already sent the reply this turn (the usual case); true when the
/// dialog itself decided (a person answering a check-in with "I don't feel safe").
/// </param>
public sealed record CrisisStart(SafetyCategory Category, bool SendReply);

/// <summary>
/// The conversation after a crisis reply. It sits on top of whatever was running and waits for the answer to
/// "are you safe right now?": yes leads to "pause, or go back?"; no and not sure give the emergency number and
/// a line again, warmly, and stay; pause keeps the person's place until they write again; going back ends this
/// dialog so the one underneath asks its question again. It never argues, diagnoses or promises secrecy, and it
/// does not end until the person chooses to (or uses a global command such as "menu").
/// </summary>
public sealed class CrisisDialog(CrisisReplies replies, DeferredWelcome welcome) : Dialog(DialogId)
{
    public const string DialogId = "safety.crisis";

    /// <summary>Key under which this dialog is registered as a (hidden) main-menu branch, to begin it on an empty stack.</summary>
    public const string BranchKey = "crisis";

    private const string CategoryKey = "category";
    private const string StageKey = "stage";
    private const string AskingSafe = "safe";
    private const string AskingPauseOrBack = "pauseOrBack";
    private const string Paused = "paused";

    private SafetyContent Content => replies.Content;

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var start = options as CrisisStart;
        var category = start?.Category ?? SafetyTurn.Verdict(dc.Context).Category;
        if (!category.IsCrisis())
        {
            // Begun without a crisis verdict: treat it as the most urgent kind rather than guess a milder one.
            category = SafetyCategory.Emergency;
        }

        var state = dc.ActiveDialog!.State;
        state[CategoryKey] = category.WireName();
        state[StageKey] = AskingSafe;
        if (start is { SendReply: true })
        {
            var activity = dc.Context.Activity;
            await dc.Context.SendActivitiesAsync(replies.Crisis(category, activity.Locale, activity.ChannelId), cancellationToken).ConfigureAwait(false);
        }

        // Reads state, so after the reply: a failing store cannot hold the reply back.
        await welcome.TakeOverAsync(dc.Context, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        if (!dc.Context.Activity.IsType(ActivityTypes.Message))
        {
            return EndOfTurn;
        }

        var state = dc.ActiveDialog!.State;
        var category = CategoryOf(state);
        if (Stage(state) == Paused)
        {
            // Whatever they wrote, they are back: pick up where they were.
            await SendAsync(dc.Context, replies.Message(Content.Crisis.WelcomeBack, category, dc.Context.Activity.Locale), cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var answer = ChoiceRecognizer.Recognize(PromptInput.GetText(dc.Context.Activity), Content.QuestionChoices)?.Value;
        var locale = dc.Context.Activity.Locale;
        switch (answer)
        {
            case Answers.Safe:
                state[StageKey] = AskingPauseOrBack;
                await SendAsync(dc.Context, PauseOrBackQuestion(dc.Context, category, Content.Crisis.Safe), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case Answers.NotSafe or Answers.Unsure:
                state[StageKey] = AskingSafe;
                var warm = answer == Answers.NotSafe ? Content.Crisis.NotSafe : Content.Crisis.Unsure;
                await dc.Context.SendActivitiesAsync([replies.Message(warm, category, locale), SafeQuestion(dc.Context, category)], cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case Answers.Pause:
                state[StageKey] = Paused;
                await SendAsync(dc.Context, replies.Message(Content.Crisis.Paused, category, locale), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case Answers.Back:
                await SendAsync(dc.Context, replies.Message(Content.Crisis.Back, category, locale), cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
            default:
                await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
        }
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var category = CategoryOf(instance.State);
        var question = Stage(instance.State) == AskingSafe
            ? SafeQuestion(turnContext, category)
            : PauseOrBackQuestion(turnContext, category, Content.Crisis.PauseOrBack);
        return SendAsync(turnContext, question, cancellationToken);
    }

    /// <summary>A dialog begun on top of this one ended: ask the current question again.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    /// <summary>
    /// Ending (going back, or leaving with "menu" or "cancel") shows the disclaimer if the crisis was the first
    /// message; being replaced by a newer crisis reply does not, since the conversation goes on.
    /// </summary>
    public override Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default) =>
        reason == DialogReason.ReplaceCalled ? Task.CompletedTask : welcome.SendIfOwedAsync(turnContext, cancellationToken);

    private Activity SafeQuestion(ITurnContext turnContext, SafetyCategory category) =>
        replies.Question(category, turnContext.Activity.ChannelId, Content.Crisis.Reask, Content.SafeChoices);

    private Activity PauseOrBackQuestion(ITurnContext turnContext, SafetyCategory category, string text) =>
        replies.Question(category, turnContext.Activity.ChannelId, text, Content.PauseOrBackChoices);

    private static Task SendAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(activity, cancellationToken);

    private static SafetyCategory CategoryOf(IDictionary<string, object?> state) =>
        SafetyCategories.TryParse(state.TryGetValue(CategoryKey, out var saved) ? saved as string : null, out var category) && category.IsCrisis() ? category : SafetyCategory.Emergency;

    private static string Stage(IDictionary<string, object?> state) => state.TryGetValue(StageKey, out var stage) && stage is string s ? s : AskingSafe;
}
