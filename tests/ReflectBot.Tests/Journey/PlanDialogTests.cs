using ReflectBot.Framework.Schema;
using ReflectBot.Journeys.Plan;
using ReflectBot.Tests.Journey.Support;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Journey;

public class PlanDialogTests
{
    private const string Intro = "Let's pick one to three small steps. Small and specific beats big and vague.";
    private const string When = "When will you do it? For example \"Sunday evening\" or \"after dinner tomorrow\".";
    private const string Obstacle = "What might get in the way? If nothing comes to mind, that's fine too.";
    private const string Saved = "I've saved this plan to your toolkit. Type \"my toolkit\" any time to see it again.";
    private const string Closing = "Change is gradual, so be kind to yourself along the way. Every small step counts.";

    private static readonly string[] AllStrategies =
    [
        "Notice my own patterns", "Open up in small steps", "Talk openly, without blame", "Regular check-ins", "Keep small promises",
        "Time together without screens", "Show appreciation", "Set a clear, kind boundary", "Look after myself",
        "Be patient and notice small wins", "Look into professional help",
    ];

    private static BotTestHost NewHost(string channelId = Channels.TestButtons) =>
        new(channelId: channelId, configureServices: FixedClock.On(FixedClock.Wednesday));

    [Fact]
    public async Task Main_path_plans_two_steps_with_recognised_and_free_whens_shows_the_plan_and_saves_it()
    {
        using var host = NewHost();
        var flow = host.Flow()
            .AtMenu()
            .Send("plan next steps")
            .AssertReply(Intro)
            .AssertChoices("Which would you like to try?", AllStrategies)
            .Send("check ins")
            .AssertReply("Regular check-ins: what exactly will you do? For example, ten minutes to ask each other how the week felt.")
            .Send("ten minutes on the sofa to ask how the week felt")
            .AssertReply(When)
            .Send("Sunday evening")
            .AssertReply("Got it: Sunday 15 November, 7:00 PM.")
            .AssertReply(Obstacle)
            .Send("we might be too tired")
            .AssertChoices("Would you like to add another step? There's room for 2 more.", "Add another", "That's enough")
            .Send("yes")
            .AssertChoices("Which would you like to add?", AllStrategies.Where(s => s != "Regular check-ins").ToArray())
            .Send("show appreciation")
            .AssertReply("Show appreciation: what exactly will you do? For example, say one thing I'm grateful for each day.")
            .Send("thank them for one thing every day")
            .AssertReply(When)
            .Send("whenever it fits")
            .AssertReply("Okay, I'll note it as \"whenever it fits\".")
            .AssertReply(Obstacle)
            .Send("forgetting")
            .AssertReply(_ => { })
            .Send("that's enough")
            .AssertReply("Here's your plan.\n\nMy next steps"
                + "\n\n1. Regular check-ins\nWhat: ten minutes on the sofa to ask how the week felt\nWhen: Sunday evening (Sunday 15 November, 7:00 PM)\nMight get in the way: we might be too tired"
                + "\n\n2. Show appreciation\nWhat: thank them for one thing every day\nWhen: whenever it fits\nMight get in the way: forgetting")
            .AssertReply(Saved)
            .AssertReply(Closing)
            .AssertReplyContains(JourneyFlow.MenuAgain);
        await flow.StartTestAsync();

        var profile = await SavedProfile.ReadAsync(host.Storage);
        var plan = Assert.Single(profile.Toolkit.Plans);
        Assert.Equal(FixedClock.Wednesday, plan.SavedAt);
        Assert.Equal(["checkIns", "appreciation"], plan.Steps.Select(s => s.Strategy));
        Assert.Equal(new DateTimeOffset(2026, 11, 15, 19, 0, 0, TimeSpan.Zero), plan.Steps[0].WhenResolved);
        Assert.Equal("whenever it fits", plan.Steps[1].When);
        Assert.Null(plan.Steps[1].WhenResolved);
        Assert.Equal("forgetting", plan.Steps[1].Obstacle);
    }

    [Fact]
    public async Task Three_steps_fill_the_plan_without_asking_for_a_fourth()
    {
        using var runner = new DialogRunner<PlanDialog>(configureServices: FixedClock.On(FixedClock.Wednesday));
        var flow = runner.Flow()
            .Send("hi").AssertReply(Intro).AssertReply(_ => { })
            .Send("1").AssertReply(_ => { }).Send("journal after arguments").AssertReply(When).Send("tonight")
            .AssertReply("Got it: Wednesday 11 November, 8:00 PM.").AssertReply(Obstacle).Send("nothing")
            .AssertReply("Would you like to add another step? There's room for 2 more.")
            .Send("add another")
            .AssertReply(_ => { }).Send("the last one").AssertReply(reply => Assert.StartsWith("Look into professional help: ", reply.Text))
            .Send("look up two therapists").AssertReply(When).Send("next week")
            .AssertReply("Got it: Monday 16 November.").AssertReply(Obstacle).Send("cost")
            .AssertReply("Would you like to add another step? There's room for 1 more.")
            .Send("one more")
            .AssertReply(_ => { }).Send("look after myself").AssertReply(_ => { })
            .Send("a walk").AssertReply(When).Send("after dinner tomorrow")
            .AssertReply("Got it: Thursday 12 November, 8:00 PM.").AssertReply(Obstacle).Send("rain")
            .AssertReply(reply => Assert.StartsWith("Here's your plan.", reply.Text))
            .AssertReply(Saved)
            .AssertReply(Closing)
            .Then(() =>
            {
                Assert.True(runner.Ended);
                Assert.Null(runner.Result);
                return Task.CompletedTask;
            });
        await flow.StartTestAsync();

        var plan = Assert.Single((await SavedProfile.ReadAsync(runner.Host.Storage)).Toolkit.Plans);
        Assert.Equal(["selfAwareness", "professionalHelp", "selfCare"], plan.Steps.Select(s => s.Strategy));
    }

    [Fact]
    public async Task The_when_is_read_in_the_time_zone_the_channel_reports()
    {
        using var runner = new DialogRunner<PlanDialog>(configureServices: FixedClock.On(FixedClock.Wednesday));
        var inTokyo = new Activity { Type = ActivityTypes.Message, Text = "tomorrow at 7pm", LocalTimezone = "Asia/Tokyo" };
        var flow = runner.Flow()
            .Send("hi").AssertReply(_ => { }).AssertReply(_ => { })
            .Send("2").AssertReply(_ => { }).Send("tell them about my day").AssertReply(When)
            .Send(inTokyo)
            .AssertReply("Got it: Friday 13 November, 7:00 PM.", "15:30 UTC on Wednesday is already Thursday in Tokyo");
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task Words_that_pick_no_strategy_are_asked_again_and_teams_gets_the_plan_as_a_card()
    {
        using var host = NewHost(Channels.Msteams);
        var flow = host.Flow()
            .AtMenu()
            .Send("plan")
            .AssertReply(Intro)
            .AssertCard(json => Assert.Contains("Which would you like to try?", json))
            .Send("purple elephants")
            .AssertCard(json => Assert.Contains("Pick one from the list, or type its number.", json))
            .Send("boundaries")
            .AssertReply("Set a clear, kind boundary: what exactly will you do? For example, say kindly that I need an hour to myself after work.")
            .Send("ask for an hour to myself after work")
            .AssertReply(When)
            .Send("Friday after work")
            .AssertReply("Got it: Friday 13 November, 6:00 PM.")
            .AssertReply(Obstacle)
            .Send("feeling guilty")
            .AssertCard()
            .Send("no")
            .AssertReply(reply =>
            {
                Assert.Equal("Here's your plan.", reply.Text);
                var json = JourneyFlow.CardJson(reply.Sent);
                Assert.Contains("My next steps", json);
                // A no-break space after "1." keeps Markdown renderers from turning the heading into a list.
                Assert.Contains("1.\\u00A0Set a clear, kind boundary", json); // the JSON text escapes the no-break space
                Assert.Contains("When: Friday after work (Friday 13 November, 6:00 PM)", json);
            })
            .AssertReply(Saved);
        await flow.StartTestAsync();
    }

    [Theory]
    [InlineData("cancel", "Okay, we'll leave that there.")]
    [InlineData("start over", "Sure, let's start fresh.")]
    public async Task Cancel_or_start_over_at_the_when_question_saves_nothing(string command, string acknowledgement)
    {
        using var host = NewHost();
        var flow = host.Flow()
            .AtMenu()
            .Send("plan").AssertReply(Intro).AssertReply(_ => { })
            .Send("3").AssertReply(_ => { }).Send("say how I feel").AssertReply(When)
            .Send(command)
            .AssertReply(acknowledgement)
            .AssertReplyContains(JourneyFlow.Menu);
        await flow.StartTestAsync();

        Assert.Empty((await SavedProfile.ReadAsync(host.Storage)).Toolkit.Plans);
    }

    [Fact]
    public async Task Help_at_the_obstacle_question_asks_it_again()
    {
        using var host = NewHost();
        var flow = host.Flow()
            .AtMenu()
            .Send("plan").AssertReply(Intro).AssertReply(_ => { })
            .Send("3").AssertReply(_ => { }).Send("say how I feel").AssertReply(When)
            .Send("Saturday").AssertReply("Got it: Saturday 14 November.").AssertReply(Obstacle)
            .Send("how does this work?")
            .AssertReplyContains("Here's how I can help")
            .AssertReply(Obstacle)
            .Send("menu")
            .AssertReplyContains(JourneyFlow.Menu);
        await flow.StartTestAsync();
    }
}
