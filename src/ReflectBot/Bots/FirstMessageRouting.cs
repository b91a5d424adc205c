using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.State;
using ReflectBot.Journeys.Referral;
using ReflectBot.Privacy;
using ReflectBot.Safety;

namespace ReflectBot.Bots;

/// <summary>
/// Interruptions only run while a dialog is active, but a crisis, "delete my data" or "I want a therapist" can
/// be the very first message of a conversation. When the stack is empty, this begins the main dialog straight
/// into the right conversation (through its hidden branch key) instead of showing the menu after a crisis reply.
/// </summary>
public sealed class FirstMessageRouting(PrivacyContent privacy, ReferralContent referral)
{
    private readonly Phrase.Set _deleteCommands = new(privacy.Commands);

    /// <summary>The branch key the first message should open, or null for the usual menu.</summary>
    public string? BranchFor(ITurnContext turnContext)
    {
        var verdict = SafetyTurn.Verdict(turnContext);
        if (verdict.IsCrisis)
        {
            return CrisisDialog.BranchKey;
        }

        if (verdict.Category == SafetyCategory.CheckIn)
        {
            return CheckInDialog.BranchKey;
        }

        var text = PromptInput.GetText(turnContext.Activity);
        if (_deleteCommands.Matches(text))
        {
            return DeleteMyDataDialog.BranchKey;
        }

        return referral.RequestWords.Matches(text) ? TherapyReferralDialog.MenuKey : null;
    }

    /// <summary>
    /// When no dialog is running and the message calls for one of the conversations above, begins it and
    /// returns true; otherwise returns false and the caller runs the main dialog as usual.
    /// </summary>
    public async Task<bool> TryBeginAsync(ITurnContext turnContext, MainDialog mainDialog, IStatePropertyAccessor<DialogState> dialogState, CancellationToken cancellationToken)
    {
        if (BranchFor(turnContext) is not { } branch)
        {
            return false;
        }

        var set = new DialogSet(dialogState);
        set.Add(mainDialog);
        var dc = await set.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (dc.ActiveDialog is not null)
        {
            return false;
        }

        await dc.BeginDialogAsync(mainDialog.Id, branch, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
