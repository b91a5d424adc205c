using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Content;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;
using ReflectBot.Web.Tests.DirectLine;
using ReflectBot.Web.Tests.Host;

namespace ReflectBot.Web.Tests.Teams;

/// <summary>Teams-specific behaviour of the host: Action.Execute invokes and typing indicators, against a fake connector.</summary>
public class TeamsChannelTests
{
    [Fact]
    public async Task An_Action_Execute_runs_like_a_card_submission_and_Teams_gets_an_invoke_response()
    {
        await using var channel = await FakeChannel.StartAsync();
        using var host = new DirectLineHost();
        var content = host.Services.GetRequiredService<CommonContent>();
        using var client = host.CreateClient();

        var install = TeamsActivity("installationUpdate", channel.ServiceUrl);
        install["action"] = "add";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/messages", Json(install))).StatusCode);
        var welcomeCount = channel.Received.Count;

        var invoke = TeamsActivity("invoke", channel.ServiceUrl, conversationId: (string)install["conversation"]!["id"]!);
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "answer", ["data"] = new JsonObject { ["text"] = "help" } },
            ["trigger"] = "manual",
        };
        var response = await client.PostAsync("/api/messages", Json(invoke));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string)body["type"]!);

        // The line Teams shows under the card comes from common.yaml's cardActionReceived.
        Assert.Equal("Got it, thanks.", content.CardActionReceived);
        Assert.Equal(content.CardActionReceived, (string)body["value"]!);
        Assert.Contains(channel.Received.Skip(welcomeCount), r => r.Body.Contains(Escaped(content.Help[..40]), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_invokes_the_bot_does_not_know_still_get_501()
    {
        await using var channel = await FakeChannel.StartAsync();
        using var host = new DirectLineHost();
        using var client = host.CreateClient();

        var invoke = TeamsActivity("invoke", channel.ServiceUrl);
        invoke["name"] = "composeExtension/query";
        var response = await client.PostAsync("/api/messages", Json(invoke));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task A_slow_turn_in_Teams_shows_typing_before_the_answer()
    {
        await using var channel = await FakeChannel.StartAsync();
        using var host = new DirectLineHost(services: s => s.AddSingleton<IMiddleware>(new AnonymousMiddleware(async (_, next, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
            await next(ct);
        })));
        using var client = host.CreateClient();

        var response = await client.PostAsync("/api/messages", Json(TeamsActivity("message", channel.ServiceUrl, text: "help")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var types = channel.Received.Select(r => (string?)JsonNode.Parse(r.Body)!["type"]).ToList();
        Assert.Equal("typing", types[0]);
        Assert.Contains("message", types);
        Assert.True(types.LastIndexOf("typing") < types.IndexOf("message"), "typing stops once the answer goes out");
        Assert.Contains(host.Services.GetRequiredService<CloudAdapter>().MiddlewareSet.Items, m => m is ShowTypingMiddleware);
    }

    /// <summary>A personal-chat activity shaped like the Agents Playground's.</summary>
    private static JsonObject TeamsActivity(string type, string serviceUrl, string? text = null, string? conversationId = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("o"),
            ["channelId"] = Channels.Msteams,
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Alex Wilber", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a1" },
            ["recipient"] = new JsonObject { ["id"] = "28:reflectbot", ["name"] = "ReflectBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId ?? "a:personal-" + Guid.NewGuid().ToString("N"), ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
            ["locale"] = "en-US",
        };
        if (text is not null)
        {
            activity["text"] = text;
            activity["textFormat"] = "plain";
        }

        return activity;
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>Text as it appears inside a JSON string (quotes escaped).</summary>
    private static string Escaped(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];
}
