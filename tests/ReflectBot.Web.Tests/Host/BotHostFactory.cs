using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Web.Tests.Host;

/// <summary>
/// The real host in memory, in the Development environment (where a missed exception would show a stack trace),
/// with in-memory storage unless a test says otherwise, and every log line kept for inspection.
/// </summary>
internal sealed class BotHostFactory(Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var all = new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" };
            foreach (var (key, value) in settings ?? [])
            {
                all[key] = value;
            }

            config.AddInMemoryCollection(all);
        });
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new CollectingLoggerProvider(Logs));
        });
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<(LogLevel, string, string)> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(sink, categoryName);

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<(LogLevel, string, string)> sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                // With the exception appended, as console and file loggers print it.
                sink.Enqueue((logLevel, category, exception is null ? formatter(state, exception) : $"{formatter(state, exception)}\n{exception}"));
        }
    }
}

/// <summary>Hand-built activity JSON, shaped like what Teams and the Agents Playground send.</summary>
internal static class Wire
{
    private static int _ids;

    public static JsonObject Message(string text, string conversationId = "a:conv-1", string? serviceUrl = null, bool expectReplies = true)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "msg-" + Interlocked.Increment(ref _ids),
            ["timestamp"] = "2026-11-23T10:00:00.000Z",
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Sam", ["aadObjectId"] = "00000000-0000-0000-0000-000000000001" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot-app", ["name"] = "ReflectBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
            ["text"] = text,
            ["textFormat"] = "plain",
            ["locale"] = "en-US",
        };
        if (serviceUrl is not null)
        {
            activity["serviceUrl"] = serviceUrl;
        }

        if (expectReplies)
        {
            activity["deliveryMode"] = "expectReplies";
        }

        return activity;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonNode activity) =>
        client.PostRawAsync(activity.ToJsonString());

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        return client.PostAsync("/api/messages", content);
    }

    public static async Task<List<Activity>> RepliesAsync(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize(body, SchemaJson.Default.ExpectedReplies)!.Activities.ToList();
    }
}
