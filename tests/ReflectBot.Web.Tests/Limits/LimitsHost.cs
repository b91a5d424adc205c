using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Web.Tests.DirectLine;

namespace ReflectBot.Web.Tests.Limits;

/// <summary>
/// The Direct Line host for limit tests: an in-process server where each request may say which client address it
/// comes from (<see cref="ClientHeader"/>, standing in for the socket's remote address), and helpers for what a visitor does.
/// </summary>
internal static class LimitsHost
{
    /// <summary>Test-only header: the remote address this request pretends to come from.</summary>
    public const string ClientHeader = "X-Test-Client-Address";

    public static DirectLineHost Create(Dictionary<string, string?> settings) =>
        new(settings, services: s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());

    /// <summary>POST /api/webchat/token as a page on <paramref name="address"/> would.</summary>
    public static async Task<HttpResponseMessage> MintAsync(HttpClient http, string address = "203.0.113.7")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token");
        request.Headers.Add(ClientHeader, address);
        return await http.SendAsync(request);
    }

    /// <summary>A visitor's whole start: a page token, then the conversation it names (Web Chat's two calls).</summary>
    public static async Task<(string ConversationId, string Token)> StartChatAsync(DirectLineClient client, string address = "203.0.113.7")
    {
        var minted = await MintAsync(client.Http, address);
        minted.EnsureSuccessStatusCode();
        var pageToken = (string)JsonNode.Parse(await minted.Content.ReadAsStringAsync())!["token"]!;
        var response = await StartAsync(client, pageToken, address);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)body["conversationId"]!, (string)body["token"]!);
    }

    /// <summary>POST /v3/directline/conversations with <paramref name="credential"/>, from <paramref name="address"/>.</summary>
    public static async Task<HttpResponseMessage> StartAsync(DirectLineClient client, string credential, string address = "203.0.113.7")
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, $"{DirectLineClient.Base}/conversations")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        start.Headers.Add(ClientHeader, address);
        return await client.Http.SendAsync(start);
    }

    /// <summary>Seconds the server asked to wait, from Retry-After.</summary>
    public static double RetryAfterSeconds(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta?.TotalSeconds ?? throw new Xunit.Sdk.XunitException("The answer has no Retry-After.");

    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response) =>
        (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!;

    /// <summary>Opens the conversation's stream on the in-process server, as a client on <paramref name="address"/>.</summary>
    public static Task<WebSocket> ConnectAsync(DirectLineHost host, string streamUrl, string address = "203.0.113.7")
    {
        var client = host.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers[ClientHeader] = address;
        return client.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return following(context);
            });
            next(app);
        };
    }
}
