using System.Text.Json.Nodes;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using static ReflectBot.Framework.Tests.Dialogs.TestDialogs;

namespace ReflectBot.Framework.Tests.Dialogs;

public class ConfirmPromptTests
{
    private static ComponentDialog AskToContinue(ConfirmPrompt? prompt = null)
    {
        var main = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync("confirm", Ask("Would you like to keep going?", retry: "Just yes or no is fine."), ct), "ask")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync((bool)step.Result! ? "Answer: yes" : "Answer: no", cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            }, "report");
        return Component("root", main, prompt ?? new ConfirmPrompt("confirm"));
    }

    private static async Task<string?> AnswerAsync(string said, string channel = Channels.Webchat)
    {
        var harness = new DialogHarness(AskToContinue(), channel);
        await harness.SendAsync("hi");
        return (await harness.SendAsync(said)).SingleText();
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Yes!")]
    [InlineData("yeah")]
    [InlineData("yep")]
    [InlineData("sure")]
    [InlineData("OK")]
    [InlineData("okay")]
    [InlineData("y")]
    [InlineData("of course")]
    [InlineData("please do")]
    [InlineData("yes please, let's go on")]
    [InlineData("1")]
    public async Task Yes_words_confirm(string said) =>
        Assert.Equal("Answer: yes", await AnswerAsync(said));

    [Theory]
    [InlineData("no")]
    [InlineData("No.")]
    [InlineData("nope")]
    [InlineData("nah")]
    [InlineData("n")]
    [InlineData("not now")]
    [InlineData("no thanks")]
    [InlineData("no, I need a break")]
    [InlineData("2")]
    public async Task No_words_decline(string said) =>
        Assert.Equal("Answer: no", await AnswerAsync(said));

    [Theory]
    [InlineData("maybe")]
    [InlineData("of course not")]
    [InlineData("3")]
    [InlineData("not sure")]
    public async Task Unclear_answers_get_the_retry_prompt(string said) =>
        Assert.Equal("Just yes or no is fine.", await AnswerAsync(said));

    [Fact]
    public async Task A_regional_english_locale_uses_the_english_words()
    {
        var harness = new DialogHarness(AskToContinue(), locale: "en-GB");
        await harness.SendAsync("hi");

        Assert.Equal("Answer: yes", (await harness.SendAsync("yep")).SingleText());
    }

    [Fact]
    public async Task It_is_shown_as_two_choices_per_channel()
    {
        var teams = new DialogHarness(AskToContinue(), Channels.Msteams);
        var card = Payload.AsElement(Assert.Single(await teams.SendAsync("hi")).Attachments![0].Content)!.Value;
        Assert.Equal(["Yes", "No"], card.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("data").GetProperty("choice").GetString()));

        var console = new DialogHarness(AskToContinue(), Channels.Console);
        Assert.Equal("Would you like to keep going?\n\n   1. Yes\n   2. No", (await console.SendAsync("hi")).SingleText());

        // The SDK's test channel shows no buttons: two short choices go inline, as its TestAdapter tests expect.
        var test = new DialogHarness(AskToContinue(), Channels.Test);
        Assert.Equal("Would you like to keep going? (1) Yes or (2) No", (await test.SendAsync("hi")).SingleText());
    }

    [Fact]
    public async Task Pressing_the_teams_no_button_declines()
    {
        var harness = new DialogHarness(AskToContinue(), Channels.Msteams);
        await harness.SendAsync("hi");

        Assert.Equal("Answer: no", (await harness.SubmitAsync(new JsonObject { ["choice"] = "No" })).SingleText());
    }

    [Fact]
    public async Task Own_button_wording_is_shown_and_recognised()
    {
        var prompt = new ConfirmPrompt("confirm")
        {
            ConfirmChoices = Tuple.Create(new Choice("Yes") { Title = "Let's continue" }, new Choice("No") { Title = "Stop for now", Synonyms = ["stop"] }),
        };
        var harness = new DialogHarness(AskToContinue(prompt), Channels.Webchat);

        var reply = Assert.Single(await harness.SendAsync("hi"));
        Assert.Equal(["Let's continue", "Stop for now"], reply.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Equal("Answer: no", (await harness.SendAsync("stop")).SingleText());
    }
}
