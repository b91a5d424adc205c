using ReflectBot.Journeys.Reframe.Analysis;

namespace ReflectBot.Tests.Analysis;

public class FeelingCheckTests
{
    [Theory]
    [InlineData("lonely", "lonely", "sad")]
    [InlineData("I feel lonely", "lonely", "sad")]
    [InlineData("I'm so frustrated", "frustrated", "angry")]
    [InlineData("im scared", "scared", "scared")]
    [InlineData("Self-conscious", "self-conscious", "exposed")]
    [InlineData("WORN OUT", "worn out", "tired")]
    [InlineData("I’ve been feeling hopeful", "hopeful", "hopeful")]
    public void A_real_feeling_is_recognised_with_its_family(string text, string word, string family)
    {
        var check = Analyzers.EnUs.CheckFeeling(text);

        Assert.Equal(FeelingVerdict.Real, check.Verdict);
        Assert.Equal(new FeelingWord(word, family), check.RealFeelings[0]);
        Assert.Equal("feeling-real", check.HintKey);
    }

    [Fact]
    public void Several_real_feelings_are_all_kept_and_quoted_together()
    {
        var check = Analyzers.EnUs.CheckFeeling("sad, tired");

        Assert.Equal(["sad", "tired"], check.RealFeelings.Select(f => f.Word));
        Assert.Equal("sad, tired", check.Phrase);
    }

    [Theory]
    [InlineData("ignored", "ignored", new[] { "lonely", "sad", "hurt" }, new[] { "attention", "to matter", "connection" })]
    [InlineData("I feel abandoned", "abandoned", new[] { "lonely", "scared", "hurt" }, new[] { "connection", "belonging", "reassurance" })]
    [InlineData("rejected", "rejected", new[] { "hurt", "sad", "embarrassed" }, new[] { "acceptance", "closeness" })]
    [InlineData("unappreciated", "unappreciated", new[] { "sad", "tired", "frustrated" }, new[] { "appreciation", "recognition" })]
    [InlineData("manipulated", "manipulated", new[] { "uneasy", "angry", "anxious" }, new[] { "autonomy", "honesty", "choice" })]
    [InlineData("betrayed", "betrayed", new[] { "hurt", "angry", "shocked" }, new[] { "trust", "honesty", "safety" })]
    [InlineData("criticised", "criticized", new[] { "hurt", "defensive", "anxious" }, new[] { "respect", "understanding" })]
    [InlineData("misunderstood", "misunderstood", new[] { "frustrated", "lonely" }, new[] { "to be heard", "understanding" })]
    [InlineData("neglected", "neglected", new[] { "lonely", "sad" }, new[] { "care", "closeness" })]
    [InlineData("taken for granted", "taken for granted", new[] { "resentful", "tired" }, new[] { "appreciation", "fairness" })]
    [InlineData("feel used", "used", new[] { "hurt", "angry", "resentful" }, new[] { "fairness", "respect", "consideration" })]
    [InlineData("invisible", "invisible", new[] { "lonely", "sad", "hurt" }, new[] { "attention", "to matter", "connection" })]
    public void A_faux_feeling_offers_what_may_lie_underneath(string text, string faux, string[] feelings, string[] needs)
    {
        var check = Analyzers.EnUs.CheckFeeling(text);

        Assert.Equal(FeelingVerdict.Faux, check.Verdict);
        Assert.Equal(faux, check.Faux!.Word);
        Assert.Equal(feelings, check.LikelyFeelings);
        Assert.Equal(needs, check.LikelyNeeds);
        Assert.Equal("feeling-faux", check.HintKey);
        Assert.Contains(string.Join(", ", feelings[..^1]), check.Hint);
    }

    [Fact]
    public void The_faux_hint_names_the_word_and_offers_the_feelings_in_plain_words()
    {
        var check = Analyzers.EnUs.CheckFeeling("ignored");

        Assert.Equal("“ignored” says what they did. Underneath it, do you feel lonely, sad or hurt?", check.Hint);
    }

    [Fact]
    public void A_real_feeling_next_to_a_faux_one_is_kept()
    {
        var check = Analyzers.EnUs.CheckFeeling("hurt and ignored");

        Assert.Equal(FeelingVerdict.Faux, check.Verdict);
        Assert.Equal("ignored", check.Phrase);
        Assert.Equal(["hurt"], check.RealFeelings.Select(f => f.Word));
    }

    [Fact]
    public void A_longer_faux_phrase_wins_over_a_feeling_inside_it()
    {
        // "down" is a feeling, but "let down" is about what someone did.
        var check = Analyzers.EnUs.CheckFeeling("let down");

        Assert.Equal(FeelingVerdict.Faux, check.Verdict);
        Assert.Empty(check.RealFeelings);
    }

    [Theory]
    [InlineData("that you don't care", "that you don't care")]
    [InlineData("that you dont care", "that you dont care")]
    [InlineData("like you don't care", "like you don't care")]
    [InlineData("you don't care", "you don't care")]
    [InlineData("I feel like you never listen", "I feel like you never listen")]
    [InlineData("as if I don’t matter", "as if I don’t matter")]
    [InlineData("like a failure", "like a failure")]
    public void A_thought_dressed_as_a_feeling_is_named_as_a_thought(string text, string phrase)
    {
        var check = Analyzers.EnUs.CheckFeeling(text);

        Assert.Equal(FeelingVerdict.Thought, check.Verdict);
        Assert.Equal(phrase, check.Phrase);
        Assert.Equal(Analyzers.EnUs.SuggestedFeelings, check.LikelyFeelings);
        Assert.Equal("feeling-thought", check.HintKey);
    }

    [Theory]
    [InlineData("bad", FeelingVerdict.Vague, "feeling-vague")]
    [InlineData("not good", FeelingVerdict.Vague, "feeling-vague")]
    [InlineData("hmm", FeelingVerdict.Unknown, "feeling-unknown")]
    [InlineData("purple", FeelingVerdict.Unknown, "feeling-unknown")]
    [InlineData("", FeelingVerdict.Empty, "feeling-empty")]
    [InlineData("  ...  ", FeelingVerdict.Empty, "feeling-empty")]
    public void An_unclear_answer_gets_gentle_suggestions(string text, FeelingVerdict verdict, string hintKey)
    {
        var check = Analyzers.EnUs.CheckFeeling(text);

        Assert.Equal(verdict, check.Verdict);
        Assert.Equal(hintKey, check.HintKey);
        Assert.NotEmpty(check.LikelyFeelings);
        Assert.Contains(check.LikelyFeelings[0], check.Hint);
    }
}
