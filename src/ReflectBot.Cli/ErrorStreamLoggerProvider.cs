using Microsoft.Extensions.Logging;

namespace ReflectBot.Cli;

/// <summary>Logs to the error stream, so warnings never mix into the conversation on standard output.</summary>
public sealed class ErrorStreamLoggerProvider(TextWriter error) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(error, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter error, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (error)
            {
                error.WriteLine($"{logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}
