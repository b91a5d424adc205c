using ReflectBot.Bots;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Safety;

namespace ReflectBot.Safety;

/// <summary>
/// Registered first among the interruptions: when the safety middleware flagged this turn, it puts the crisis
/// conversation (or the check-in) on top of whatever is running, so no prompt ever reads a crisis message as
/// its answer. A new crisis during a safety conversation replaces it rather than stacking another; distress
/// during one is left to it as an answer.
/// </summary>
public sealed class CrisisInterruption : IInterruption
{
    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var verdict = SafetyTurn.Verdict(innerDc.Context);
        string dialogId;
        object? options;
        if (verdict.IsCrisis)
        {
            dialogId = CrisisDialog.DialogId;
            options = new CrisisStart(verdict.Category, SendReply: !SafetyTurn.ReplySent(innerDc.Context));
        }
        else if (verdict.Category == SafetyCategory.CheckIn)
        {
            // During a safety conversation, words of distress are its answer ("I'm not okay"), not a new worry.
            if (innerDc.ActiveDialog?.Id is CrisisDialog.DialogId or CheckInDialog.DialogId)
            {
                return null;
            }

            return await innerDc.BeginDialogAsync(CheckInDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return null;
        }

        return innerDc.ActiveDialog?.Id is CrisisDialog.DialogId or CheckInDialog.DialogId
            ? await innerDc.ReplaceDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false)
            : await innerDc.BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
    }
}
