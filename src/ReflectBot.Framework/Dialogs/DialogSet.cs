using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Dialogs;

/// <summary>The dialogs that can run together, and a way to make a context for a turn.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;

    /// <summary>A set for the turn's root dialogs, whose stack is kept in <paramref name="dialogState"/>.</summary>
    public DialogSet(IStatePropertyAccessor<DialogState> dialogState) =>
        _dialogState = dialogState ?? throw new ArgumentNullException(nameof(dialogState));

    /// <summary>A set inside a component dialog (the component keeps the stack).</summary>
    public DialogSet() { }

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!_dialogs.TryAdd(dialog.Id, dialog) && !ReferenceEquals(_dialogs[dialog.Id], dialog))
        {
            throw new InvalidOperationException($"A different dialog with id '{dialog.Id}' is already in the set.");
        }

        return this;
    }

    /// <summary>The dialog with this id, or null (also for an empty id: a damaged saved stack must restart, not throw).</summary>
    public Dialog? Find(string dialogId) => string.IsNullOrEmpty(dialogId) ? null : _dialogs.GetValueOrDefault(dialogId);

    public IEnumerable<Dialog> GetDialogs() => _dialogs.Values;

    /// <summary>How many dialogs are in the set.</summary>
    public int Count => _dialogs.Count;

    /// <summary>The dialogs in the order they were added, enumerable without allocating.</summary>
    internal Dictionary<string, Dialog>.ValueCollection Values => _dialogs.Values;

    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (_dialogState is null)
        {
            throw new InvalidOperationException("This DialogSet was created without a dialog state accessor.");
        }

        var state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken).ConfigureAwait(false);
        return new DialogContext(this, turnContext, state);
    }
}
