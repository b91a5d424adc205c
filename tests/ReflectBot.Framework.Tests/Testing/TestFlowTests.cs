using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Tests.Testing;

public sealed class TestFlowTests
{
    /// <summary>Echoes text; "menu" answers with buttons; "quiet" says nothing.</summary>
    private static async Task EchoBot(ITurnContext tc, CancellationToken ct)
    {
        switch (tc.Activity.Text)
        {
            case "quiet":
                return;
            case "menu":
                await tc.SendActivityAsync(MessageFactory.SuggestedActions(["Signs", "Reframe"], "Pick one"), ct);
                return;
            default:
                if (tc.Activity.IsType(ActivityTypes.Message))
                {
                    await tc.SendActivityAsync($"you said {tc.Activity.Text}", cancellationToken: ct);
                }

                return;
        }
    }

    [Fact]
    public async Task A_matching_conversation_passes()
    {
        await new TestFlow(new TestAdapter(), EchoBot)
            .Send("hi").AssertReply("you said hi")
            .Test("again", "you said again")
            .Send("menu").AssertReplyContains("Pick")
            .Send("quiet").AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task A_wrong_reply_fails_with_the_whole_conversation_and_the_culprit_marked()
    {
        var flow = new TestFlow(new TestAdapter(), EchoBot)
            .Send("hi").AssertReply("you said hi")
            .Send("menu").AssertReply("Pick two", "menu step");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(flow.StartTestAsync);

        Assert.Equal(
            """
            menu step: Expected the bot to say "Pick two" but it sent "Pick one" [buttons: Signs | Reframe].
            Conversation so far:
              user: "hi"
              bot:  "you said hi"
              user: "menu"
            > bot:  "Pick one" [buttons: Signs | Reframe]
            """.ReplaceLineEndings(),
            ex.Message.ReplaceLineEndings());
    }

    [Fact]
    public async Task A_missing_reply_fails_quickly_enough_and_says_so()
    {
        var flow = new TestFlow(new TestAdapter(), EchoBot).Send("quiet").AssertReply("anything", timeout: 50);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(flow.StartTestAsync);

        Assert.StartsWith("Expected a reply but the bot sent nothing more.", ex.Message);
    }

    [Fact]
    public async Task An_unexpected_reply_fails_AssertNoReply()
    {
        var flow = new TestFlow(new TestAdapter(), EchoBot).Send("hi").AssertNoReply();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(flow.StartTestAsync);

        Assert.Contains("Expected no reply but the bot sent \"you said hi\"", ex.Message);
    }

    [Fact]
    public async Task A_custom_check_failure_comes_through_as_thrown_as_in_the_sdk()
    {
        var flow = new TestFlow(new TestAdapter(), EchoBot).Send("menu").AssertReply(a => Assert.Equal(3, a.SuggestedActions!.Actions.Count));

        await Assert.ThrowsAsync<Xunit.Sdk.EqualException>(flow.StartTestAsync);
    }

    [Fact]
    public async Task Steps_do_not_run_before_StartTestAsync_and_a_shared_opening_can_branch()
    {
        var adapter = new TestAdapter();
        var opening = new TestFlow(adapter, EchoBot).Send("hi").AssertReply("you said hi");
        Assert.Empty(adapter.ConversationLog);

        await opening.Send("a").AssertReply("you said a").StartTestAsync();
        await opening.Send("b").AssertReply("you said b").StartTestAsync();

        Assert.Equal(8, adapter.ConversationLog.Count);
    }

    [Fact]
    public async Task The_adapter_addresses_activities_from_its_conversation_reference_and_locale()
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation("teams-chat", user: "Sam", channelId: Channels.Msteams)) { Locale = "de-DE" };
        Activity? seen = null;

        await adapter.SendTextToBotAsync("hallo", (tc, _) =>
        {
            seen = tc.Activity;
            return Task.CompletedTask;
        });

        Assert.Equal(Channels.Msteams, seen!.ChannelId);
        Assert.Equal("teams-chat", seen.Conversation?.Id);
        Assert.Equal("sam", seen.From?.Id);
        Assert.Equal("de-DE", seen.Locale);
        Assert.False(string.IsNullOrEmpty(seen.Id));
    }

    [Fact]
    public async Task Replies_go_back_to_the_user_in_the_same_conversation()
    {
        await new TestFlow(new TestAdapter(), EchoBot)
            .Send("hi")
            .AssertReply(reply =>
            {
                Assert.Equal("bot", reply.From?.Id);
                Assert.Equal("user1", reply.Recipient?.Id);
                Assert.Equal("Convo1", reply.Conversation?.Id);
                Assert.Equal(Channels.Test, reply.ChannelId);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task Traces_are_hidden_unless_asked_for()
    {
        BotCallbackHandler tracing = (tc, ct) => tc.SendActivityAsync(new Activity { Type = ActivityTypes.Trace, Name = "state" }, ct);

        await new TestFlow(new TestAdapter(), tracing).Send("hi").AssertNoReply().StartTestAsync();
        await new TestFlow(new TestAdapter(sendTraceActivities: true), tracing)
            .Send("hi").AssertReply(a => Assert.Equal(ActivityTypes.Trace, a.Type))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_conversation_update_announces_the_user_joining()
    {
        BotCallbackHandler greeter = (tc, ct) => tc.Activity.MembersAdded?.Any(m => m.Id == "user1") == true
            ? tc.SendActivityAsync("welcome", cancellationToken: ct)
            : Task.CompletedTask;

        await new TestFlow(new TestAdapter(), greeter).SendConversationUpdate().AssertReply("welcome").StartTestAsync();
    }

    [Fact]
    public async Task Middleware_runs_around_the_bot()
    {
        var adapter = new TestAdapter().Use(new AnonymousMiddleware(async (tc, next, ct) =>
        {
            await tc.SendActivityAsync("before", cancellationToken: ct);
            await next(ct);
        }));

        await new TestFlow(adapter, EchoBot).Send("hi").AssertReply("before").AssertReply("you said hi").StartTestAsync();
    }
}
