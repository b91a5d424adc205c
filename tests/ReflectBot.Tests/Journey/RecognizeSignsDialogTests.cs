using System.Text.Json;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.Testing;
using ReflectBot.Journeys.Signs;
using ReflectBot.Tests.Journey.Support;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Journey;

public class RecognizeSignsDialogTests
{
    private const string Intro = "Let's look at what you've been noticing. There are no right or wrong answers here, and this isn't a test.";
    private const string Who = "Whose behaviour would you like to look at?";
    private const string Duration = "How long has this been going on?";
    private const string Talked = "Have you talked about it together, and did that change anything?";
    private const string Toll = "How much is this weighing on you right now, from 0 (hardly at all) to 10 (more than I can carry)?";
    private const string Past = "Has either of you been through something painful before, like trauma, abuse, neglect or a betrayal? You don't need to share details.";
    private const string Thanks = "Thank you for going through that with me. Here's what I heard.";
    private const string CarryOn = "Would you like to carry on and put this into an \"I feel\" statement you could share?";

    private static readonly string[] WhoTitles = ["My own", "My partner's", "Someone else close to me"];
    private static readonly string[] YesSometimesNo = ["Yes", "Sometimes", "No"];

    private static string Sign(int number, string sign, string inWhom = "in your partner") =>
        $"{number} of 10: {sign}. Do you notice this {inWhom}?";

    private static TestFlow StartSigns(TestFlow flow) => flow
        .AtMenu()
        .Send("recognise the signs")
        .AssertReply(Intro)
        .AssertChoices(Who, WhoTitles);

    /// <summary>Answers the ten signs with plain words, checking only that each question comes.</summary>
    private static TestFlow AnswerSigns(TestFlow flow, params string[] answers)
    {
        foreach (var answer in answers)
        {
            flow = flow.AssertReply(reply => Assert.Contains(" of 10: ", reply.Text, StringComparison.Ordinal)).Send(answer);
        }

        return flow;
    }

    [Fact]
    public async Task Main_path_asks_each_sign_and_reflects_back_a_persistent_heavy_pattern_with_the_therapist_offered()
    {
        using var host = new BotTestHost();
        var flow = StartSigns(host.Flow())
            .Send("My partner's")
            .AssertReply("I'll name 10 signs, one at a time. For each, just say yes, sometimes or no.")
            .AssertChoices(Sign(1, "Changing the subject or ending the talk when it turns emotional"), YesSometimesNo)
            .Send("yes")
            .AssertChoices(Sign(2, "Pulling back just when things get close"), YesSometimesNo)
            .Send("sometimes");
        flow = AnswerSigns(flow, "no", "no", "no", "no", "no", "yes", "yes", "no")
            .AssertChoices(Duration, "A few weeks", "Months", "Years")
            .Send("years")
            .AssertChoices(Talked, "Yes, it helped", "A little", "We talked, nothing changed", "We haven't talked yet")
            .Send("We talked, nothing changed")
            .AssertReply(Toll)
            .Send("8")
            .AssertChoices(Past, "Yes", "No", "Not sure", "I'd rather not say")
            .Send("no")
            .AssertReply(Thanks)
            .AssertReply("You notice 4 of the 10 signs in your partner, most clearly steering away when talk turns emotional, "
                + "disappearing into work or distractions and avoiding affection. It has been going on for years, and talking about it "
                + "hasn't changed much. It's weighing on you at about 8 out of 10. That's a lot to carry. How you're doing matters here too.")
            .AssertReply("Patterns like this often grow from something understandable. A few possibilities, not a diagnosis: "
                + "a fear of being vulnerable or rejected, a habit learned early in life of keeping a safe distance and painful experiences from the past such as trauma or betrayal.")
            .AssertChoices(
                "Because this has lasted a while despite talking and it's weighing on you a lot, a therapist could be a real support here too. Where would you like to go from here?",
                "Put it into words", "Find a therapist", "Not now");
        await flow.StartTestAsync();
    }

    /// <summary>Sends one answer per question from the who-question to the next-step offer, checking nothing.</summary>
    private static TestFlow Through(TestFlow flow, string who, string[] signs, string duration, string talked, string toll, string past)
    {
        flow = flow.Send(who).AssertReply(_ => { });
        flow = AnswerSigns(flow, signs);
        return flow.AssertReply(_ => { }).Send(duration)
            .AssertReply(_ => { }).Send(talked)
            .AssertReply(_ => { }).Send(toll)
            .AssertReply(_ => { }).Send(past);
    }

    [Fact]
    public async Task A_short_spell_that_talking_helped_gets_a_reminder_that_distance_happens_and_no_therapist_offer()
    {
        using var host = new BotTestHost();
        var flow = Through(StartSigns(host.Flow()), "me", ["a bit", "no", "no", "nope", "no", "no", "not really", "yes", "no", "no"], "a few weeks", "it helped", "three", "i'd rather not say")
            .AssertReply(Thanks)
            .AssertReply("You notice 2 of the 10 signs in yourself, most clearly disappearing into work or distractions and steering away when talk turns emotional. "
                + "It has been going on for a few weeks, and talking about it has helped. It's weighing on you at about 3 out of 10.")
            .AssertReply("Patterns like this often grow from something understandable. A few possibilities, not a diagnosis: "
                + "a fear of being vulnerable or rejected, a lot of stress and never having learned the words for feelings. "
                + "Occasional distance under stress is normal; what matters is the pattern over time.")
            .AssertChoices(CarryOn, "Put it into words", "Not now")
            .Send("not now")
            .AssertMenu(JourneyFlow.MenuAgain);
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task A_painful_past_offers_a_therapist_even_when_the_toll_is_light_and_names_that_root_first()
    {
        using var runner = new DialogRunner<RecognizeSignsDialog>();
        var flow = runner.Flow().Send("hi").AssertReply(Intro).AssertReply(_ => { });
        flow = Through(flow, "someone else", ["no", "no", "yes", "no", "no", "no", "no", "no", "no", "no"], "months", "a little", "2", "yes")
            .AssertReply(Thanks)
            .AssertReply(reply => Assert.StartsWith("You notice 1 of the 10 signs in them, most clearly warm one day and distant the next.", reply.Text))
            .AssertReply(reply => Assert.Contains("not a diagnosis: painful experiences from the past such as trauma or betrayal, a habit learned early in life", reply.Text))
            .AssertChoices(
                "Because there's something painful in the past, a therapist could be a real support here too. Where would you like to go from here?",
                "Put it into words", "Find a therapist", "Not now")
            .Send("I think I'd like a therapist")
            .Then(() =>
            {
                Assert.True(runner.Ended);
                Assert.Equal("therapist", runner.Result);
                return Task.CompletedTask;
            });
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task No_signs_at_all_says_so_gently_and_names_no_roots()
    {
        using var runner = new DialogRunner<RecognizeSignsDialog>();
        var flow = runner.Flow().Send("hi").AssertReply(Intro).AssertReply(_ => { });
        flow = Through(flow, "1", ["3", "3", "3", "3", "3", "3", "3", "3", "3", "3"], "1", "4", "0", "2")
            .AssertReply(Thanks)
            .AssertReply("None of these signs stood out in yourself right now. That's worth knowing too. "
                + "It has been going on for a few weeks, and you haven't talked about it together yet. It's weighing on you at about 0 out of 10.")
            .AssertReply("Occasional distance under stress is normal; what matters is the pattern over time.")
            .AssertChoices(CarryOn, "Put it into words", "Not now")
            .Send("yes please")
            .Then(() =>
            {
                Assert.Equal("reframe", runner.Result);
                return Task.CompletedTask;
            });
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task The_weight_question_turns_back_numbers_out_of_range_and_moves_on_after_three_tries()
    {
        using var runner = new DialogRunner<RecognizeSignsDialog>();
        var flow = runner.Flow().Send("hi").AssertReply(Intro).AssertReply(_ => { });
        flow = flow.Send("partner").AssertReply(_ => { });
        flow = AnswerSigns(flow, ["yes", "no", "no", "no", "no", "no", "no", "no", "no", "no"])
            .AssertReply(_ => { }).Send("months")
            .AssertReply(_ => { }).Send("haven't talked")
            .AssertReply(Toll)
            .Send("eleven")
            .AssertReply("A number from 0 to 10 is all I need, like 4.")
            .Send("a lot")
            .AssertReply("A number from 0 to 10 is all I need, like 4.")
            .Send("too much to say")
            .AssertChoices(Past, "Yes", "No", "Not sure", "I'd rather not say")
            .Send("not sure")
            .AssertReply(Thanks)
            .AssertReply("You notice 1 of the 10 signs in your partner, most clearly steering away when talk turns emotional. "
                + "It has been going on for months, and you haven't talked about it together yet.");
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task Teams_and_web_chat_get_one_card_of_tick_boxes_and_its_submission_counts_as_clear_yeses()
    {
        using var host = new BotTestHost(channelId: Channels.Webchat);
        var submit = new Activity
        {
            Type = ActivityTypes.Message,
            Value = JsonSerializer.SerializeToElement(new Dictionary<string, string>
            {
                ["form"] = "multiselect",
                ["avoidsVulnerability"] = "true",
                ["pullsBack"] = "false",
                ["feelsBurdened"] = "true",
            }),
        };
        var flow = host.Flow()
            .AtMenu()
            .Send("signs")
            .AssertReply(Intro)
            .AssertReply(_ => { })
            .Send("my partner")
            .AssertCard(json =>
            {
                Assert.Contains("Which of these do you notice in your partner?", json);
                Assert.Equal(10, json.Split("\"Input.Toggle\"").Length - 1);
                Assert.Contains("\"title\":\"10.\\u00A0Feeling weighed down rather than lifted by closeness\"", json);
                Assert.Contains("\"type\":\"Action.Submit\"", json);
            })
            .Send(submit)
            .AssertReply(reply => Assert.Equal(Duration, reply.Text))
            .Send("years").AssertReply(_ => { })
            .Send("a little").AssertReply(_ => { })
            .Send("5").AssertReply(_ => { })
            .Send("no")
            .AssertReply(Thanks)
            .AssertReply(reply => Assert.StartsWith(
                "You notice 2 of the 10 signs in your partner, most clearly steering away when talk turns emotional and feeling weighed down by closeness.", reply.Text));
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task On_the_card_someone_typing_can_give_numbers_or_none_and_is_asked_again_for_words_that_match_nothing()
    {
        using var runner = new DialogRunner<RecognizeSignsDialog>(Channels.Msteams);
        var flow = runner.Flow().Send("hi").AssertReply(Intro).AssertReply(_ => { })
            .Send("my partner")
            .AssertCard()
            .Send("purple elephants")
            .AssertReply("I couldn't match that to the list. Tick the ones that fit and press Done, or type their numbers, like 2 and 5. If none fit, type \"none\".")
            .Send("2, 5 and 9")
            .AssertReply(_ => { })
            .Send("years").AssertReply(_ => { })
            .Send("we haven't talked yet").AssertReply(_ => { })
            .Send("4").AssertReply(_ => { })
            .Send("no")
            .AssertReply(Thanks)
            .AssertReply(reply => Assert.StartsWith(
                "You notice 3 of the 10 signs in your partner, most clearly pulling back when things get close, keeping plans and labels vague and avoiding affection.", reply.Text));
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task Help_at_a_sign_question_explains_and_asks_the_same_sign_again()
    {
        using var host = new BotTestHost();
        var flow = StartSigns(host.Flow())
            .Send("partner")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("yes")
            .AssertChoices(Sign(2, "Pulling back just when things get close"), YesSometimesNo)
            .Send("help")
            .AssertReplyContains("Here's how I can help")
            .AssertChoices(Sign(2, "Pulling back just when things get close"), YesSometimesNo)
            .Send("sometimes")
            .AssertChoices(Sign(3, "Warm one day, distant the next, so it's hard to know where you stand"), YesSometimesNo);
        await flow.StartTestAsync();
    }

    [Theory]
    [InlineData("cancel", "Okay, we'll leave that there.")]
    [InlineData("start over", "Sure, let's start fresh.")]
    public async Task Cancel_or_start_over_in_the_middle_leaves_the_signs_for_the_menu(string command, string acknowledgement)
    {
        using var host = new BotTestHost();
        var flow = StartSigns(host.Flow())
            .Send("partner")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send(command)
            .AssertReply(acknowledgement)
            .AssertReplyContains(JourneyFlow.Menu)
            .Send("signs")
            .AssertReply(Intro);
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task Menu_at_the_weight_question_shows_the_menu()
    {
        using var host = new BotTestHost();
        var flow = StartSigns(host.Flow()).Send("me").AssertReply(_ => { });
        flow = AnswerSigns(flow, ["no", "no", "no", "no", "no", "no", "no", "no", "no", "no"])
            .AssertReply(_ => { }).Send("weeks")
            .AssertReply(_ => { }).Send("a little")
            .AssertReply(Toll)
            .Send("menu")
            .AssertReplyContains(JourneyFlow.Menu);
        await flow.StartTestAsync();
    }
}
