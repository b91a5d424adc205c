using ReflectBot.Framework.Builder;

namespace ReflectBot.Framework.Dialogs;

/// <summary>The dialog stack of one turn and the operations that move it.</summary>
public class DialogContext
{
    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state)
    {
        Dialogs = dialogs ?? throw new ArgumentNullException(nameof(dialogs));
        Context = turnContext ?? throw new ArgumentNullException(nameof(turnContext));
        State = state ?? throw new ArgumentNullException(nameof(state));
    }

    /// <summary>A context for the dialogs inside a container (a component, or a waterfall step) running in <paramref name="parentDialogContext"/>.</summary>
    public DialogContext(DialogSet dialogs, DialogContext parentDialogContext, DialogState state)
        : this(dialogs, (parentDialogContext ?? throw new ArgumentNullException(nameof(parentDialogContext))).Context, state)
    {
        Parent = parentDialogContext;
    }

    public DialogSet Dialogs { get; }

    public ITurnContext Context { get; }

    public DialogState State { get; }

    public List<DialogInstance> Stack => State.DialogStack;

    /// <summary>The context of the component dialog that contains this one, if any.</summary>
    public DialogContext? Parent { get; set; }

    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>Finds a dialog here or in a containing component.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(dialogId))
        {
            throw new ArgumentNullException(nameof(dialogId));
        }

        var dialog = FindDialog(dialogId) ?? throw new ArgumentException($"DialogContext.BeginDialogAsync(): A dialog with an id of '{dialogId}' wasn't found.", nameof(dialogId));
        Stack.Insert(0, new DialogInstance { Id = dialogId, Version = dialog.Version });
        return await dialog.BeginDialogAsync(this, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a prompt: the same as <see cref="BeginDialogAsync"/>, typed for prompt options.</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, Prompts.PromptOptions options, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(dialogId))
        {
            throw new ArgumentNullException(nameof(dialogId));
        }

        return BeginDialogAsync(dialogId, options ?? throw new ArgumentNullException(nameof(options)), cancellationToken);
    }

    /// <summary>Passes the user's message to the active dialog.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not { } instance)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        var dialog = ActiveDialogFor(instance);
        return await dialog.ContinueDialogAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the active dialog and resumes its parent with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken).ConfigureAwait(false);

        if (ActiveDialog is { } parentInstance)
        {
            var parent = ActiveDialogFor(parentInstance);
            return await parent.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(DialogTurnStatus.Complete, result);
    }

    /// <summary>Ends the active dialog and starts another in its place.</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken).ConfigureAwait(false);
        return await BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels every dialog on this stack.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (Stack.Count == 0)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        while (Stack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the active dialog to show its prompt again.</summary>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is { } instance)
        {
            await ActiveDialogFor(instance).RepromptDialogAsync(Context, instance, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        if (ActiveDialog is not { } instance)
        {
            return;
        }

        // A dialog that no longer exists has nothing to clean up; just drop it.
        if (FindDialog(instance.Id) is { } dialog)
        {
            await dialog.EndDialogAsync(Context, instance, reason, cancellationToken).ConfigureAwait(false);
        }

        Stack.RemoveAt(0);
    }

    private Dialog ActiveDialogFor(DialogInstance instance)
    {
        var dialog = FindDialog(instance.Id)
            ?? throw new DialogStateMismatchException($"The saved dialog '{instance.Id}' is not part of this version of the bot.");
        if (instance.Unreadable)
        {
            throw new DialogStateMismatchException($"The saved state of '{instance.Id}' holds a type this version of the bot does not register.");
        }

        if (instance.Version is not null && instance.Version != dialog.Version)
        {
            throw new DialogStateMismatchException($"The saved dialog '{instance.Id}' was started by a different version of the bot.");
        }

        return dialog;
    }
}
