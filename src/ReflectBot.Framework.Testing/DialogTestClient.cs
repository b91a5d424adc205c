using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Testing;

/// <summary>
/// Runs one dialog as the root of a test conversation, as the SDK's DialogTestClient does: each
/// <see cref="SendActivityAsync{T}(string, CancellationToken)"/> is one turn that continues the dialog (or begins
/// it when the stack is empty), saves <see cref="ConversationState"/>, and returns the first reply.
/// Pass a ConversationState over a storage of your choosing to inspect it or to "restart" mid-dialog.
/// </summary>
public class DialogTestClient
{
    /// <summary>The property the dialog stack is saved under in conversation state.</summary>
    public const string DialogStateProperty = "DialogState";

    private readonly TestAdapter _adapter;
    private readonly BotCallbackHandler _callback;

    public DialogTestClient(
        string channelId,
        Dialog targetDialog,
        object? initialDialogOptions = null,
        IEnumerable<IMiddleware>? middlewares = null,
        ConversationState? conversationState = null)
        : this(new TestAdapter(channelId), targetDialog, initialDialogOptions, middlewares, conversationState)
    {
    }

    public DialogTestClient(
        TestAdapter testAdapter,
        Dialog targetDialog,
        object? initialDialogOptions = null,
        IEnumerable<IMiddleware>? middlewares = null,
        ConversationState? conversationState = null)
    {
        _adapter = testAdapter ?? throw new ArgumentNullException(nameof(testAdapter));
        ArgumentNullException.ThrowIfNull(targetDialog);
        ConversationState = conversationState ?? new ConversationState(new MemoryStorage());
        foreach (var middleware in middlewares ?? [])
        {
            _adapter.Use(middleware);
        }

        var dialogState = ConversationState.CreateProperty<DialogState>(DialogStateProperty);
        _callback = async (turnContext, cancellationToken) =>
        {
            var dialogs = new DialogSet(dialogState);
            dialogs.Add(targetDialog);
            var dc = await dialogs.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
            DialogTurnResult = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
            if (DialogTurnResult.Status == DialogTurnStatus.Empty)
            {
                DialogTurnResult = await dc.BeginDialogAsync(targetDialog.Id, initialDialogOptions, cancellationToken).ConfigureAwait(false);
            }

            await ConversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken).ConfigureAwait(false);
        };
    }

    /// <summary>What the dialog returned on the last turn (Waiting, Complete with a result, ...).</summary>
    public DialogTurnResult? DialogTurnResult { get; private set; }

    public ConversationState ConversationState { get; }

    public TestAdapter Adapter => _adapter;

    /// <summary>Sends <paramref name="activity"/> as the user and returns the bot's first reply (null when it said nothing).</summary>
    public virtual async Task<T?> SendActivityAsync<T>(Activity activity, CancellationToken cancellationToken = default)
        where T : class
    {
        await _adapter.ProcessActivityAsync(activity, _callback, cancellationToken).ConfigureAwait(false);
        return GetNextReply<T>();
    }

    /// <summary>Sends a text message as the user and returns the bot's first reply.</summary>
    public virtual Task<T?> SendActivityAsync<T>(string text, CancellationToken cancellationToken = default)
        where T : class =>
        SendActivityAsync<T>(_adapter.MakeActivity(text), cancellationToken);

    /// <summary>The next queued reply (the second, third ... of a turn), or null.</summary>
    public virtual T? GetNextReply<T>()
        where T : class =>
        _adapter.GetNextReply() as T;
}
