using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Tests.Adapters;

/// <summary>Stands in for the channel's connector: records each call and answers like the Bot Connector.</summary>
internal sealed class RecordingSender : IConnectorSender
{
    private int _ids;

    public ConcurrentQueue<(HttpMethod Method, Uri ServiceUrl, string Path, string? Body)> Calls { get; } = new();

    public Func<HttpMethod, string, Task>? OnCall { get; set; }

    public async Task<string?> SendAsync(HttpMethod method, Uri serviceUrl, string relativePath, string? jsonBody, CancellationToken ct)
    {
        Calls.Enqueue((method, serviceUrl, relativePath, jsonBody));
        if (OnCall is not null)
        {
            await OnCall(method, relativePath);
        }

        return method == HttpMethod.Delete ? null : $$"""{"id":"srv-{{Interlocked.Increment(ref _ids)}}"}""";
    }
}

/// <summary>Keeps what was logged, as the message template rendered, plus any exception object handed to the logger.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception), exception));
}

internal static class Activities
{
    public static Activity FromTeams(string text, string conversationId = "a:conv-1", string id = "msg-1", string? deliveryMode = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        Text = text,
        ChannelId = Channels.Msteams,
        ServiceUrl = "https://smba.example/teams/",
        From = new ChannelAccount { Id = "29:user", Name = "Sam", Role = RoleTypes.User },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "ReflectBot", Role = RoleTypes.Bot },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal" },
        DeliveryMode = deliveryMode,
    };
}
