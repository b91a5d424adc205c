using ReflectBot.Framework.Schema;
using ReflectBot.Journeys.Reframe;
using ReflectBot.Tests.Journey.Support;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Journey;

public class ReframeDialogTests
{
    private const string Intro = "Let's find words that help them hear you.";
    private const string Draft = "Write what you'd like to say to them, just as it comes. Nobody else will see it.";
    private const string Observation = "First, what happened? Describe one moment the way a camera would see it, for example \"when we eat dinner with our phones out\".";
    private const string Feeling = "How do you feel when that happens? Pick the closest, or type your own word.";
    private const string Need = "What matters to you underneath it? Pick one, or say it in your own words.";
    private const string Request = "Last part: what could they do? Something small and specific they could say yes to, like \"could we take ten minutes after dinner to talk\".";
    private const string Review = "Would you like to save it, or change one part first?";
    private const string MovingOn = "Thank you, this part is hard. Let's keep your words and go on.";

    private static readonly string[] Families = ["Sad", "Scared", "Angry", "Tired", "Confused", "Exposed", "Hopeful", "Tender", "At peace"];
    private static readonly string[] NeedGroups = ["Connection", "Being understood", "Trust", "Respect", "Freedom", "Ease", "Growth"];
    private static readonly string[] ReviewChoices = ["Save it", "Change what happened", "Change the feeling", "Change the need", "Change the request"];

    private static string Statement(string text) => $"Here it is, all together:\n\nMy \"I feel\" statement\n\n{text}";

    private static DialogRunner<ReframeDialog> NewRunner(string channelId = Channels.TestButtons) =>
        new(channelId, FixedClock.On(FixedClock.Wednesday));

    /// <summary>Starts the dialog on its own and answers the draft with <paramref name="draft"/>, skipping the notes.</summary>
    private static TestFlow Begin(DialogRunner<ReframeDialog> runner, string draft = "I miss you") => runner.Flow()
        .Send("hi").AssertReply(Intro).AssertReply(Draft)
        .Send(draft).AssertReply(_ => { }).AssertReply(Observation);

    [Fact]
    public async Task Main_path_notices_blame_builds_the_statement_step_by_step_saves_it_and_hands_over_to_planning()
    {
        using var host = new BotTestHost(configureServices: FixedClock.On(FixedClock.Wednesday));
        var flow = host.Flow()
            .AtMenu()
            .Send("help me say something")
            .AssertReply(Intro)
            .AssertReply(Draft)
            .Send("You never listen to me and you're always on your phone")
            .AssertReply("Here's what I noticed:"
                + "\n• “You never” puts the spotlight on them. Starting from “I” keeps it on what you feel."
                + "\n• “you're always” can sound like a verdict, and verdicts get defended. What happened, just once, and how did it feel?"
                + "\n\nLet's shape it together, one part at a time.")
            .AssertReply(Observation)
            .Send("when you ignore me all the time")
            .AssertReply("“ignore” is how it felt, not quite what happened. What did they do, exactly?")
            .Send("When you're on your phone at dinner.")
            .AssertChoices(Feeling, Families)
            .Send("ignored")
            .AssertChoices("“ignored” says what they did. Underneath it, do you feel lonely, sad or hurt?", "lonely", "sad", "hurt")
            .Send("lonely")
            .AssertChoices("Often what matters underneath is one of these. Does one fit? Or say it in your own words.", "attention", "to matter", "connection")
            .Send("3")
            .AssertReply(Request)
            .Send("stop being so cold")
            .AssertReply("“being so cold” is about who they are, and that's hard to change in a day. What could they do?")
            .Send("put our phones away during dinner")
            .AssertReply(Statement("I feel lonely when you're on your phone at dinner, because I need connection. Would you be willing to put our phones away during dinner?"))
            .AssertChoices(Review, ReviewChoices)
            .Send("save it")
            .AssertReply("Saved to your toolkit. Type \"my toolkit\" any time to find it again.")
            .AssertChoices("Would you like to plan a next step, like when you might say it?", "Plan a next step", "Not now")
            .Send("yes")
            .AssertReply("Let's pick one to three small steps. Small and specific beats big and vague.");
        await flow.StartTestAsync();

        var saved = Assert.Single((await SavedProfile.ReadAsync(host.Storage)).Toolkit.Statements);
        Assert.Equal("I feel lonely when you're on your phone at dinner, because I need connection. Would you be willing to put our phones away during dinner?", saved.Text);
        Assert.Equal("you're on your phone at dinner", saved.Observation);
        Assert.Equal("lonely", saved.Feeling);
        Assert.Equal("connection", saved.Need);
        Assert.Equal(FixedClock.Wednesday, saved.SavedAt);
    }

    [Fact]
    public async Task A_gentle_draft_is_recognised_and_a_family_then_a_word_and_a_need_group_build_the_statement()
    {
        using var runner = NewRunner();
        var flow = runner.Flow()
            .Send("hi").AssertReply(Intro).AssertReply(Draft)
            .Send("I miss talking with you in the evenings")
            .AssertReply("That already sounds gentle. Starting with “I” keeps this about your experience. That helps.\n\nLet's shape it together, one part at a time.")
            .AssertReply(Observation)
            .Send("we eat dinner with our phones out")
            .AssertChoices(Feeling, Families)
            .Send("sad")
            .AssertChoices("Which of these fits best? You can also type another word.", "sad", "lonely", "hurt", "disappointed", "heartbroken", "down", "low", "empty")
            .Send("the second one")
            .AssertChoices(Need, NeedGroups)
            .Send("connection")
            .AssertReply(reply => Assert.Equal("Which of these is closest? You can also type your own.", reply.Text))
            .Send("closeness")
            .AssertReply(Request)
            .Send("could we put our phones away at dinner")
            .AssertReply(Statement("I feel lonely when we eat dinner with our phones out, because I need closeness. Could we put our phones away at dinner?"))
            .AssertReply(_ => { })
            .Send("save")
            .AssertReply(_ => { }).AssertReply(_ => { })
            .Send("not now")
            .Then(() =>
            {
                Assert.Equal("menu", runner.Result);
                return Task.CompletedTask;
            });
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task The_observation_moves_on_kindly_after_three_tries_that_still_judge()
    {
        using var runner = NewRunner();
        var flow = Begin(runner)
            .Send("when you're so selfish")
            .AssertReply(reply => Assert.StartsWith("“you're so selfish” is about who they are.", reply.Text))
            .Send("when you ignore me")
            .AssertReply("“ignore” is how it felt, not quite what happened. What did they do, exactly?")
            .Send("when you never ask about my day")
            .AssertReply(MovingOn)
            .AssertChoices(Feeling, Families)
            .Send("hurt")
            .AssertChoices(Need, NeedGroups)
            .Send("to be heard")
            .AssertReply(Request)
            .Send("Could you ask me about my day when you get home?")
            .AssertReply(Statement("I feel hurt when you never ask about my day, because I need to be heard. Could you ask me about my day when you get home?"));
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task A_thought_dressed_as_a_feeling_gets_suggestions_and_typed_words_of_ones_own_are_kept()
    {
        using var runner = NewRunner();
        var flow = Begin(runner)
            .Send("when you cancel our plans")
            .AssertChoices(Feeling, Families)
            .Send("that you don't care")
            .AssertChoices(
                "“that you don't care” sounds more like a thought than a feeling. When you think it, what do you feel? Maybe lonely, hurt, sad, worried or frustrated?",
                "lonely", "hurt", "sad", "worried", "frustrated")
            .Send("gutted")
            .AssertChoices(Need, NeedGroups)
            .Send("because I need to know I matter to you")
            .AssertReply(Request)
            .Send("be more loving")
            .AssertReply("“be more loving” could mean many things. What would it look like, and when?")
            .Send("tell me a day ahead when plans change")
            .AssertReply(Statement("I feel gutted when you cancel our plans, because I need to know I matter to you. Would you be willing to tell me a day ahead when plans change?"));
        await flow.StartTestAsync();
    }

    [Fact]
    public async Task One_part_can_be_changed_before_saving_and_the_statement_is_shown_again()
    {
        using var runner = NewRunner();
        var flow = Begin(runner)
            .Send("we eat dinner with our phones out").AssertReply(_ => { })
            .Send("lonely").AssertReply(_ => { })
            .Send("closeness").AssertReply(Request)
            .Send("could we eat without phones on Sunday")
            .AssertReply(Statement("I feel lonely when we eat dinner with our phones out, because I need closeness. Could we eat without phones on Sunday?"))
            .AssertChoices(Review, ReviewChoices)
            .Send("change the request")
            .AssertReply(Request)
            .Send("could we eat without phones twice a week?")
            .AssertReply(Statement("I feel lonely when we eat dinner with our phones out, because I need closeness. Could we eat without phones twice a week?"))
            .AssertChoices(Review, ReviewChoices)
            .Send("4")
            .AssertChoices(Need, NeedGroups)
            .Send("connection")
            .AssertReply(_ => { })
            .Send("1")
            .AssertReply(Statement("I feel lonely when we eat dinner with our phones out, because I need connection. Could we eat without phones twice a week?"))
            .AssertReply(_ => { })
            .Send("looks good")
            .AssertReply(_ => { })
            .AssertReply(_ => { });
        await flow.StartTestAsync();

        var saved = Assert.Single((await SavedProfile.ReadAsync(runner.Host.Storage, userId: "user1")).Toolkit.Statements);
        Assert.Equal("connection", saved.Need);
        Assert.Equal("Could we eat without phones twice a week?", saved.Request);
    }

    [Fact]
    public async Task Teams_shows_the_statement_as_an_adaptive_card()
    {
        using var runner = NewRunner(Channels.Msteams);
        var flow = runner.Flow()
            .Send("hi").AssertReply(Intro).AssertReply(Draft)
            .Send("I feel alone lately").AssertReply(_ => { }).AssertReply(Observation)
            .Send("we go to bed at different times").AssertCard()
            .Send("lonely").AssertCard()
            .Send("closeness").AssertReply(Request)
            .Send("could we go to bed together on Fridays?")
            .AssertReply(reply =>
            {
                Assert.Equal("Here it is, all together:", reply.Text);
                var json = JourneyFlow.CardJson(reply.Sent);
                Assert.Contains("My \\\"I feel\\\" statement", json);
                Assert.Contains("I feel lonely when we go to bed at different times, because I need closeness. Could we go to bed together on Fridays?", json);
            })
            .AssertCard(json => Assert.Contains("Change the feeling", json));
        await flow.StartTestAsync();
    }

    [Theory]
    [InlineData("cancel", "Okay, we'll leave that there.")]
    [InlineData("start over", "Sure, let's start fresh.")]
    public async Task Cancel_or_start_over_at_the_feeling_leaves_without_saving(string command, string acknowledgement)
    {
        using var host = new BotTestHost();
        var flow = host.Flow()
            .AtMenu()
            .Send("reframe").AssertReply(Intro).AssertReply(Draft)
            .Send("you never call").AssertReply(_ => { }).AssertReply(Observation)
            .Send("you didn't call yesterday").AssertChoices(Feeling, Families)
            .Send(command)
            .AssertReply(acknowledgement)
            .AssertMenu(JourneyFlow.Menu);
        await flow.StartTestAsync();

        Assert.Empty((await SavedProfile.ReadAsync(host.Storage)).Toolkit.Statements);
    }

    [Fact]
    public async Task Help_and_my_toolkit_at_the_request_ask_the_request_again()
    {
        using var host = new BotTestHost();
        var flow = host.Flow()
            .AtMenu()
            .Send("reframe").AssertReply(Intro).AssertReply(Draft)
            .Send("I feel far away from you").AssertReply(_ => { }).AssertReply(Observation)
            .Send("we haven't talked properly this week").AssertReply(_ => { })
            .Send("distant").AssertReply(_ => { })
            .Send("closeness").AssertReply(Request)
            .Send("help")
            .AssertReplyContains("Here's how I can help")
            .AssertReply(Request)
            .Send("my toolkit")
            .AssertReply("Your toolkit is empty for now. \"I feel\" statements and plans you save will wait for you here.")
            .AssertReply(Request);
        await flow.StartTestAsync();
    }
}
