using ReflectBot.Content;
using ReflectBot.Framework.Testing;
using ReflectBot.Journeys.Rehearse;

namespace ReflectBot.Tests.Rehearsal;

public class RehearsalDialogTests
{
    public static TheoryData<string> Styles => new() { "withdrawn", "defensive", "dismissive", "open" };

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Gentle_lines_open_the_partner_up_and_harsh_lines_then_shut_them_down(string style)
    {
        using var host = RehearsalHarness.Host();
        var heard = new List<(PartnerLine Line, PartnerStage Stage)>();
        var flow = host.StartRehearsal(style);
        foreach (var line in Lines.Gentle)
        {
            flow = flow.SayLine(host, style, line, heard);
        }

        foreach (var line in Lines.Harsh)
        {
            flow = flow.SayLine(host, style, line, heard);
        }

        await flow.StartTestAsync();

        var stages = heard.Select(h => h.Stage).ToList();
        var start = host.Get<RehearsalContent>().StageFor(host.Get<RehearsalContent>().StyleOf(style).Start);
        Assert.True(stages[0] >= start, $"a gentle first line never closes them further: {string.Join(", ", stages)}");
        Assert.Equal(PartnerStage.Open, stages[2]);
        Assert.True(stages.Take(3).Zip(stages.Skip(1).Take(2)).All(p => p.First <= p.Second), string.Join(", ", stages));
        Assert.Equal(PartnerStage.Closed, stages[5]);
        Assert.True(stages.Skip(3).Zip(stages.Skip(4)).All(p => p.First >= p.Second), string.Join(", ", stages));
        Assert.True(stages[3] < PartnerStage.Open, "the first harsh line already lands");
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Harsh_lines_shut_the_partner_down_and_gentle_lines_then_open_them_up(string style)
    {
        using var host = RehearsalHarness.Host();
        var heard = new List<(PartnerLine Line, PartnerStage Stage)>();
        var flow = host.StartRehearsal(style);
        foreach (var line in Lines.Harsh.Concat(Lines.Gentle))
        {
            flow = flow.SayLine(host, style, line, heard);
        }

        await flow.StartTestAsync();

        var stages = heard.Select(h => h.Stage).ToList();
        Assert.Equal(PartnerStage.Closed, stages[2]);
        Assert.True(stages[3] > PartnerStage.Closed, $"the first gentle line already lands: {string.Join(", ", stages)}");
        Assert.Equal(PartnerStage.Open, stages[5]);
    }

    [Fact]
    public async Task An_open_partner_visibly_pulls_back_after_a_harsh_line()
    {
        using var host = RehearsalHarness.Host();
        var content = host.Get<RehearsalContent>();
        await host.StartRehearsal("open")
            .Send(Lines.Harsh[0])
            .AssertReply(reply =>
            {
                Assert.True(host.PartnerLineIn(reply.Sent, "open").Stage < PartnerStage.Open);
                Assert.Contains(content.Shifts.Cooler, shift => reply.Text!.EndsWith(shift, StringComparison.Ordinal));
            })
            .AssertReply(reply => Assert.Contains("You're so selfish", reply.Text), "the tip quotes what hurts most: the label")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_withdrawn_partner_visibly_softens_after_a_gentle_line()
    {
        using var host = RehearsalHarness.Host();
        var content = host.Get<RehearsalContent>();
        await host.StartRehearsal("withdrawn")
            .Send(Lines.Gentle[0])
            .AssertReply(reply =>
            {
                Assert.True(host.PartnerLineIn(reply.Sent, "withdrawn").Stage > PartnerStage.Closed);
                Assert.Contains(content.Shifts.Warmer, shift => reply.Text!.EndsWith(shift, StringComparison.Ordinal));
            })
            .AssertReply(reply => Assert.StartsWith("Tip: ", reply.Text))
            .StartTestAsync();
    }

    [Fact]
    public async Task The_scorecard_counts_the_lines_sent_and_can_be_saved_to_the_toolkit()
    {
        using var host = RehearsalHarness.Host();
        var content = host.Get<RehearsalContent>();
        var heard = new List<(PartnerLine Line, PartnerStage Stage)>();
        await host.StartRehearsal("defensive")
            .SayLine(host, "defensive", Lines.Gentle[0], heard)    // I, request
            .SayLine(host, "defensive", Lines.Harsh[0], heard)     // blame
            .SayLine(host, "defensive", Lines.Soft, heard)         // I
            .SayLine(host, "defensive", Lines.Harsh[1], heard)     // blame
            .Send("stop")
            .AssertReply(reply =>
            {
                var text = reply.Text!;
                Assert.Contains("Lines you said: 4", text);
                Assert.Contains("Lines starting from \"I\": 2", text);
                Assert.Contains("Lines with blame or a sharp edge: 2", text);
                Assert.Contains("Clear requests: 1", text);
                Assert.Contains($"Your strongest line: \"{Lines.Gentle[0]}\"", text);
                Assert.Contains(content.Scorecard.TryNext.Blame, text);
                Assert.Contains("Your partner went from guarded to closed off.", text);
            })
            .AssertReply(reply => Assert.StartsWith(content.Scorecard.Save.Prompt, reply.Text))
            .Send("yes")
            .AssertReply(content.Scorecard.Save.Saved)
            .AssertReply("Is there anything else you'd like to do?")
            .StartTestAsync();

        var saved = Assert.Single((await host.SavedProfileAsync()).Toolkit.Scorecards);
        Assert.Equal((4, 2, 2, 1), (saved.Lines, saved.IStatements, saved.Blame, saved.Requests));
        Assert.Equal(Lines.Gentle[0], saved.StrongestLine);
        Assert.Equal("defensive", saved.PartnerStyle);
        Assert.Equal("I've been feeling distant", saved.Topic);
        Assert.Equal(content.Scorecard.TryNext.Blame, saved.TryNext);
    }

    [Fact]
    public async Task A_scorecard_not_saved_stays_out_of_the_toolkit_and_a_gentle_rehearsal_suggests_the_next_gap()
    {
        using var host = RehearsalHarness.Host();
        var content = host.Get<RehearsalContent>();
        await host.StartRehearsal("open")
            .Send(Lines.Soft)
            .AssertReplyContains("Partner: ")
            .AssertReplyContains("Tip: ")
            .Send("pause")
            .AssertReply(reply =>
            {
                Assert.Contains("Lines with blame or a sharp edge: 0", reply.Text);
                Assert.Contains(content.Scorecard.TryNext.NoRequest, reply.Text);
            })
            .AssertReply(reply => Assert.StartsWith(content.Scorecard.Save.Prompt, reply.Text))
            .Send("no")
            .AssertReply(content.Scorecard.Save.NotSaved)
            .AssertReply("Is there anything else you'd like to do?")
            .StartTestAsync();

        Assert.Empty((await host.SavedProfileAsync()).Toolkit.Scorecards);
    }

    [Fact]
    public async Task No_partner_line_repeats_in_a_rehearsal_of_twelve_turns_even_when_the_mood_never_moves()
    {
        using var host = RehearsalHarness.Host();
        var heard = new List<(PartnerLine Line, PartnerStage Stage)>();
        var flow = host.StartRehearsal("withdrawn");
        for (var i = 0; i < 12; i++)
        {
            // The same neutral line keeps them closed, so the closed lines run out and a neighbour stage answers.
            flow = flow.SayLine(host, "withdrawn", Lines.Neutral, heard);
        }

        await flow.StartTestAsync();

        Assert.Equal(12, heard.Select(h => h.Line.Text).Distinct().Count());
        Assert.True(heard.Take(8).All(h => h.Stage == PartnerStage.Closed), "while closed lines are left, they answer");
    }

    [Fact]
    public async Task Two_rehearsals_do_not_read_the_same()
    {
        async Task<List<string>> RehearseAsync(int seed)
        {
            using var host = RehearsalHarness.Host(seed);
            var heard = new List<(PartnerLine Line, PartnerStage Stage)>();
            var flow = host.StartRehearsal("dismissive");
            foreach (var line in Lines.Gentle.Concat(Lines.Harsh))
            {
                flow = flow.SayLine(host, "dismissive", line, heard);
            }

            await flow.StartTestAsync();
            return heard.Select(h => h.Line.Text).ToList();
        }

        var first = await RehearseAsync(1);
        var second = await RehearseAsync(2);
        Assert.Equal(first, await RehearseAsync(1));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Coaching_off_drops_the_tips_and_coaching_on_brings_them_back()
    {
        using var host = RehearsalHarness.Host();
        var content = host.Get<RehearsalContent>();
        await host.StartRehearsal("open")
            .Send("coaching off")
            .AssertReply(content.CoachingOff)
            .Send(Lines.Gentle[0])
            .AssertReplyContains("Partner: ")
            .AssertNoReply("no tip while coaching is off")
            .Send("Coaching ON")
            .AssertReply(content.CoachingOn)
            .Send(Lines.Gentle[1])
            .AssertReplyContains("Partner: ")
            .AssertReplyContains("Tip: ")
            .Send("stop")
            .AssertReplyContains("Lines you said: 2", "the commands are not lines")
            .StartTestAsync();
    }

    [Fact]
    public async Task Coaching_off_is_remembered_for_the_next_rehearsal()
    {
        using var host = RehearsalHarness.Host();
        await host.StartRehearsal("open")
            .Send("tips off")
            .AssertReplyContains("no tips")
            .Send("stop")
            .AssertReply("We stopped before you said anything, so there's no scorecard this time. You can come back whenever you like.")
            .AssertReply("Is there anything else you'd like to do?")
            .Send("rehearse")
            .AssertReplyContains("Let's practise")
            .AssertReplyContains("practise saying")
            .Send("2")
            .AssertReplyContains("how does your partner")
            .Send("4")
            .AssertReplyContains("asking for more time together")
            .Send(Lines.Gentle[0])
            .AssertReplyContains("Partner: ")
            .AssertNoReply()
            .StartTestAsync();

        Assert.True((await host.SavedProfileAsync()).CoachingOff);
    }

    [Fact]
    public async Task The_users_own_topic_is_used_in_the_setup_and_help_mid_rehearsal_hands_the_turn_back()
    {
        using var host = RehearsalHarness.Host();
        await host.Flow()
            .Send("hi")
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReply("What would you like to do?")
            .Send("practise")
            .AssertReplyContains("Let's practise")
            .AssertReplyContains("practise saying")
            .Send("something else")
            .AssertReply("In a sentence, what do you want to talk to them about?")
            .Send("sharing the housework more fairly")
            .AssertReplyContains("how does your partner")
            .Send("they get defensive")
            .AssertReplyContains("\"sharing the housework more fairly\"")
            .Send("help")
            .AssertReplyContains("Here's how I can help")
            .AssertReply("Your turn. What would you say next?")
            .Send(Lines.Gentle[0])
            .AssertReplyContains("Partner: ")
            .StartTestAsync();
    }

    [Fact]
    public async Task Cancel_leaves_the_rehearsal_for_the_menu()
    {
        using var host = RehearsalHarness.Host();
        await host.StartRehearsal("withdrawn")
            .Send(Lines.Gentle[0])
            .AssertReplyContains("Partner: ")
            .AssertReplyContains("Tip: ")
            .Send("cancel")
            .AssertReply("Okay, we'll leave that there.")
            .AssertReply("What would you like to do?")
            .StartTestAsync();
    }
}
