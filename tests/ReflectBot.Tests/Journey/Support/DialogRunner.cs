using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Schema;
using ReflectBot.State;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Journey.Support;

/// <summary>
/// Runs one dialog on its own (no main menu around it) with the bot's real content and state, and keeps the
/// result it ended with, so a test can check where a conversation hands over to next.
/// </summary>
internal sealed class DialogRunner<TDialog> : IDisposable
    where TDialog : Dialog
{
    private readonly BotTestHost _host;
    private readonly TDialog _dialog;
    private readonly ReflectBotState _state;

    public DialogRunner(string channelId = Channels.TestButtons, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        _host = new BotTestHost(channelId: channelId, configureServices: configureServices);
        _dialog = _host.Get<TDialog>();
        _state = _host.Get<ReflectBotState>();
        Adapter = new TestAdapter(TestAdapter.CreateConversation("dialog-runner", "user1", "reflectbot", channelId));
    }

    public TestAdapter Adapter { get; }

    public BotTestHost Host => _host;

    /// <summary>True once the dialog has ended.</summary>
    public bool Ended { get; private set; }

    /// <summary>What the dialog ended with.</summary>
    public object? Result { get; private set; }

    public TestFlow Flow() => new(Adapter, TurnAsync);

    public void Dispose() => _host.Dispose();

    private async Task TurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var set = new DialogSet(_state.DialogState).Add(_dialog);
        var dc = await set.CreateContextAsync(turnContext, cancellationToken);
        var result = await dc.ContinueDialogAsync(cancellationToken);
        if (result.Status == DialogTurnStatus.Empty && !Ended)
        {
            result = await dc.BeginDialogAsync(_dialog.Id, null, cancellationToken);
        }

        if (result.Status == DialogTurnStatus.Complete)
        {
            Ended = true;
            Result = result.Result;
        }

        await _state.SaveAsync(turnContext, cancellationToken);
    }
}
