using ReflectBot.Bots;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Safety;

namespace ReflectBot.Journeys.Referral;

/// <summary>"I want a therapist" at any prompt opens the referral conversation on top of what was running (the menu picks it itself).</summary>
public sealed class TherapistRequestInterruption(ReferralContent content) : IInterruption
{
    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (innerDc.ActiveDialog?.Id == TherapyReferralDialog.DialogId
            || AtTheMainMenu(innerDc)
            || !content.RequestWords.Matches(PromptInput.GetText(innerDc.Context.Activity)))
        {
            return null;
        }

        return await innerDc.BeginDialogAsync(TherapyReferralDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The menu is waiting on its own question: its "Find a therapist" choice takes the message there.</summary>
    private static bool AtTheMainMenu(DialogContext innerDc) =>
        innerDc.Stack.Count == 2
        && innerDc.Stack[1].Id == MainDialog.MenuDialogId
        && innerDc.FindDialog(innerDc.Stack[0].Id) is ChoicePrompt;
}
