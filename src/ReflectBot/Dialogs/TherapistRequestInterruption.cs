using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Safety;

namespace ReflectBot.Dialogs;

/// <summary>"I want a therapist" at any prompt opens the referral conversation on top of what was running.</summary>
public sealed class TherapistRequestInterruption(ReferralContent content) : IInterruption
{
    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (innerDc.ActiveDialog?.Id == TherapyReferralDialog.DialogId || !content.Request.Matches(PromptInput.GetText(innerDc.Context.Activity)))
        {
            return null;
        }

        return await innerDc.BeginDialogAsync(TherapyReferralDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
    }
}
