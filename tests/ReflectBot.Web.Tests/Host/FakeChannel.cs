using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ReflectBot.Web.Tests.Host;

/// <summary>
/// A real Kestrel listener on 127.0.0.1 standing in for a channel's Bot Connector (the serviceUrl):
/// records what the bot posts and answers 201 {"id":...} like the Connector does.
/// </summary>
internal sealed class FakeChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _ids;

    private FakeChannel(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Method, string RawTarget, string ConversationId, string? ActivityId, string Body)> Received { get; } = new();

    /// <summary>With a trailing slash, as the Agents Playground sends it.</summary>
    public string ServiceUrl { get; private set; } = "";

    public static async Task<FakeChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new FakeChannel(app);
        app.MapMethods("/_connector/v3/conversations/{conversationId}/activities/{activityId?}", ["POST", "PUT", "DELETE"],
            async (HttpContext http, string conversationId, string? activityId) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync();
                var rawTarget = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
                channel.Received.Enqueue((http.Request.Method, rawTarget, conversationId, activityId, body));
                return Results.Text($$"""{"id":"{{Interlocked.Increment(ref channel._ids)}}"}""", "application/json", statusCode: 201);
            });
        await app.StartAsync();
        channel.ServiceUrl = app.Urls.Single() + "/_connector/";
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
