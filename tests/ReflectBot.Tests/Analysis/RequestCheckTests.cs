namespace ReflectBot.Tests.Analysis;

public class RequestCheckTests
{
    [Theory]
    [InlineData("could we take ten minutes after dinner to check in?")]
    [InlineData("could you text me when you'll be late?")]
    [InlineData("could you text me when youll be late?")]
    [InlineData("Would you be willing to put your phone away during dinner?")]
    [InlineData("Can we talk tonight?")]
    [InlineData("Could we go for a walk on Saturday morning?")]
    [InlineData("would u be willing to hug me when you get home")]
    [InlineData("Could you be home by 7?")]
    [InlineData("I'd love it if we could cook dinner together on Sunday.")]
    [InlineData("Please text me when you're running late.")]
    [InlineData("COULD WE SIT TOGETHER FOR HALF AN HOUR ON FRIDAY?")]
    public void A_specific_doable_ask_passes(string text)
    {
        var check = Analyzers.EnUs.CheckRequest(text);

        Assert.True(check.Ok, check.ToString());
        Assert.False(string.IsNullOrEmpty(check.Request));
    }

    [Theory]
    [InlineData("stop being so cold", "request-character", "being so cold")]
    [InlineData("be more loving", "request-vague", "be more loving")]
    [InlineData("Could you be there for me?", "request-vague", "be there")]
    [InlineData("could we talk more?", "request-vague", "talk more")]
    [InlineData("Could you stop ignoring me?", "request-negative", "stop ignoring")]
    [InlineData("Why can't you just call me at lunch?", "request-blame", "Why can't you")]
    [InlineData("Text me when you're late.", "request-demand", "Text")]
    [InlineData("You need to text me when you're late.", "request-demand", "You need to")]
    [InlineData("Can you not be so selfish?", "request-character", "selfish")]
    [InlineData("Can you try?", "request-not-specific", "Can you try?")]
    [InlineData("I want to feel closer.", "request-missing", "I want to feel closer.")]
    [InlineData("You need to spend more time with me.", "request-vague", "spend more time")]
    public void A_request_that_is_not_there_yet_says_why(string text, string hintKey, string phrase)
    {
        var check = Analyzers.EnUs.CheckRequest(text);

        Assert.False(check.Ok);
        Assert.Equal(hintKey, check.HintKey);
        Assert.Equal(phrase, check.Phrase);
        Assert.Null(check.Request);
    }

    [Fact]
    public void Stop_being_so_cold_is_about_character_negative_and_an_order()
    {
        var check = Analyzers.EnUs.CheckRequest("stop being so cold");

        Assert.Equal(["request-character", "request-negative"], check.Issues.Select(i => i.HintKey));
        Assert.Contains("“being so cold”", check.Hint);
    }

    [Fact]
    public void A_vague_wish_inside_a_question_is_not_made_concrete_by_a_time()
    {
        // "tonight" is specific, but "be more present" still gives them nothing to do.
        var check = Analyzers.EnUs.CheckRequest("Could you be more present tonight?");

        Assert.Equal("request-vague", check.HintKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Nothing_written_asks_what_they_would_like(string? text)
    {
        Assert.Equal("request-empty", Analyzers.EnUs.CheckRequest(text).HintKey);
    }
}
