using ReflectBot.Cli;

// Ctrl+C ends the chat cleanly (state saved, store closed) instead of killing the process mid-turn.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error, showPrompt: !Console.IsInputRedirected, stop.Token);
