using ReflectBot.Framework.Builder;

namespace ReflectBot.Framework.Dialogs;

/// <summary>A dialog made of other dialogs, with its own inner stack saved inside its instance state (under <c>"dialogs"</c>).</summary>
public class ComponentDialog : Dialog
{
    private const string InnerStackKey = "dialogs";

    public ComponentDialog(string dialogId)
        : base(dialogId)
    {
        Dialogs = new DialogSet();
    }

    protected DialogSet Dialogs { get; }

    public string? InitialDialogId { get; set; }

    private string? _version;
    private string[] _versionParts = [];

    /// <summary>
    /// The version covers the inner dialogs too, so a changed step anywhere inside is detected. Cached: it is compared
    /// for every dialog on the stack on every turn, and a component's is built from all its descendants'. It is built
    /// again when any inner dialog's version reads differently (a dialog added, a step added to an inner waterfall).
    /// </summary>
    public override string Version
    {
        get
        {
            if (_version is null || !InnerVersionsUnchanged())
            {
                _versionParts = Dialogs.GetDialogs().Select(d => d.Version).ToArray();
                _version = $"{Id}[{string.Join(";", _versionParts)}]";
            }

            return _version;
        }
    }

    private bool InnerVersionsUnchanged()
    {
        var parts = _versionParts;
        if (parts.Length != Dialogs.Count)
        {
            return false;
        }

        var i = 0;
        foreach (var dialog in Dialogs.Values)
        {
            // Inner dialogs cache their own versions, so this is usually a reference comparison.
            if (!string.Equals(parts[i++], dialog.Version, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public ComponentDialog AddDialog(Dialog dialog)
    {
        Dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId);

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext outerDc, object? options = null, CancellationToken cancellationToken = default)
    {
        var innerDc = CreateInnerDc(outerDc, outerDc.ActiveDialog!, out var innerState);
        var turnResult = await OnBeginDialogAsync(innerDc, options, cancellationToken).ConfigureAwait(false);
        return await AfterInnerTurnAsync(outerDc, innerState, turnResult, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext outerDc, CancellationToken cancellationToken = default)
    {
        var innerDc = CreateInnerDc(outerDc, outerDc.ActiveDialog!, out var innerState);
        var turnResult = await OnContinueDialogAsync(innerDc, cancellationToken).ConfigureAwait(false);
        return await AfterInnerTurnAsync(outerDc, innerState, turnResult, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext outerDc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        // A dialog this component started on the outer stack ended: show the inner prompt again.
        await RepromptDialogAsync(outerDc.Context, outerDc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var innerState = ReadInnerState(instance);
        var innerDc = new DialogContext(Dialogs, turnContext, innerState);
        await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        SaveInnerState(instance, innerState);
    }

    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        if (reason == DialogReason.CancelCalled)
        {
            var innerState = ReadInnerState(instance);
            var innerDc = new DialogContext(Dialogs, turnContext, innerState);
            await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
            SaveInnerState(instance, innerState);
        }
    }

    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        innerDc.BeginDialogAsync(InitialDialogId ?? throw new InvalidOperationException($"'{Id}' has no dialogs."), options, cancellationToken);

    /// <summary>Override to handle interruptions (help, cancel ...) before the inner dialog sees the message.</summary>
    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken) =>
        innerDc.ContinueDialogAsync(cancellationToken);

    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken) =>
        outerDc.EndDialogAsync(result, cancellationToken);

    private DialogContext CreateInnerDc(DialogContext outerDc, DialogInstance instance, out DialogState innerState)
    {
        innerState = ReadInnerState(instance);
        return new DialogContext(Dialogs, outerDc, innerState);
    }

    private async Task<DialogTurnResult> AfterInnerTurnAsync(DialogContext outerDc, DialogState innerState, DialogTurnResult turnResult, CancellationToken cancellationToken)
    {
        // The outer stack may have moved (the inner dialog began or cancelled something outside); save the
        // inner stack only into this component's own instance, and end it only if it is still on top.
        var instance = outerDc.Stack.Find(i => i.Id == Id);
        if (instance is not null)
        {
            SaveInnerState(instance, innerState);
        }

        if (turnResult.Status == DialogTurnStatus.Waiting || instance is null || !ReferenceEquals(outerDc.ActiveDialog, instance))
        {
            return turnResult;
        }

        // Completed or cancelled inside: the component ends with the inner result, as the SDK does.
        return await EndComponentAsync(outerDc, turnResult.Result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The inner stack, read from the saved state with it (see <see cref="DialogInstanceStateConverter"/>).</summary>
    private static DialogState ReadInnerState(DialogInstance instance)
    {
        if (instance.State.TryGetValue(InnerStackKey, out var saved) && saved is DialogState state)
        {
            return state;
        }

        state = new DialogState();
        instance.State[InnerStackKey] = state;
        return state;
    }

    private static void SaveInnerState(DialogInstance instance, DialogState state) => instance.State[InnerStackKey] = state;
}
