using ReflectBot.Content;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Bots;

/// <summary>help, menu, start over and cancel: they work at every prompt of every conversation.</summary>
public sealed class GlobalCommands(CommonContent content) : IInterruption
{
    private readonly Phrase.Set _help = new(content.Commands.Help);
    private readonly Phrase.Set _menu = new(content.Commands.Menu);
    private readonly Phrase.Set _startOver = new(content.Commands.StartOver);
    private readonly Phrase.Set _cancel = new(content.Commands.Cancel);

    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var text = PromptInput.GetText(innerDc.Context.Activity);
        if (_help.Matches(text))
        {
            await innerDc.Context.SendActivityAsync(content.Help, cancellationToken: cancellationToken).ConfigureAwait(false);
            await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
            return Dialog.EndOfTurn;
        }

        string? acknowledgement = _startOver.Matches(text) ? content.StartingOver
            : _cancel.Matches(text) ? content.Cancelled
            : _menu.Matches(text) ? "" : null;
        if (acknowledgement is null)
        {
            return null;
        }

        await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        if (acknowledgement.Length > 0)
        {
            await innerDc.Context.SendActivityAsync(acknowledgement, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await innerDc.BeginDialogAsync(MainDialog.MenuDialogId, null, cancellationToken).ConfigureAwait(false);
    }
}
