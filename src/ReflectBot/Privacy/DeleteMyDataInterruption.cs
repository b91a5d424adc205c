using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Privacy;

namespace ReflectBot.Privacy;

/// <summary>"Delete my data" (and its other wordings) at any prompt: asks to confirm, on top of what was running.</summary>
public sealed class DeleteMyDataInterruption(PrivacyContent content) : IInterruption
{
    private readonly Phrase.Set _commands = new(content.Commands);

    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (!_commands.Matches(PromptInput.GetText(innerDc.Context.Activity)))
        {
            return null;
        }

        return innerDc.ActiveDialog?.Id == DeleteMyDataDialog.DialogId
            ? await innerDc.ReplaceDialogAsync(DeleteMyDataDialog.DialogId, null, cancellationToken).ConfigureAwait(false)
            : await innerDc.BeginDialogAsync(DeleteMyDataDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
    }
}
