using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Dialogs;

public static class DialogExtensions
{
    /// <summary>Key in TurnState set when a saved stack could not be resumed and the root dialog was restarted.</summary>
    public const string StackResetKey = "ReflectBot.Framework.Dialogs.StackReset";

    /// <summary>
    /// Runs <paramref name="dialog"/> as the root of the conversation: continues the active dialog, or begins
    /// the root one when the stack is empty. A stack saved by an incompatible deploy is cleared and the root
    /// dialog begun afresh, with <see cref="StackResetKey"/> set and <paramref name="onStackReset"/> called first
    /// so the bot can say so kindly.
    /// </summary>
    public static async Task<DialogTurnResult> RunAsync(
        this Dialog dialog,
        ITurnContext turnContext,
        IStatePropertyAccessor<DialogState> accessor,
        CancellationToken cancellationToken = default,
        Func<ITurnContext, CancellationToken, Task>? onStackReset = null)
    {
        var set = new DialogSet(accessor);
        set.Add(dialog);
        var dc = await set.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);

        DialogTurnResult result;
        try
        {
            result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DialogStateMismatchException)
        {
            dc.Stack.Clear();
            turnContext.TurnState[StackResetKey] = true;
            result = new DialogTurnResult(DialogTurnStatus.Empty);
            if (onStackReset is not null)
            {
                await onStackReset(turnContext, cancellationToken).ConfigureAwait(false);
            }
        }

        if (result.Status == DialogTurnStatus.Empty)
        {
            result = await dc.BeginDialogAsync(dialog.Id, null, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
