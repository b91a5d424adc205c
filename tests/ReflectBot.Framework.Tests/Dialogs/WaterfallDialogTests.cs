using System.Text.Json.Nodes;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;
using static ReflectBot.Framework.Tests.Dialogs.TestDialogs;

namespace ReflectBot.Framework.Tests.Dialogs;

public class WaterfallDialogTests
{
    /// <summary>Asks a name, then a count, then sums up from Values and ends with a result.</summary>
    private static ComponentDialog NameAndCount()
    {
        var waterfall = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync("name", Ask("What should I call you?"), ct), "askName")
            .AddStep(async (step, ct) =>
            {
                step.Values["name"] = (string)step.Result!;
                return await step.PromptAsync("count", Ask($"How many check-ins a week, {step.Result}?"), ct);
            }, "askCount")
            .AddStep(async (step, ct) =>
            {
                var summary = $"{step.Values["name"]}: {step.Result} a week";
                await step.Context.SendActivityAsync(summary, cancellationToken: ct);
                return await step.EndDialogAsync(summary, ct);
            }, "summarise");
        return Component("root", waterfall, new TextPrompt("name"), new NumberPrompt<int>("count"));
    }

    [Fact]
    public async Task Steps_run_in_order_and_values_survive_between_turns()
    {
        var harness = new DialogHarness(NameAndCount());

        Assert.Equal("What should I call you?", (await harness.SendAsync("hi")).SingleText());
        Assert.Equal("How many check-ins a week, Sam?", (await harness.SendAsync("Sam")).SingleText());
        Assert.Equal("Sam: 3 a week", (await harness.SendAsync("three")).SingleText());
    }

    [Fact]
    public async Task Finishing_the_last_step_completes_the_turn_with_the_result()
    {
        var harness = new DialogHarness(NameAndCount());
        await harness.SendAsync("hi");
        await harness.SendAsync("Sam");
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult!.Status);

        await harness.SendAsync("2");

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult!.Status);
        Assert.Equal("Sam: 2 a week", harness.LastResult.Result);
    }

    [Fact]
    public async Task After_completing_the_next_message_starts_over()
    {
        var harness = new DialogHarness(NameAndCount());
        await harness.SendAsync("hi");
        await harness.SendAsync("Sam");
        await harness.SendAsync("2");

        Assert.Equal("What should I call you?", (await harness.SendAsync("hello again")).SingleText());
    }

    [Fact]
    public async Task NextAsync_skips_the_wait_and_hands_its_result_to_the_next_step()
    {
        var waterfall = new WaterfallDialog("main")
            .AddStep((step, ct) => step.NextAsync("remembered name", ct), "skipName")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Hello, {step.Result} ({step.Reason})", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            }, "greet");
        var harness = new DialogHarness(Component("root", waterfall));

        var replies = await harness.SendAsync("hi");

        Assert.Equal("Hello, remembered name (NextCalled)", replies.SingleText());
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult!.Status);
    }

    [Fact]
    public async Task Options_reach_the_child_and_its_result_comes_back_to_the_parent()
    {
        var child = new WaterfallDialog("child")
            .AddStep(async (step, ct) => await step.PromptAsync("text", Ask($"What is on your mind, {((JsonObject)step.Options!)["name"]}?"), ct), "ask")
            .AddStep((step, ct) => step.EndDialogAsync($"{((JsonObject)step.Options!)["name"]} said: {step.Result}", ct), "finish");
        var parent = new WaterfallDialog("parent")
            .AddStep((step, ct) => step.BeginDialogAsync("child", new JsonObject { ["name"] = "Alex" }, ct), "startChild")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Parent got: {step.Result}", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            }, "report");
        var harness = new DialogHarness(Component("root", parent, child, new TextPrompt("text")));

        Assert.Equal("What is on your mind, Alex?", (await harness.SendAsync("hi")).SingleText());
        Assert.Equal("Parent got: Alex said: work stress", (await harness.SendAsync("work stress")).SingleText());
    }

    [Fact]
    public async Task A_step_that_waits_without_a_prompt_receives_the_text_or_a_card_submission()
    {
        var waterfall = new WaterfallDialog("main")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Tell me anything.", cancellationToken: ct);
                return Dialog.EndOfTurn;
            }, "wait")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Heard: {step.Result}", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            }, "echo");
        var harness = new DialogHarness(Component("root", waterfall));

        await harness.SendAsync("start");
        Assert.Equal("Heard: typed words", (await harness.SendAsync("typed words")).SingleText());

        await harness.SendAsync("start");
        Assert.Equal("Heard: from a card", (await harness.SubmitAsync(new JsonObject { ["text"] = "from a card" })).SingleText());
    }

    [Fact]
    public async Task Typing_and_events_do_not_move_a_waiting_step()
    {
        var harness = new DialogHarness(NameAndCount());
        await harness.SendAsync("hi");

        Assert.Empty(await harness.SendActivityAsync(new Schema.Activity { Type = Schema.ActivityTypes.Typing }));
        Assert.Empty(await harness.SendActivityAsync(new Schema.Activity { Type = Schema.ActivityTypes.Event, Name = "webchat/join" }));

        Assert.Equal("How many check-ins a week, Sam?", (await harness.SendAsync("Sam")).SingleText());
    }
}
