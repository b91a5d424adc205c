using ReflectBot.Framework.Builder;

namespace ReflectBot.Framework.Dialogs;

public enum DialogTurnStatus
{
    /// <summary>Nothing was on the stack.</summary>
    Empty,

    /// <summary>A dialog is waiting for the user's next message.</summary>
    Waiting,

    /// <summary>The dialog finished this turn; see <see cref="DialogTurnResult.Result"/>.</summary>
    Complete,

    /// <summary>The dialog was cancelled this turn.</summary>
    Cancelled,
}

public enum DialogReason
{
    BeginCalled,
    ContinueCalled,
    EndCalled,
    ReplaceCalled,
    CancelCalled,
    NextCalled,
}

public sealed class DialogTurnResult(DialogTurnStatus status, object? result = null)
{
    public DialogTurnStatus Status { get; } = status;

    public object? Result { get; } = result;

    public bool ParentEnded { get; set; }
}

/// <summary>A unit of conversation that can begin, take the user's replies, and end with a result.</summary>
public abstract class Dialog(string dialogId)
{
    /// <summary>Returned by a dialog that is waiting for the user.</summary>
    public static readonly DialogTurnResult EndOfTurn = new(DialogTurnStatus.Waiting);

    public string Id { get; } = string.IsNullOrWhiteSpace(dialogId) ? throw new ArgumentNullException(nameof(dialogId), "A dialog needs an id.") : dialogId;

    /// <summary>
    /// Identifies the shape of this dialog's persisted state. A stack saved by a deploy whose version differs
    /// cannot be resumed safely and is restarted instead (see <see cref="DialogStateMismatchException"/>).
    /// </summary>
    public virtual string Version => Id;

    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default);

    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default) =>
        dc.EndDialogAsync(null, cancellationToken);

    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default) =>
        dc.EndDialogAsync(result, cancellationToken);

    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}

/// <summary>
/// The saved dialog stack does not fit the dialogs deployed now (a dialog was removed or its steps changed).
/// <see cref="DialogExtensions.RunAsync"/> catches it and starts the conversation afresh instead of failing.
/// </summary>
public sealed class DialogStateMismatchException(string message) : Exception(message);
