using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;
using ReflectBot.Safety;
using ReflectBot.Web.Tests.Host;

namespace ReflectBot.Web.Tests.Safety;

/// <summary>
/// The real host and the real bot over POST /api/messages with expectReplies: a crisis message, whenever it is
/// sent, is answered with the crisis reply in that same HTTP response, even when the store is down.
/// </summary>
public sealed class CrisisOverHttpTests
{
    private static List<Activity> Messages(List<Activity> replies) => replies.Where(a => a.Type == ActivityTypes.Message).ToList();

    private static void AssertCrisisReply(List<Activity> replies, string category, string number)
    {
        var messages = Messages(replies);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(category, CrisisReplies.CategoryOf(m)));
        Assert.Contains(number, messages[0].Text);
        Assert.StartsWith("Are you safe right now?", PlainText(messages[1]));
    }

    /// <summary>The question's text, whether it came as plain text or inside the Teams Adaptive Card.</summary>
    private static string PlainText(Activity activity) =>
        activity.Text is { Length: > 0 } text ? text : Payload.AsElement(activity.Attachments![0].Content)!.Value.GetProperty("body")[0].GetProperty("text").GetString()!;

    [Fact]
    public async Task A_crisis_as_the_first_message_is_answered_in_the_same_response()
    {
        await using var host = new BotHostFactory();
        var replies = await (await host.CreateClient().PostAsync(Wire.Message("I want to kill myself"))).RepliesAsync();
        AssertCrisisReply(replies, "self-harm", "988");
    }

    [Fact]
    public async Task A_crisis_in_the_middle_of_a_conversation_is_answered_in_the_same_response()
    {
        await using var host = new BotHostFactory();
        var client = host.CreateClient();
        Assert.Contains(Messages(await (await client.PostAsync(Wire.Message("hi"))).RepliesAsync()), m => m.Text?.Contains("not a therapist", StringComparison.Ordinal) == true);
        Assert.NotEmpty(Messages(await (await client.PostAsync(Wire.Message("therapist"))).RepliesAsync()));

        var replies = await (await client.PostAsync(Wire.Message("he hits me"))).RepliesAsync();

        AssertCrisisReply(replies, "abuse", "1-800-799-7233");
    }

    [Fact]
    public async Task A_crisis_inside_a_card_submission_is_answered_in_the_same_response()
    {
        await using var host = new BotHostFactory();
        var activity = Wire.Message("");
        activity.Remove("text");
        activity["value"] = new JsonObject { ["text"] = "i want to end my life" };

        var replies = await (await host.CreateClient().PostAsync(activity)).RepliesAsync();

        AssertCrisisReply(replies, "self-harm", "988");
    }

    /// <summary>
    /// Teams sends an Adaptive Card <c>Action.Execute</c> as an invoke named <c>adaptiveCard/action</c>, with the card's
    /// inputs (here a free-text box) merged into <c>value.action.data</c>.
    /// </summary>
    private static JsonObject ActionExecute(string typed, string? serviceUrl = null, bool expectReplies = true)
    {
        var activity = Wire.Message("", serviceUrl: serviceUrl, expectReplies: expectReplies);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity.Remove("text");
        activity.Remove("textFormat");
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "submit",
                ["data"] = new JsonObject { ["form"] = "note", ["note"] = typed },
            },
            ["trigger"] = "manual",
        };
        return activity;
    }

    [Fact]
    public async Task A_crisis_typed_into_an_Action_Execute_card_is_answered_in_the_same_response()
    {
        await using var host = new BotHostFactory();

        var replies = await (await host.CreateClient().PostAsync(ActionExecute("i want to end my life"))).RepliesAsync();

        AssertCrisisReply(replies, "self-harm", "988");
    }

    [Fact]
    public async Task A_crisis_typed_into_an_Action_Execute_card_in_Teams_reaches_the_conversation_and_the_invoke_is_answered()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHostFactory();

        var response = await host.CreateClient().PostAsync(ActionExecute("someone is breaking in", channel.ServiceUrl, expectReplies: false));

        // Teams needs an invoke response for the card, or it shows the card as failed.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string)body["type"]!);

        // The crisis reply went to the conversation through the connector.
        var posted = channel.Received
            .Select(r => System.Text.Json.JsonSerializer.Deserialize(r.Body, SchemaJson.Default.Activity)!)
            .ToList();
        AssertCrisisReply(posted, "emergency", "911");
        Assert.DoesNotContain(host.Logs, l => l.Message.Contains("breaking in", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_crisis_typed_into_an_Action_Execute_card_gets_the_crisis_reply_even_with_the_store_down()
    {
        await using var host = new BotHostFactory(services =>
            services.AddSingleton<IStorage>(new AlwaysFailingStorage(timeout: false)));

        var response = await host.CreateClient().PostAsync(ActionExecute("he hits me"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCrisisReply(await response.RepliesAsync(), "abuse", "1-800-799-7233");
    }

    [Fact]
    public async Task In_Teams_with_the_store_down_a_crisis_in_an_Action_Execute_card_still_gets_its_reply_and_an_invoke_response()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = new BotHostFactory(services =>
            services.AddSingleton<IStorage>(new AlwaysFailingStorage(timeout: false)));

        var response = await host.CreateClient().PostAsync(ActionExecute("he hits me", channel.ServiceUrl, expectReplies: false));

        // Not 501 or 503: the card went through, and the person already has the help lines.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        var posted = channel.Received
            .Select(r => System.Text.Json.JsonSerializer.Deserialize(r.Body, SchemaJson.Default.Activity)!)
            .ToList();
        AssertCrisisReply(posted, "abuse", "1-800-799-7233");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_a_store_that_throws_on_every_call_the_response_is_still_the_crisis_reply(bool timeout)
    {
        await using var host = new BotHostFactory(services =>
            services.AddSingleton<IStorage>(new AlwaysFailingStorage(timeout)));

        var response = await host.CreateClient().PostAsync(Wire.Message("someone is breaking in"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await response.RepliesAsync();
        AssertCrisisReply(replies, "emergency", "911");
        Assert.DoesNotContain(host.Logs, l => l.Message.Contains("breaking in", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class AlwaysFailingStorage(bool timeout) : IStorage
    {
        private Exception Failure() => timeout ? new TimeoutException("store timed out") : new StorageUnavailableException("store down");

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) => throw Failure();

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) => throw Failure();

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => throw Failure();
    }
}
