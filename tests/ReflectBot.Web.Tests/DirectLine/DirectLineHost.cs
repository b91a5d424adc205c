using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ReflectBot.Web.Tests.DirectLine;

/// <summary>
/// The real web host (the whole bot behind Direct Line) with a known secret, in-memory storage and, when a
/// test asks for it, a clock it moves by hand. Every log line is kept so tests can check what is never logged.
/// </summary>
internal sealed class DirectLineHost(Dictionary<string, string?>? settings = null, bool manualClock = false, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string Secret = "directline-test-secret-5f1c";

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var all = new Dictionary<string, string?>
            {
                ["DirectLine:Secret"] = Secret,
                ["Storage:Provider"] = "Memory",
            };
            foreach (var (key, value) in settings ?? [])
            {
                all[key] = value;
            }

            config.AddInMemoryCollection(all);
        });
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CollectingLoggerProvider(Logs));
        });
        builder.ConfigureTestServices(collection =>
        {
            if (manualClock)
            {
                collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            }

            services?.Invoke(collection);
        });
    }

    /// <summary>The real Kestrel address after <c>UseKestrel(0)</c> and <c>StartServer()</c>.</summary>
    public Uri KestrelAddress =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public DirectLineClient Client() => new(CreateClient());

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(sink, categoryName);

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<string> sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>A Direct Line 3.0 client written from the protocol, for checking the server's answers one by one.</summary>
internal sealed class DirectLineClient(HttpClient http) : IDisposable
{
    public const string Base = "/v3/directline";

    public HttpClient Http => http;

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? credential, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text), response);
    }

    /// <summary>Starts a conversation and returns the 201 body (conversationId, token, streamUrl ...).</summary>
    public async Task<JsonObject> StartAsync(string credential, JsonNode? body = null)
    {
        var (status, json, _) = await SendAsync(HttpMethod.Post, $"{Base}/conversations", credential, body ?? new JsonObject());
        Assert.Equal(HttpStatusCode.Created, status);
        return json!.AsObject();
    }

    /// <summary>Gets a page token for a fresh user the way the web chat page does.</summary>
    public async Task<JsonObject> PageTokenAsync()
    {
        var response = await http.PostAsync("/api/webchat/token", null);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Posts a Web Chat-shaped message; returns the id the service gave it.</summary>
    public async Task<string> PostMessageAsync(string conversationId, string token, string text, string? clientActivityId = null, string fromId = "whoever")
    {
        var (status, json, _) = await SendAsync(HttpMethod.Post, $"{Base}/conversations/{conversationId}/activities", token, Message(text, clientActivityId, fromId));
        Assert.Equal(HttpStatusCode.OK, status);
        return (string)json!["id"]!;
    }

    public static JsonObject Message(string text, string? clientActivityId = null, string fromId = "whoever") => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["textFormat"] = "plain",
        ["channelId"] = "webchat",
        ["from"] = new JsonObject { ["id"] = fromId, ["role"] = "user" },
        ["locale"] = "en-US",
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N") },
    };

    public async Task<(JsonArray Activities, string Watermark)> GetActivitiesAsync(string conversationId, string token, string? watermark = null)
    {
        var query = watermark is null ? "" : $"?watermark={Uri.EscapeDataString(watermark)}";
        var (status, json, _) = await SendAsync(HttpMethod.Get, $"{Base}/conversations/{conversationId}/activities{query}", token);
        Assert.Equal(HttpStatusCode.OK, status);
        return (json!["activities"]!.AsArray(), (string)json["watermark"]!);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Reading activities as a user would see them.</summary>
internal static class Activities
{
    public static string? Text(JsonNode? activity) => (string?)activity?["text"];

    public static string? Id(JsonNode? activity) => (string?)activity?["id"];

    public static bool FromBot(JsonNode? activity) => (string?)activity?["from"]?["role"] == "bot";

    public static IEnumerable<JsonNode> Messages(this JsonArray activities) =>
        activities.Where(a => (string?)a!["type"] == "message").Select(a => a!);
}
