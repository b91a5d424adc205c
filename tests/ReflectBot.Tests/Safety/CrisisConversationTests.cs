using ReflectBot.Framework.Schema;
using ReflectBot.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>The crisis reply and the conversation after it, as a person in the chat sees them.</summary>
public class CrisisConversationTests
{
    [Fact]
    public async Task A_crisis_at_the_menu_gets_help_at_once_and_going_back_returns_to_the_menu()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm", "911", "988 Suicide & Crisis Lifeline", "call or text 988", "988lifeline.org")
            .AssertNoReply("nothing else follows the crisis reply: no menu, no 'I didn't catch that'")
            .Send("Yes, I'm safe")
            .AssertReply(a =>
            {
                Assert.Equal("I'm really glad you're safe. Would you like to pause here, or go back to what we were doing?", a.Text);
                Assert.Equal(["Pause here", "Go back"], SafetyFlowExtensions.ButtonTitles(a.Sent));
                Assert.Equal("self-harm", CrisisReplies.CategoryOf(a.Sent));
            })
            .Send("Go back")
            .AssertReplyContains("let's go back to where we were")
            .AssertReply("What would you like to do?", "the menu asks again")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Saying_no_repeats_the_emergency_number_warmly_and_stays()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("i want to end my life")
            .AssertCrisisReply("self-harm")
            .Send("not-safe")
            .AssertReply(a =>
            {
                Assert.Contains("Please call 911 now", a.Text);
                Assert.Contains("988 Suicide & Crisis Lifeline (call or text 988", a.Text);
                Assert.Contains("I'm still here", a.Text);
            })
            .AssertReply(a => Assert.Equal(["Yes, I'm safe", "No, I'm not safe", "I'm not sure"], SafetyFlowExtensions.ButtonTitles(a.Sent)))
            .Send("I'm not sure")
            .AssertReplyContains("it can be hard to tell")
            .AssertReplyContains("are you safe right now?")
            .Send("something else entirely")
            .AssertReplyContains("are you safe right now?", "an unrecognised answer is asked again, not dropped")
            .Send("yes")
            .AssertReplyContains("I'm really glad you're safe")
            .Send("back")
            .AssertReplyContains("let's go back")
            .AssertReply("What would you like to do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Pausing_keeps_the_place_until_the_person_writes_again()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("therapist")
            .AssertReplyContains("Reaching out for support is a strong step")
            .Send("someone is breaking in")
            .AssertCrisisReply("emergency", "please call 911 straight away", "National Domestic Violence Hotline")
            .Send("Pause here")
            .AssertReplyContains("we'll pause here")
            .AssertNoReply()
            .Send("hello again")
            .AssertReplyContains("Welcome back")
            .AssertReplyContains("Reaching out for support is a strong step", "the referral question from before the crisis")
            .StartTestAsync();
    }

    [Fact]
    public async Task Abuse_replies_open_by_asking_whether_it_is_safe_to_talk_and_list_abuse_lines()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("he hits me")
            .AssertReply(a =>
            {
                Assert.Equal("abuse", CrisisReplies.CategoryOf(a.Sent));
                Assert.StartsWith("First, is it safe for you to talk right now?", a.Text);
                Assert.Contains("National Domestic Violence Hotline**: call 1-800-799-7233, text START to 88788", a.Text);
                Assert.Contains("call 911", a.Text);
            })
            .AssertReplyContains(SafetyFlowExtensions.SafeQuestion)
            .Send("not-safe")
            .AssertReplyContains("reach National Domestic Violence Hotline (call 1-800-799-7233", "the warm repeat names an abuse line for abuse")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("I want to hurt him", "harm-to-others", "988")]
    [InlineData("he has a knife", "emergency", "911")]
    [InlineData("I have been stockpiling my pills", "self-harm", "988")]
    [InlineData("she threatened to kill me", "abuse", "1-800-799-7233")]
    public async Task Every_crisis_category_gets_its_own_reply_with_the_entity(string message, string category, string number)
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send(message)
            .AssertCrisisReply(category, number, "911")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task The_crisis_reply_never_echoes_what_the_person_wrote()
    {
        using var host = new BotTestHost();
        await host.Flow().StartAtMenu().Send("I keep thinking about jumping off the bridge").StartTestAsync();
        var help = host.Adapter.GetNextReply()!;
        var question = host.Adapter.GetNextReply()!;
        foreach (var text in new[] { help.Text!, question.Text! })
        {
            Assert.DoesNotContain("bridge", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("jump", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("confidential", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_crisis_as_the_very_first_message_gets_only_the_crisis_reply_and_the_disclaimer_afterwards()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm", "988")
            .AssertNoReply("no greeting, disclaimer or menu buries the question")
            .Send("Go back")
            .AssertReplyContains("let's go back")
            .AssertReplyContains("not a therapist", "the disclaimer, once the crisis conversation ends")
            .AssertReplyContains("anything else", "then the menu")
            .Send("help")
            .AssertReplyContains("Here's how I can help")
            .AssertReply(a => Assert.DoesNotContain("not a therapist", a.Text), "the disclaimer is not shown twice")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_second_crisis_during_the_crisis_conversation_replaces_it_instead_of_stacking()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm")
            .Send("he hits me")
            .AssertCrisisReply("abuse", "1-800-799-7233")
            .Send("yes")
            .AssertReplyContains("I'm really glad you're safe")
            .Send("go back")
            .AssertReplyContains("let's go back")
            .AssertReply("What would you like to do?", "one 'go back' returns to the menu: nothing was stacked")
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_during_the_crisis_conversation_shows_help_and_asks_again()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("I want to die")
            .AssertCrisisReply("self-harm")
            .Send("help")
            .AssertReplyContains("Here's how I can help")
            .AssertReplyContains("are you safe right now?")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_message_too_long_to_process_is_still_screened_and_answered_with_help()
    {
        using var host = new BotTestHost();
        var longMessage = string.Concat(Enumerable.Repeat("We talked about the weekend, the shopping and the car. ", 100)) + "I want to kill myself.";
        Assert.True(longMessage.Length > 5000);
        await host.Flow()
            .StartAtMenu()
            .Send(longMessage)
            .AssertCrisisReply("self-harm", "988")
            .AssertNoReply("no 'that's a lot to take in' after a crisis reply")
            .StartTestAsync();
    }

    [Fact]
    public async Task Teams_gets_the_question_as_an_adaptive_card_with_the_entity()
    {
        using var host = new BotTestHost(channelId: ReflectBot.Framework.Schema.Channels.Msteams);
        await host.Flow()
            .Send("hi")
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReply(_ => { })
            .Send("I want to kill myself")
            .AssertReply(a => Assert.Equal("self-harm", CrisisReplies.CategoryOf(a.Sent)))
            .AssertReply(a =>
            {
                Assert.Equal("self-harm", CrisisReplies.CategoryOf(a.Sent));
                Assert.Equal(ReflectBot.Framework.Schema.AdaptiveCard.ContentType, Assert.Single(a.Attachments!).ContentType);
            })
            .Send(SafetyFlowExtensions.CardSubmission("""{"choice":"safe"}"""))
            .AssertReply(a =>
            {
                var card = Payload.AsElement(a.Attachments![0].Content)!.Value;
                Assert.Contains("glad you're safe", card.GetProperty("body")[0].GetProperty("text").GetString());
                Assert.Equal("pause", card.GetProperty("actions")[0].GetProperty("data").GetProperty("choice").GetString());
            })
            .StartTestAsync();
    }
}
