using ReflectBot.Safety;
using ReflectBot.State;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>The gentle check-in for distress without risk words, and what repeated check-ins lead to.</summary>
public class CheckInTests
{
    [Fact]
    public async Task Distress_gets_a_gentle_question_not_the_crisis_reply_and_okay_carries_on()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("therapist")
            .AssertReplyContains("Reaching out for support")
            .Send("I feel so hopeless")
            .AssertCheckIn()
            .AssertNoReply()
            .Send("I'm okay, let's go on")
            .AssertReply(a =>
            {
                Assert.Equal("Thanks for letting me know. Let's carry on.", a.Text);
                Assert.Equal("check-in", CrisisReplies.CategoryOf(a.Sent));
            })
            .AssertReplyContains("Reaching out for support", "the referral question again")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_denied_risk_phrase_is_asked_about_gently()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("I'm not suicidal")
            .AssertCheckIn()
            .Send("I'm not okay")
            .AssertReply(
                a =>
                {
                    Assert.StartsWith("I'm sorry it's so hard right now", a.Text);
                    Assert.Contains("988 Suicide & Crisis Lifeline (call or text 988", a.Text);
                },
                "words of distress answer the check-in instead of starting another")
            .AssertReply("What would you like to do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Not_feeling_safe_at_a_check_in_leads_to_the_full_crisis_reply()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("what's the point")
            .AssertCheckIn()
            .Send("not-safe")
            .AssertCrisisReply("emergency", "911", "988", "1-800-799-7233")
            .Send("yes")
            .AssertReplyContains("glad you're safe")
            .StartTestAsync();
    }

    [Fact]
    public async Task Something_else_shared_at_a_check_in_is_thanked_and_the_conversation_goes_on()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("nobody would care")
            .AssertCheckIn()
            .Send("my partner hasn't spoken to me in days")
            .AssertReplyContains("Thank you for telling me")
            .AssertReply("What would you like to do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_check_in_as_the_very_first_message_comes_after_the_welcome()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .Send("I feel hopeless")
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertCheckIn()
            .Send("ok")
            .AssertReplyContains("Let's carry on")
            .AssertReplyContains("anything else")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_third_check_in_offers_the_therapist_conversation()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("I feel hopeless")
            .AssertCheckIn()
            .Send("ok")
            .AssertReplyContains("Let's carry on")
            .AssertReply("What would you like to do?")
            .Send("nothing will ever change")
            .AssertCheckIn()
            .Send("I'm struggling")
            .AssertReplyContains("I'm sorry it's so hard")
            .AssertReply("What would you like to do?", "no offer yet at the second check-in")
            .Send("I'm so tired of everything")
            .AssertCheckIn()
            .Send("I'm struggling")
            .AssertReplyContains("I'm sorry it's so hard")
            .AssertReply(a =>
            {
                Assert.Contains("A therapist could really help", a.Text);
                Assert.Equal(["Yes, let's look", "Not now"], SafetyFlowExtensions.ButtonTitles(a.Sent));
            })
            .Send("Yes, let's look")
            .AssertReplyContains("Talking with a professional can make a real difference", "the referral, opened as an offer")
            .Send("That's all for now")
            .AssertReplyContains("shall I add \"Find a therapist\" to your plan?")
            .Send("no")
            .AssertReply("No problem.")
            .AssertReplyContains("Take care")
            .AssertReply("What would you like to do?")
            .StartTestAsync();

        var profile = await ProfileOf(host);
        Assert.Equal(3, profile.CheckIns);
    }

    [Fact]
    public async Task Declining_the_therapist_offer_goes_back_to_where_the_person_was()
    {
        using var host = new BotTestHost(settings: new Dictionary<string, string?> { ["ReflectBot:Safety:CheckInsBeforeTherapistOffer"] = "1" });
        await host.Flow()
            .StartAtMenu()
            .Send("I feel hopeless")
            .AssertCheckIn()
            .Send("ok")
            .AssertReplyContains("Let's carry on")
            .AssertReplyContains("A therapist could really help")
            .Send("not now")
            .AssertReplyContains("The offer stays open")
            .AssertReply("What would you like to do?")
            .StartTestAsync();
    }

    internal static async Task<UserProfile> ProfileOf(BotTestHost host)
    {
        var state = host.Get<ReflectBotState>();
        var context = new ReflectBot.Framework.Builder.TurnContext(host.Adapter, host.Adapter.MakeActivity("inspect"));
        return await state.Profile.GetAsync(context, () => new UserProfile());
    }
}
