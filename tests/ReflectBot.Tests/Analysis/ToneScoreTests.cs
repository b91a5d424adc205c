using ReflectBot.Journeys.Reframe.Analysis;

namespace ReflectBot.Tests.Analysis;

/// <summary>The rehearsal partner reacts to warmth: softer words must always score warmer.</summary>
public class ToneScoreTests
{
    private static ReframeAnalysis Analyze(string text) => Analyzers.EnUs.Analyze(text);

    [Fact]
    public void Each_softer_version_of_the_same_complaint_scores_warmer()
    {
        string[] ladder =
        [
            "You're so selfish, whatever.",
            "You never listen to me.",
            "I feel like you never listen.",
            "I feel ignored when you're on your phone.",
            "I feel lonely when you're on your phone.",
            "I feel lonely when you're on your phone, because closeness matters to me.",
            "I feel lonely when you're on your phone, because closeness matters to me. Could we put our phones away at dinner tonight?",
        ];

        var scores = ladder.Select(text => Analyze(text).Warmth).ToList();

        for (var i = 1; i < scores.Count; i++)
        {
            Assert.True(scores[i] > scores[i - 1], $"'{ladder[i]}' ({scores[i]}) should be warmer than '{ladder[i - 1]}' ({scores[i - 1]})");
        }
    }

    [Theory]
    [InlineData("You're so selfish, whatever.", ToneBand.Hostile)]
    [InlineData("Why can't you ever just text me back?", ToneBand.Tense)]
    [InlineData("We had pasta.", ToneBand.Neutral)]
    [InlineData("I feel hurt.", ToneBand.Open)]
    [InlineData("I feel lonely when we eat in silence, because connection matters to me. Could we share one good thing from our day at dinner?", ToneBand.Warm)]
    public void Bands_tell_the_rehearsal_how_the_partner_will_take_it(string text, ToneBand band)
    {
        Assert.Equal(band, Analyze(text).Tone.Band);
    }

    [Fact]
    public void Gentle_and_harsh_parts_are_reported_separately()
    {
        var tone = Analyze("I feel hurt, and you never call.").Tone;

        Assert.True(tone.Gentle > 0);
        Assert.True(tone.Harsh > 0);
        Assert.Equal(tone.Gentle - tone.Harsh, tone.Warmth);
    }

    [Fact]
    public void Warmth_stays_within_its_limits()
    {
        Assert.Equal(-ToneScore.Limit, Analyze("You idiot. You jerk. Whatever. You never listen. You always lie. You're so selfish.").Warmth);
        Assert.True(Analyze(string.Concat(Enumerable.Repeat("I feel lonely and I appreciate you. ", 20))).Warmth <= ToneScore.Limit);
    }

    [Theory]
    [InlineData("You never call. I feel lonely.", true)]
    [InlineData("What's wrong with you?", true)]
    [InlineData("Oh great.", true)]
    [InlineData("I feel tired. You never call. You always forget. You don't even listen.", true)]
    [InlineData("I feel lonely. You never call.", false)]
    [InlineData("I appreciate you. I feel lonely when we don't talk.", false)]
    [InlineData("You seem tired lately. I'm worried about you.", false)]
    [InlineData("I feel hurt, and you never call.", false)]
    public void A_harsh_start_up_is_criticism_scorn_an_opening_accusation_or_a_pile_of_them(string text, bool harsh)
    {
        Assert.Equal(harsh, Analyze(text).HarshStartUp);
    }

    [Fact]
    public void A_gentle_message_is_one_with_an_owned_feeling_and_nothing_that_hurts()
    {
        Assert.True(Analyze("I feel lonely when we don't talk.").IsGentle);
        Assert.False(Analyze("I feel lonely when you ignore me all the time.").IsGentle);
        Assert.False(Analyze("Could we talk tonight?").IsGentle);
    }

    [Fact]
    public void Score_is_the_analysis_tone()
    {
        const string text = "I feel hurt, and you never call.";
        Assert.Equal(Analyze(text).Tone, Analyzers.EnUs.Score(text));
    }
}
