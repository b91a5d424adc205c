using ReflectBot.Safety;
using ReflectBot.Tests.Safety;

namespace ReflectBot.Tests.Rehearsal;

/// <summary>Crisis screening stays on during the role-play: a crisis message is never answered in character.</summary>
public class RehearsalSafetyTests
{
    [Theory]
    [InlineData("I want to kill myself", "self-harm", "988")]
    [InlineData("he hit me again last night and I'm scared to go home", "abuse", "1-800-799-7233")]
    public async Task A_crisis_message_mid_rehearsal_leaves_the_role_play_at_once(string message, string category, string line)
    {
        using var host = RehearsalHarness.Host();
        await host.StartRehearsal("defensive")
            .Send(Lines.Gentle[0])
            .AssertReplyContains("Partner: ")
            .AssertReplyContains("Tip: ")
            .Send(message)
            .AssertCrisisReply(category, line)
            .AssertNoReply("no partner line and no coaching tip after a crisis message")
            .StartTestAsync();
    }

    [Fact]
    public async Task Going_back_after_a_crisis_hands_the_turn_back_and_the_crisis_message_is_not_scored()
    {
        using var host = RehearsalHarness.Host();
        await host.StartRehearsal("open")
            .Send(Lines.Gentle[0])
            .AssertReplyContains("Partner: ")
            .AssertReplyContains("Tip: ")
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm")
            .Send("Yes, I'm safe")
            .AssertReply(a => Assert.Equal("self-harm", CrisisReplies.CategoryOf(a.Sent)))
            .Send("Go back")
            .AssertReplyContains("let's go back to where we were")
            .AssertReply("Your turn. What would you say next?", "only by choice, and only then, the role-play picks up")
            .Send("stop")
            .AssertReplyContains("Lines you said: 1")
            .StartTestAsync();
    }
}
