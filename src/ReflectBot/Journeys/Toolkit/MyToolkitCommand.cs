using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Journeys.Toolkit;

/// <summary>"my toolkit" at any prompt shows the toolkit on top of what is running, which then asks its question again.</summary>
public sealed class MyToolkitCommand(ToolkitContent content) : IInterruption
{
    private readonly Phrase.Set _commands = new(content.Commands);

    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (!_commands.Matches(PromptInput.GetText(innerDc.Context.Activity)))
        {
            return null;
        }

        // The toolkit ends at once; its parent re-asks its prompt, so the user sees where they were.
        await innerDc.BeginDialogAsync(nameof(ToolkitDialog), null, cancellationToken).ConfigureAwait(false);
        return Dialog.EndOfTurn;
    }
}
