using ReflectBot.Bots;
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
        // The main dialog's inner stack: the nearest context up the chain that knows the menu.
        var mainStack = stepDc;
        while (mainStack.Dialogs.Find(MainDialog.MenuDialogId) is null && mainStack.Parent is { } parent)
        {
            mainStack = parent;
        }

        await mainStack.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        return await mainStack.BeginDialogAsync(MainDialog.MenuDialogId, menuKey, cancellationToken).ConfigureAwait(false);
    }
}
