namespace ReflectBot.Tests.Analysis;

public class ObservationCheckTests
{
    [Theory]
    [InlineData("When we don't talk about our days")]
    [InlineData("When you're on your phone during dinner")]
    [InlineData("when you come home after ten without texting")]
    [InlineData("when you leave your plate on the table")]
    [InlineData("When you said you'd call and didn't")]
    [InlineData("When the kids are asleep and you go straight to your laptop")]
    [InlineData("when u dont text back")]
    [InlineData("WHEN YOU CHECK YOUR EMAIL DURING OUR WALKS")]
    [InlineData("When you roll your eyes while I’m talking")]
    public void A_plain_description_passes(string text)
    {
        var check = Analyzers.EnUs.CheckObservation(text);

        Assert.True(check.Ok, check.ToString());
        Assert.Null(check.Hint);
    }

    [Theory]
    [InlineData("when you ignore me all the time", "observation-interpretation", "ignore")]
    [InlineData("When you're so cold to me", "observation-label", "you're so cold")]
    [InlineData("when you never listen", "observation-blame", "you never")]
    [InlineData("when you don't care about my feelings", "observation-blame", "you don't care")]
    [InlineData("when you dont care about my feelings", "observation-blame", "you dont care")]
    [InlineData("When you are lazy about the dishes", "observation-label", "you are lazy")]
    [InlineData("When you shut me out", "observation-interpretation", "shut me out")]
    [InlineData("When you work too much", "observation-judgement", "too much")]
    [InlineData("whenever you act like a child", "observation-judgement", "like a child")]
    [InlineData("when you deliberately forget my birthday", "observation-judgement", "deliberately")]
    [InlineData("when you take me for granted", "observation-interpretation", "take me for granted")]
    [InlineData("oh great, when you forget again", "observation-contempt", "oh great")]
    [InlineData("When everything is about your job", "observation-absolute", "everything")]
    [InlineData("When I feel ignored at parties", "observation-interpretation", "ignored")]
    public void A_judgement_fails_with_the_words_that_judge(string text, string hintKey, string phrase)
    {
        var check = Analyzers.EnUs.CheckObservation(text);

        Assert.False(check.Ok);
        Assert.Equal(hintKey, check.HintKey);
        Assert.Equal(phrase, check.Phrase);
        Assert.Contains($"“{phrase}”", check.Hint);
    }

    [Fact]
    public void An_interpretation_with_an_absolute_reports_both_the_interpretation_first()
    {
        var check = Analyzers.EnUs.CheckObservation("when you ignore me all the time");

        Assert.Equal(["observation-interpretation", "observation-absolute"], check.Issues.Select(i => i.HintKey));
        Assert.Equal(["ignore", "all the time"], check.Issues.Select(i => i.Phrase));
    }

    [Fact]
    public void A_word_inside_a_weightier_issue_is_not_raised_twice()
    {
        // "selfish" is a judgement on its own, but here it is part of the label "you're so selfish".
        var check = Analyzers.EnUs.CheckObservation("when you're so selfish");

        var issue = Assert.Single(check.Issues);
        Assert.Equal("observation-label", issue.HintKey);
        Assert.Equal("you're so selfish", issue.Phrase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Nothing_written_asks_what_happened(string? text)
    {
        var check = Analyzers.EnUs.CheckObservation(text);

        Assert.False(check.Ok);
        Assert.Equal("observation-empty", check.HintKey);
        Assert.False(string.IsNullOrWhiteSpace(check.Hint));
    }
}
