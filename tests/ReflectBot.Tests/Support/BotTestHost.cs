using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReflectBot.Bots;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Tests.Support;

/// <summary>
/// The whole bot as production wires it (AddReflectBot: content, dialogs, middleware), over a TestAdapter and a
/// storage of the test's choosing. Use <see cref="Flow"/> to write a conversation as a test.
/// </summary>
public sealed class BotTestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public BotTestHost(
        IStorage? storage = null,
        string channelId = Channels.TestButtons,
        Action<IServiceCollection>? configureServices = null,
        IDictionary<string, string?>? settings = null,
        string conversationId = "conversation-1",
        string userId = "user1")
    {
        Storage = storage ?? new MemoryStorage();
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Content:Path"] = RepoPaths.ContentRoot })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging(b => b.AddProvider(Logs));
        services.AddSingleton(Storage);
        services.AddReflectBot(config);
        configureServices?.Invoke(services);
        _services = services.BuildServiceProvider();
        _services.ValidateBotContent();

        Adapter = new TestAdapter(TestAdapter.CreateConversation(conversationId, userId, "reflectbot", channelId))
        {
            // As in production: a failed turn apologises and clears a broken dialog stack.
            OnTurnError = _services.GetRequiredService<TurnErrorHandler>().HandleAsync,
        };
        _services.GetRequiredService<BotPipeline>().ApplyTo(Adapter);

        Bot = _services.GetRequiredService<IBot>();
    }

    public IStorage Storage { get; }

    public TestAdapter Adapter { get; }

    public IBot Bot { get; }

    public IServiceProvider Services => _services;

    /// <summary>Everything the bot logged, for privacy tests.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public TestFlow Flow() => new(Adapter, Bot);

    public void Dispose() => _services.Dispose();
}

/// <summary>Keeps every formatted log line (with its exception) so a test can search them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            lock (owner._lines)
            {
                owner._lines.Add(line);
            }
        }
    }
}
