using ReflectBot.Framework.Schema;
using ReflectBot.Journeys.Learn;
using ReflectBot.Tests.Journey;
using ReflectBot.Tests.Support;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Tests.Understanding;

/// <summary>
/// Issue 13 as a person would meet it: plain words at the menu and inside a question, details from the first
/// sentence, questions answered from learn.yaml, and crisis screening still first.
/// </summary>
public sealed class UnderstandingConversationTests
{
    private const string WhoPrompt = "Whose behaviour would you like to look at?";
    private static SmallTalkContent Talk => RecognitionFixture.SmallTalk;
    private static LearnContent Learn => RecognitionFixture.Learn;

    [Fact]
    public async Task Hi_and_thanks_at_the_menu_get_a_warm_reply_and_the_menu_again()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("hi").AssertReply(Talk.Greeting.Reply).AssertMenu(JourneyFlow.Menu)
            .Send("thank you!!").AssertReply(Talk.Thanks.Reply).AssertMenu(JourneyFlow.Menu)
            .Send("what can you do?").AssertReply(Talk.Capabilities.Reply).AssertMenu(JourneyFlow.Menu)
            .Send("this bot is rubbish").AssertReply(Talk.Frustration.Reply).AssertMenu(JourneyFlow.Menu)
            .StartTestAsync();
    }

    [Fact]
    public async Task A_question_at_the_menu_is_answered_from_learn_yaml_and_the_fitting_journey_is_offered()
    {
        var causes = Learn.Find("causes")!;
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("what causes emotional unavailability?")
            .AssertReply(causes.Answer)
            .AssertChoices(causes.OfferText!, Learn.OfferYes, Learn.OfferNo)
            .Send(Learn.OfferYes)
            .AssertReplyContains("Let's look at what you've been noticing")
            .AssertReply(WhoPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task Learn_is_on_the_menu_and_a_question_it_cannot_answer_gets_an_honest_no_and_the_topics()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("7").AssertReply(Learn.Intro)
            .Send("how do I rebuild the gearbox on a 2004 ford focus?")
            .AssertReply(reply =>
            {
                Assert.StartsWith(Learn.NoMatch.Text, reply.Text);
                Assert.All(Learn.NoMatch.Topics, topic => Assert.Contains(topic, reply.Text));
            })
            .AssertReply(Learn.AskMore)
            .Send("no thanks").AssertReply(Learn.Done).AssertMenu(JourneyFlow.MenuAgain)
            .StartTestAsync();
    }

    [Fact]
    public async Task The_first_sentence_says_whose_behaviour_so_the_signs_do_not_ask()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("I think my boyfriend is emotionally unavailable")
            .AssertReplyContains("Let's look at what you've been noticing")
            .AssertReplyContains("I'll name")
            .AssertReply(reply => Assert.Contains("your partner", reply.Text))
            .StartTestAsync();
    }

    [Fact]
    public async Task The_first_sentence_gives_the_rehearsal_topic_and_the_plan_aim_or_step()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("help me practise talking to my husband about couples therapy")
            .AssertReplyContains("Let's practise")
            .AssertReply(reply => Assert.Equal("When things get hard, how does your partner tend to react?", reply.Text))
            .Send("menu").AssertMenu(JourneyFlow.Menu)
            .Send("help me figure out small steps to get closer")
            .AssertReplyContains("small steps")
            .AssertReply(reply => Assert.Equal("Time together without screens", reply.SuggestedActions?.Actions[0].Title))
            .Send("menu").AssertMenu(JourneyFlow.Menu)
            .Send("i want to start doing weekly check ins with my partner")
            .AssertReplyContains("small steps")
            .AssertReplyStarts("Regular check-ins: what exactly will you do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Inside_a_question_small_talk_is_answered_and_the_question_comes_back()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("signs").AssertReplyContains("Let's look").AssertReply(WhoPrompt)
            .Send("thanks").AssertReply(Talk.Thanks.InPrompt).AssertReply(WhoPrompt)
            .Send("hello?").AssertReply(Talk.Greeting.InPrompt).AssertReply(WhoPrompt)
            .Send("is this private").AssertReplyContains("share nothing").AssertReply(WhoPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task I_dont_know_gets_the_gentler_question_with_its_buttons_and_a_second_time_leaves_it()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("signs").AssertReplyContains("Let's look").AssertReply(WhoPrompt)
            .Send("idk").AssertReply(reply =>
            {
                Assert.Equal(Talk.DontKnow.For("signs", "who"), reply.Text);
                Assert.Equal(3, reply.SuggestedActions?.Actions.Count);
            })
            .Send("i really dont know").AssertReply(Talk.DontKnow.Again).AssertMenu(JourneyFlow.Menu)
            .StartTestAsync();
    }

    [Fact]
    public async Task Asking_for_another_conversation_mid_question_asks_first_and_no_carries_on()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("signs").AssertReplyContains("Let's look").AssertReply(WhoPrompt)
            .Send("I want to tell my wife I feel lonely but I don't know how")
            .AssertReply(reply => Assert.Equal("Would you like to leave this and go to \"Say it with \"I feel\"\" instead?", reply.Text))
            .Send(Talk.Switch.No).AssertReply(WhoPrompt)
            .Send("I want to tell my wife I feel lonely but I don't know how")
            .AssertReply(_ => { })
            .Send(Talk.Switch.Yes).AssertReplyContains("Let's find words")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_question_mid_question_is_answered_and_the_question_comes_back()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("signs").AssertReplyContains("Let's look").AssertReply(WhoPrompt)
            .Send("what is stonewalling?").AssertReply(Learn.Find("stonewalling")!.Answer).AssertReply(WhoPrompt)
            .StartTestAsync();
    }

    [Fact]
    public async Task Goodbye_ends_kindly_keeps_what_was_saved_and_the_next_message_starts_fresh()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("signs").AssertReplyContains("Let's look").AssertReply(WhoPrompt)
            .Send("ok bye").AssertReply(Talk.Goodbye.InPrompt)
            .Send("hey").AssertMenu(JourneyFlow.Menu)
            .StartTestAsync();
    }

    [Fact]
    public async Task Something_out_of_scope_gets_an_honest_reply_and_plain_stop_words_leave_the_question()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("can you recommend a good lasagne recipe").AssertReply(Talk.OutOfScope.Reply).AssertMenu(JourneyFlow.Menu)
            .Send("signs").AssertReplyContains("Let's look").AssertReply(WhoPrompt)
            .Send("can we stop this").AssertReply("Okay, we'll leave that there.").AssertMenu(JourneyFlow.Menu)
            .StartTestAsync();
    }

    [Fact]
    public async Task Someone_describing_their_situation_is_heard_and_offered_a_way_on()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("my husband barely talks to me anymore and i feel invisible")
            .AssertReply(Talk.ShareSituation.Reply)
            .AssertReply(reply => Assert.Equal(Talk.ShareSituation.OfferPrompt, reply.Text))
            .Send("1").AssertReplyContains("Let's look")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_crisis_inside_the_learn_conversation_is_still_answered_first()
    {
        using var host = new BotTestHost();
        await host.Flow().AtMenu()
            .Send("Learn about emotional distance").AssertReply(Learn.Intro)
            .Send("i want to kill myself").AssertReply(reply => Assert.Contains("988", reply.Text ?? JourneyFlow.CardJson(reply.Sent)))
            .StartTestAsync();
    }

    /// <summary>
    /// Every reply the Learn conversation gives to the development questions is text from learn.yaml: an entry's
    /// answer or offer, the "which one?" choices (entry titles), or the honest no-match list. Nothing else is said.
    /// </summary>
    [Fact]
    public async Task Learn_answers_say_only_what_the_knowledge_base_holds()
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { Learn.DidYouMean, Learn.AskMore, Learn.Done };
        foreach (var entry in Learn.Entries)
        {
            known.Add(entry.Answer);
            if (entry.OfferText is not null)
            {
                known.Add(entry.OfferText);
            }
        }

        var noMatch = Learn.NoMatch.Text + "\n\n" + string.Join("\n", Learn.NoMatch.Topics.Select(t => "- " + t)) + "\n\n" + Learn.NoMatch.After;
        known.Add(noMatch);
        var titles = Learn.Entries.Select(e => e.Title).Append(Learn.SomethingElse).ToHashSet(StringComparer.Ordinal);

        var questions = UtteranceSet.Read(UtteranceSet.DevelopmentPath).Where(u => u.Intent == IntentNames.LearnQuestion).Select(u => u.Text).ToList();
        using var host = new BotTestHost();
        var adapter = host.Adapter;
        await adapter.SendTextToBotAsync("Learn about emotional distance", host.Bot.OnTurnAsync);
        while (adapter.GetNextReply() is not null)
        {
        }

        var answered = 0;
        var screened = 0;
        var safetyEvents = SafetyEvents(host);
        foreach (var question in questions)
        {
            await adapter.SendTextToBotAsync(question, host.Bot.OnTurnAsync);
            var replies = new List<Activity>();
            while (adapter.GetNextReply() is { } reply)
            {
                replies.Add(reply);
            }

            Assert.NotEmpty(replies);

            // Safety screening answered this one first (a check-in or a crisis reply), or another conversation took it
            // ("do I need therapy?" opens the therapist conversation): not Learn's to say. Back to Learn.
            if (SafetyEvents(host) > safetyEvents || !replies.Any(r => r.Text is { } text && (known.Contains(text) && text != Learn.AskMore)))
            {
                safetyEvents = SafetyEvents(host);
                screened++;
                foreach (var message in new[] { "menu", "Learn about emotional distance" })
                {
                    await adapter.SendTextToBotAsync(message, host.Bot.OnTurnAsync);
                    while (adapter.GetNextReply() is not null)
                    {
                    }
                }

                continue;
            }

            foreach (var reply in replies.Where(r => r.Text is not null))
            {
                Assert.True(known.Contains(reply.Text!), $"'{question}' got a reply that is not in learn.yaml: {reply.Text}");
                foreach (var action in reply.SuggestedActions?.Actions ?? [])
                {
                    Assert.True(titles.Contains(action.Title!) || action.Title == Learn.OfferYes || action.Title == Learn.OfferNo, $"'{question}' offered '{action.Title}'");
                }
            }

            answered += replies.Count(r => Learn.Entries.Any(e => e.Answer == r.Text));

            // Back to asking: decline an offer or a "which one?" list, whichever is waiting.
            var last = replies[^1].Text;
            if (last != Learn.AskMore)
            {
                await adapter.SendTextToBotAsync(last == Learn.DidYouMean ? Learn.SomethingElse : Learn.OfferNo, host.Bot.OnTurnAsync);
                while (adapter.GetNextReply() is not null)
                {
                }
            }
        }

        Assert.True(answered > questions.Count * 0.8, $"only {answered} of {questions.Count} questions were answered");
        Assert.True(screened < questions.Count / 10, $"{screened} questions were taken by safety screening or another conversation");
    }

    private static int SafetyEvents(BotTestHost host) => host.Logs.Lines.Count(l => l.Contains("Safety event", StringComparison.Ordinal));
}
