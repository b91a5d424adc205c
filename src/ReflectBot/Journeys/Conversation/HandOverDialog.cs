using ReflectBot.Dialogs;
using ReflectBot.Framework.Dialogs;

namespace ReflectBot.Journeys.Conversation;

/// <summary>
/// A small conversation begun on top of whatever was running that may end by starting another one from the main
/// menu (a menu key): it clears the main dialog's stack and begins the menu with that key, so the new conversation
/// is not buried under the old one.
/// </summary>
public abstract class HandOverDialog(string dialogId) : ComponentDialog(dialogId)
{
    protected static async Task<DialogTurnResult> HandOverAsync(DialogContext stepDc, string menuKey, CancellationToken cancellationToken)
    {
        // This dialog runs on the main dialog's inner stack; that stack is its parent context.
        var mainStack = stepDc.Parent ?? stepDc;
        await mainStack.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        return await mainStack.BeginDialogAsync(MainDialog.MenuDialogId, menuKey, cancellationToken).ConfigureAwait(false);
    }
}
