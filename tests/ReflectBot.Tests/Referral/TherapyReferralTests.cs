using ReflectBot.Framework.Schema;
using ReflectBot.Journeys.Referral;
using ReflectBot.Safety;
using ReflectBot.Tests.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Referral;

/// <summary>The "find a therapist" conversation as a person goes through it.</summary>
public class TherapyReferralTests
{
    [Fact]
    public async Task From_the_menu_every_topic_can_be_read_and_the_step_added_to_the_plan()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("Find a therapist")
            .AssertReply(a =>
            {
                Assert.StartsWith("Reaching out for support is a strong step", a.Text);
                Assert.Equal(["Kinds of help", "How to choose", "Talking to my partner", "Where to look", "Add it to my plan", "That's all for now"], SafetyFlowExtensions.ButtonTitles(a.Sent));
            })
            .Send("Kinds of help")
            .AssertReply(a =>
            {
                foreach (var kind in new[] { "Individual therapy", "Couples therapy", "CBT", "DBT", "Emotionally Focused Therapy", "Psychodynamic", "Trauma-informed", "EMDR", "Support groups" })
                {
                    Assert.Contains(kind, a.Text);
                }
            })
            .AssertReply("Anything else about finding support?")
            .Send("how to choose")
            .AssertReply(a =>
            {
                Assert.Contains("licensed or registered", a.Text);
                Assert.Contains("relationships, couples, or trauma", a.Text);
                Assert.Contains("feel safe", a.Text);
                Assert.Contains("ask how they work", a.Text);
            })
            .AssertReply("Anything else about finding support?")
            .Send("my partner")
            .AssertReply(a =>
            {
                Assert.Contains("wish for both of you", a.Text);
                Assert.Contains("your own feelings rather than what they do wrong", a.Text);
            })
            .AssertReply("Anything else about finding support?")
            .Send("where to look")
            .AssertReply(a =>
            {
                Assert.Contains("psychologytoday.com/us/therapists", a.Text);
                Assert.Contains("locator.apa.org", a.Text);
                Assert.Contains("Your doctor or local health service", a.Text);
            })
            .AssertReply("Anything else about finding support?")
            .Send("Add it to my plan")
            .AssertReplyContains("\"Find a therapist\" is in your plan now")
            .AssertReply("Anything else about finding support?")
            .Send("add it to my plan")
            .AssertReplyContains("already in your plan", "added once, not twice")
            .AssertReply("Anything else about finding support?")
            .Send("that's all")
            .AssertReplyContains("Take care", "no second offer once it is in the plan")
            .AssertReply("Is there anything else you'd like to do?")
            .StartTestAsync();

        var profile = await CheckInTests.ProfileOf(host);
        var plan = Assert.Single(profile.Toolkit.Plans);
        var step = Assert.Single(plan.Steps);
        Assert.Equal("professional-help", step.Strategy);
        Assert.Equal("Find a therapist", step.What);
    }

    [Fact]
    public async Task Leaving_without_adding_it_offers_to_add_it_to_the_plan()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("therapist")
            .AssertReplyContains("Reaching out")
            .Send("done")
            .AssertReply(a => Assert.Equal(["Yes", "No"], SafetyFlowExtensions.ButtonTitles(a.Sent)))
            .Send("yes please")
            .AssertReplyContains("is in your plan now")
            .AssertReplyContains("Take care")
            .AssertReply("Is there anything else you'd like to do?")
            .StartTestAsync();
        Assert.Single((await CheckInTests.ProfileOf(host)).Toolkit.Plans);
    }

    [Theory]
    [InlineData("en-GB", "bacp.co.uk/search/Therapists", "psychotherapy.org.uk/find-a-therapist")]
    [InlineData("en-AU", "psychology.org.au/find-a-psychologist", "psychologyboard.gov.au")]
    [InlineData("fr-CA", "psychologytoday.com/ca/therapists", "Your doctor")]
    [InlineData("de-DE", "psychologytoday.com (choose your country", "Your doctor")]
    public async Task Where_to_look_lists_the_directories_for_the_persons_country(string locale, string first, string second)
    {
        using var host = new BotTestHost();
        host.Adapter.Locale = locale;
        await host.Flow()
            .StartAtMenu()
            .Send("therapist")
            .AssertReplyContains("Reaching out")
            .Send("where")
            .AssertReply(a =>
            {
                Assert.Contains(first, a.Text);
                Assert.Contains(second, a.Text);
                Assert.DoesNotContain("https://", a.Text);
            })
            .StartTestAsync();
    }

    [Theory]
    [InlineData("I want a therapist")]
    [InlineData("i need therapy")]
    [InlineData("Can you help me find a counsellor?")]
    [InlineData("therapist")]
    public async Task Asking_for_a_therapist_in_the_middle_of_something_opens_it_and_comes_back(string ask)
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send("delete my data")
            .AssertReplyContains("It can't be undone")
            .Send(ask)
            .AssertReplyContains("Reaching out for support")
            .Send("done")
            .AssertReplyContains("shall I add")
            .Send("no")
            .AssertReply("No problem.")
            .AssertReplyContains("Take care")
            .AssertReplyContains("It can't be undone", "back at the question from before")
            .Send("no")
            .AssertReply("Okay, nothing was deleted.")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("I find therapy scary")]
    [InlineData("you never want to go to therapy with me")]
    [InlineData("I don't want a therapist")]
    [InlineData("my sister is a therapist and she says we are fine, but honestly I am not so sure about any of it")]
    public void Talking_about_therapy_is_not_taken_as_asking_for_it(string text)
    {
        using var host = new BotTestHost();
        Assert.False(host.Get<ReferralContent>().RequestWords.Matches(text));
    }

    [Fact]
    public async Task A_therapist_request_as_the_very_first_message_opens_the_conversation()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .Send("I need a therapist")
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReplyContains("Reaching out for support")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_signs_summary_hands_over_to_the_referral()
    {
        using var host = new BotTestHost();
        var flow = host.Flow().StartAtMenu().Send("recognise the signs").Send("My partner's");
        foreach (var answer in new[] { "yes", "sometimes", "no", "no", "no", "no", "no", "yes", "yes", "no", "years", "We talked, nothing changed", "8", "no" })
        {
            flow = flow.Send(answer);
        }

        await flow
            .Then(() =>
            {
                while (host.Adapter.GetNextReply() is not null)
                {
                }

                return Task.CompletedTask;
            })
            .Send("Find a therapist")
            .AssertReplyContains("Reaching out for support is a strong step")
            .StartTestAsync();
    }
}
