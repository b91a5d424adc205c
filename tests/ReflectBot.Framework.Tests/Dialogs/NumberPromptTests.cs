using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;
using static ReflectBot.Framework.Tests.Dialogs.TestDialogs;

namespace ReflectBot.Framework.Tests.Dialogs;

public class NumberPromptTests
{
    [Theory]
    [InlineData("7", 7)]
    [InlineData("-3", -3)]
    [InlineData("it's -3 outside", -3)]
    [InlineData("2.5", 2.5)]
    [InlineData(".5", 0.5)]
    [InlineData("1,000", 1000)]
    [InlineData("zero", 0)]
    [InlineData("seven", 7)]
    [InlineData("Twelve", 12)]
    [InlineData("nineteen", 19)]
    [InlineData("twenty", 20)]
    [InlineData("twenty five", 25)]
    [InlineData("twenty-five", 25)]
    [InlineData("ninety-nine", 99)]
    [InlineData("thirty", 30)]
    [InlineData("a hundred", 100)]
    [InlineData("one hundred and five", 105)]
    [InlineData("two thousand", 2000)]
    [InlineData("minus four", -4)]
    [InlineData("7 out of 10", 7)]
    [InlineData("7/10", 7)]
    [InlineData("about 6", 6)]
    [InlineData("maybe around six?", 6)]
    [InlineData("I'd say 8.", 8)]
    [InlineData("~4", 4)]
    [InlineData("five six", 5)]
    public void Finds_the_number_people_mean(string said, double expected)
    {
        Assert.True(NumberRecognizer.TryRecognize(said, out var value), said);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("a lot")]
    [InlineData("well-being")]
    [InlineData("-")]
    public void Finds_nothing_where_there_is_no_number(string said) =>
        Assert.False(NumberRecognizer.TryRecognize(said, out _));

    [Theory]
    [InlineData("two", true)]
    [InlineData("2.", true)]
    [InlineData("twenty one", true)]
    [InlineData("2 please", false)]
    [InlineData("about two", false)]
    public void Exact_parsing_accepts_only_a_number_on_its_own(string said, bool expected) =>
        Assert.Equal(expected, NumberRecognizer.TryParseExact(said, out _));

    private static ComponentDialog AskNumber(Dialog prompt)
    {
        var main = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync(prompt.Id, Ask("How close do you feel, from 1 to 10?", retry: "A number from 1 to 10, please."), ct), "ask")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Got {step.Result} ({step.Result!.GetType().Name})", cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            }, "report");
        return Component("root", main, prompt);
    }

    [Fact]
    public async Task Int_prompt_reads_a_rating_in_words()
    {
        var harness = new DialogHarness(AskNumber(new NumberPrompt<int>("n")));
        await harness.SendAsync("hi");

        Assert.Equal("Got 7 (Int32)", (await harness.SendAsync("about seven out of ten")).SingleText());
    }

    [Fact]
    public async Task Int_prompt_does_not_accept_a_fraction_or_a_number_too_big_for_it()
    {
        var harness = new DialogHarness(AskNumber(new NumberPrompt<int>("n")));
        await harness.SendAsync("hi");

        Assert.Equal("A number from 1 to 10, please.", (await harness.SendAsync("6.5")).SingleText());
        Assert.Equal("A number from 1 to 10, please.", (await harness.SendAsync("99999999999")).SingleText());
        Assert.Equal("Got 6 (Int32)", (await harness.SendAsync("6")).SingleText());
    }

    [Fact]
    public async Task Double_prompt_keeps_the_fraction()
    {
        var harness = new DialogHarness(AskNumber(new NumberPrompt<double>("n")));
        await harness.SendAsync("hi");

        Assert.Equal("Got 6.5 (Double)", (await harness.SendAsync("6.5")).SingleText());
    }

    [Fact]
    public async Task Minimum_and_maximum_are_kept_by_a_validator()
    {
        PromptValidator<int> oneToTen = (ctx, _) => Task.FromResult(ctx.Recognized.Succeeded && ctx.Recognized.Value is >= 1 and <= 10);
        var harness = new DialogHarness(AskNumber(new NumberPrompt<int>("n", oneToTen)));
        await harness.SendAsync("hi");

        Assert.Equal("A number from 1 to 10, please.", (await harness.SendAsync("12")).SingleText());
        Assert.Equal("A number from 1 to 10, please.", (await harness.SendAsync("-1")).SingleText());
        Assert.Equal("Got 1 (Int32)", (await harness.SendAsync("one")).SingleText());
    }

    [Fact]
    public async Task In_a_language_with_a_decimal_comma_a_comma_is_the_decimal_point()
    {
        var harness = new DialogHarness(AskNumber(new NumberPrompt<double>("n", defaultLocale: "nl-NL")));
        await harness.SendAsync("hi");

        Assert.Equal("Got 6.5 (Double)", (await harness.SendAsync("6,5")).SingleText());
    }

    [Fact]
    public async Task In_english_a_comma_still_groups_thousands()
    {
        var harness = new DialogHarness(AskNumber(new NumberPrompt<double>("n", defaultLocale: Culture.English)));
        await harness.SendAsync("hi");

        Assert.Equal("Got 1000 (Double)", (await harness.SendAsync("1,000")).SingleText());
    }

    [Fact]
    public void Only_the_number_types_the_sdk_supports_can_be_prompted_for()
    {
        Assert.Throws<NotSupportedException>(() => new NumberPrompt<short>("n"));
        Assert.Throws<NotSupportedException>(() => new NumberPrompt<byte>("n"));
        _ = new NumberPrompt<int>("n");
        _ = new NumberPrompt<long>("n");
        _ = new NumberPrompt<float>("n");
        _ = new NumberPrompt<double>("n");
        _ = new NumberPrompt<decimal>("n");
    }
}
