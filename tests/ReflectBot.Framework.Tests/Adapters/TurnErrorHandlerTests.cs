using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Tests.Adapters;

public sealed class TurnErrorHandlerTests
{
    private readonly RecordingSender _sender = new();
    private readonly CapturingLogger<TurnErrorHandler> _log = new();

    private static Task FailingBot(ITurnContext tc, CancellationToken ct) =>
        throw new FormatException($"could not parse '{tc.Activity.Text}'");

    [Fact]
    public async Task A_failed_turn_is_logged_without_the_users_words_and_the_user_gets_the_bots_apology()
    {
        var handler = new TurnErrorHandler(_log, (_, _) => MessageFactory.Text("apology from the bot's content"));
        var adapter = new AdapterWithErrorHandler(_sender, handler);

        var result = await adapter.ProcessActivityAsync(Activities.FromTeams("my partner ignores me", deliveryMode: DeliveryModes.ExpectReplies), FailingBot);

        Assert.Equal(200, result.Status);
        var replies = JsonSerializer.Deserialize(result.SerializeBody()!, SchemaJson.Default.ExpectedReplies)!.Activities;
        Assert.Equal("apology from the bot's content", Assert.Single(replies).Text);

        var (level, message, exception) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains("System.FormatException", message);
        Assert.Contains("a:conv-1", message);
        Assert.Contains(nameof(FailingBot), message);
        Assert.DoesNotContain("partner", message);
        Assert.Null(exception);
    }

    [Fact]
    public async Task The_bot_can_reset_the_conversation_before_the_apology()
    {
        var steps = new List<string>();
        var handler = new TurnErrorHandler(
            _log,
            (_, _) =>
            {
                steps.Add("apology");
                return MessageFactory.Text("sorry");
            },
            (_, ex, _) =>
            {
                steps.Add("reset after " + ex.GetType().Name);
                return Task.CompletedTask;
            });

        await new AdapterWithErrorHandler(_sender, handler).ProcessActivityAsync(Activities.FromTeams("hi"), FailingBot);

        Assert.Equal(["reset after FormatException", "apology"], steps);
        Assert.Single(_sender.Calls);
    }

    [Fact]
    public async Task Without_an_apology_nothing_is_sent()
    {
        var adapter = new AdapterWithErrorHandler(_sender, new TurnErrorHandler(_log));

        var result = await adapter.ProcessActivityAsync(Activities.FromTeams("hi"), FailingBot);

        Assert.Equal(200, result.Status);
        Assert.Empty(_sender.Calls);
    }

    [Fact]
    public async Task A_channel_that_rejects_the_apology_does_not_fail_the_request()
    {
        _sender.OnCall = (_, _) => throw new HttpRequestException("connector down");
        var resetFailed = new TurnErrorHandler(_log, (_, _) => MessageFactory.Text("sorry"), (_, _, _) => throw new TimeoutException());
        var adapter = new AdapterWithErrorHandler(_sender, resetFailed);

        var result = await adapter.ProcessActivityAsync(Activities.FromTeams("hi"), FailingBot);

        Assert.Equal(200, result.Status);
        Assert.Equal(3, _log.Entries.Count);
        Assert.Contains(_log.Entries, e => e.Message.Contains("TimeoutException"));
        Assert.Contains(_log.Entries, e => e.Message.Contains("HttpRequestException"));
    }
}
