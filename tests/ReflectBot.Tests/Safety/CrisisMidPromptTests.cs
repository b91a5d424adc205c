using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>
/// A crisis message at every prompt of every conversation that exists: the crisis reply comes at once, the prompt
/// does not take the message as its answer, and going back asks that same prompt's question again.
/// </summary>
public class CrisisMidPromptTests
{
    /// <summary>
    /// How to reach a prompt from the start, and the question asked after "Go back": the prompt's own, except in
    /// a check-in, which the crisis conversation replaces (it goes back to what came before the check-in).
    /// </summary>
    public sealed record PromptPath(string Name, Func<TestFlow, TestFlow> Reach, string AskedAgain)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<PromptPath> Prompts => new()
    {
        new("main menu", f => f, "What would you like to do?"),
        new("main menu after a branch", f => f
            .Send("therapist").AssertReplyContains("Reaching out")
            .Send("done").AssertReplyContains("shall I add")
            .Send("no").AssertReply("No problem.").AssertReplyContains("Take care")
            .AssertReply("Is there anything else you'd like to do?"), "Is there anything else you'd like to do?"),
        new("referral topics", f => f.Send("therapist").AssertReplyContains("Reaching out"), "Reaching out for support is a strong step"),
        new("referral topics, again", f => f
            .Send("therapist").AssertReplyContains("Reaching out")
            .Send("kinds").AssertReplyContains("Couples therapy").AssertReply("Anything else about finding support?"), "Anything else about finding support?"),
        new("referral add-to-plan question", f => f
            .Send("therapist").AssertReplyContains("Reaching out")
            .Send("done").AssertReplyContains("shall I add"), "shall I add \"Find a therapist\" to your plan?"),
        new("referral opened by an interruption", f => f
            .Send("I need a therapist").AssertReplyContains("Reaching out"), "Reaching out for support is a strong step"),
        new("delete-my-data confirmation", f => f
            .Send("delete my data").AssertReplyContains("It can't be undone"), "It can't be undone"),
        new("check-in question", f => f
            .Send("I feel hopeless").AssertReplyContains("how are you doing right now?"), "What would you like to do?"),
        new("check-in therapist offer", f => f
            .Send("I feel hopeless").AssertReplyContains("how are you doing")
            .Send("ok").AssertReplyContains("carry on").AssertReply(_ => { })
            .Send("I feel hopeless").AssertReplyContains("how are you doing")
            .Send("ok").AssertReplyContains("carry on").AssertReply(_ => { })
            .Send("I feel hopeless").AssertReplyContains("how are you doing")
            .Send("ok").AssertReplyContains("carry on").AssertReplyContains("A therapist could really help"), "What would you like to do?"),
    };

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task A_crisis_at_this_prompt_is_answered_at_once_and_going_back_asks_again(PromptPath path)
    {
        using var host = new BotTestHost();
        await path.Reach(host.Flow().StartAtMenu())
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm", "988", "911")
            .AssertNoReply("the prompt did not take the crisis message as its answer")
            .Send("Go back")
            .AssertReplyContains("let's go back to where we were")
            .AssertReplyContains(path.AskedAgain)
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task A_crisis_while_choosing_pause_or_back_starts_the_crisis_conversation_again()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm")
            .Send("yes")
            .AssertReplyContains("pause here, or go back")
            .Send("he has a gun")
            .AssertCrisisReply("emergency", "911")
            .Send("go back")
            .AssertReplyContains("let's go back")
            .AssertReply("What would you like to do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_crisis_after_data_was_deleted_is_still_answered()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("delete my data")
            .AssertReplyContains("It can't be undone")
            .Send("yes")
            .AssertReplyContains("I've erased everything")
            .Send("she threatened to kill me")
            .AssertCrisisReply("abuse", "1-800-799-7233")
            .StartTestAsync();
    }
}
