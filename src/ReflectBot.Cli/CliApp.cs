using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage;
using ReflectBot.Hosting;
using ReflectBot.Journeys.Rehearse;
using ReflectBot.Safety;

namespace ReflectBot.Cli;

/// <summary>
/// The terminal app: <c>reflectbot</c> chats with the bot, <c>reflectbot --rehearse</c> goes straight to a
/// rehearsal, <c>reflectbot screen</c> prints the crisis screener's category of each input line.
/// Settings as for the web host (<c>Storage:Provider</c>, <c>Storage:ConnectionString</c>, <c>Content:Path</c> ...)
/// come from environment variables (<c>Storage__Provider</c>) and <c>--Key=value</c> arguments.
/// </summary>
public static class CliApp
{
    public const string ScreenCommandName = "screen";
    public const string RehearseFlag = "--rehearse";

    private const string Usage = """
        Usage:
          reflectbot [--rehearse] [--Key=value ...]   chat with ReflectBot in this terminal
          reflectbot screen [--Key=value ...]         screen messages (one per line) for crisis signs
        Settings use the web host's keys, e.g. --Storage:ConnectionString="Data Source=./data/reflectbot.db",
        --Storage:Provider=Memory, --Content:Path=./dialogs, or environment variables like Storage__Provider.
        The chat ends at the end of input or on Ctrl+C.
        """;

    /// <summary>Runs the app over the given streams; returns the process exit code.</summary>
    public static async Task<int> RunAsync(
        string[] args,
        TextReader input,
        TextWriter output,
        TextWriter error,
        bool showPrompt = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = args.FirstOrDefault(a => !a.StartsWith('-'));
        var rehearse = args.Contains(RehearseFlag, StringComparer.OrdinalIgnoreCase);
        if (args.Any(a => a is "-h" or "--help" or "-?") || (command is not null && command != ScreenCommandName)
            || args.Any(a => a.StartsWith('-') && a != RehearseFlag && !a.Contains('=', StringComparison.Ordinal)))
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return command is null && args.Any(a => a is "-h" or "--help" or "-?") ? 0 : 2;
        }

        var configuration = BuildConfiguration(args);
        try
        {
            if (command == ScreenCommandName)
            {
                var contentRoot = ContentSource.ResolveRoot(configuration["Content:Path"]);
                return ScreenCommand.Run(input, output, CrisisScreener.Load(contentRoot));
            }

            return await ChatAsync(configuration, rehearse, input, output, error, showPrompt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ContentException or InvalidOperationException or StorageUnavailableException)
        {
            // Start-up problems a person can fix (a content file, a storage path): say which, without a stack trace.
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> ChatAsync(
        IConfiguration configuration,
        bool rehearse,
        TextReader input,
        TextWriter output,
        TextWriter error,
        bool showPrompt,
        CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(b => b.AddProvider(new ErrorStreamLoggerProvider(error)).SetMinimumLevel(LogLevel.Warning));
        services.AddBotStorage(configuration);
        services.AddReflectBot(configuration);
        await using var provider = services.BuildServiceProvider();
        provider.ValidateBotContent();
        if (provider.GetRequiredService<IStorage>() is SqliteStorage sqlite)
        {
            await sqlite.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        // Same user every run, so the toolkit and settings carry over; a new conversation each run, so it starts at the welcome.
        var adapter = new ConsoleAdapter(output, configuration["Cli:UserId"] ?? "console-user", $"console-{Guid.NewGuid():N}");
        provider.GetRequiredService<BotPipeline>().ApplyTo(adapter);

        // The bot's own handler: apologise and clear a crashed dialog stack, as on every channel.
        adapter.OnTurnError = provider.GetRequiredService<TurnErrorHandler>().HandleAsync;

        var bot = provider.GetRequiredService<IBot>();
        await adapter.StartConversationAsync(bot.OnTurnAsync, CancellationToken.None).ConfigureAwait(false);
        if (rehearse)
        {
            await adapter.SendLineAsync(RehearsalDialog.MenuKey, bot.OnTurnAsync, CancellationToken.None).ConfigureAwait(false);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (showPrompt)
            {
                await output.WriteAsync("> ").ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            var line = await ReadLineAsync(input, cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                break;
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                // A turn under way finishes (and saves) even after Ctrl+C; the loop stops before the next one.
                await adapter.SendLineAsync(line, bot.OnTurnAsync, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary>A line, or null at the end of input or on cancellation (a console read cannot be interrupted, so it is abandoned).</summary>
    private static async Task<string?> ReadLineAsync(TextReader input, CancellationToken cancellationToken)
    {
        var read = input.ReadLineAsync(cancellationToken).AsTask();
        var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
        var first = await Task.WhenAny(read, cancelled).ConfigureAwait(false);
        if (first != read)
        {
            return null;
        }

        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Defaults (the web host's SQLite path), then environment variables, then <c>--Key=value</c> arguments.</summary>
    private static IConfiguration BuildConfiguration(string[] args)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Provider"] = StorageProviders.Sqlite,
            ["Storage:ConnectionString"] = SqliteStorageOptions.DefaultConnectionString,
        };

        // Environment variables in the usual ASP.NET Core form: Storage__Provider=Memory.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.Contains("__", StringComparison.Ordinal))
            {
                settings[name.Replace("__", ":", StringComparison.Ordinal)] = variable.Value as string;
            }
        }

        foreach (var arg in args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)))
        {
            var separator = arg.IndexOf('=', StringComparison.Ordinal);
            settings[arg[2..separator]] = arg[(separator + 1)..];
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
