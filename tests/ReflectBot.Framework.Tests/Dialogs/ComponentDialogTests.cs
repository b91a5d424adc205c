using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;
using static ReflectBot.Framework.Tests.Dialogs.TestDialogs;

namespace ReflectBot.Framework.Tests.Dialogs;

public class ComponentDialogTests
{
    /// <summary>The standard interruption pattern: "help" answers and asks again, "cancel" ends everything.</summary>
    private sealed class CancelAndHelpDialog(string id) : ComponentDialog(id)
    {
        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
        {
            switch (innerDc.Context.Activity.Text?.Trim().ToLowerInvariant())
            {
                case "help":
                    await innerDc.Context.SendActivityAsync("You can answer in your own words, or say cancel.", cancellationToken: cancellationToken);
                    await innerDc.RepromptDialogAsync(cancellationToken);
                    return Dialog.EndOfTurn;
                case "cancel":
                    await innerDc.Context.SendActivityAsync("Okay, we can stop here.", cancellationToken: cancellationToken);
                    return await innerDc.CancelAllDialogsAsync(cancellationToken);
                default:
                    return await base.OnContinueDialogAsync(innerDc, cancellationToken);
            }
        }
    }

    /// <summary>A component with its own waterfall and prompt: asks how the user feels and ends with it.</summary>
    private static ComponentDialog FeelingDialog(ComponentDialog component)
    {
        component.AddDialog(new WaterfallDialog("feeling-steps")
            .AddStep(async (step, ct) => await step.PromptAsync("feeling-text", Ask("How are you feeling today?"), ct), "ask")
            .AddStep((step, ct) => step.EndDialogAsync($"feels {step.Result}", ct), "finish"));
        component.AddDialog(new TextPrompt("feeling-text"));
        return component;
    }

    /// <summary>Root waterfall: runs the feeling component, then reports what came back.</summary>
    private static ComponentDialog Root(ComponentDialog feeling)
    {
        var main = new WaterfallDialog("main")
            .AddStep((step, ct) => step.BeginDialogAsync("feeling", null, ct), "runFeeling")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync(step.Result is null ? "No answer, and that is fine." : $"Parent heard: {step.Result}", cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            }, "report");
        return Component("root", main, feeling);
    }

    [Fact]
    public async Task Inner_waterfall_and_prompt_hand_their_result_to_the_parent()
    {
        var harness = new DialogHarness(Root(FeelingDialog(new ComponentDialog("feeling"))));

        Assert.Equal("How are you feeling today?", (await harness.SendAsync("hi")).SingleText());
        Assert.Equal("Parent heard: feels tired", (await harness.SendAsync("tired")).SingleText());
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult!.Status);
        Assert.Equal("feels tired", harness.LastResult.Result);
    }

    [Fact]
    public async Task Help_answers_and_asks_the_same_question_again_without_moving_on()
    {
        var harness = new DialogHarness(Root(FeelingDialog(new CancelAndHelpDialog("feeling"))));
        await harness.SendAsync("hi");

        var replies = await harness.SendAsync("help");

        Assert.Equal(["You can answer in your own words, or say cancel.", "How are you feeling today?"], replies.Select(r => r.Text));
        Assert.Equal("Parent heard: feels calmer", (await harness.SendAsync("calmer")).SingleText());
    }

    [Fact]
    public async Task Cancel_inside_a_component_ends_it_and_the_parent_moves_on_with_no_result()
    {
        var harness = new DialogHarness(Root(FeelingDialog(new CancelAndHelpDialog("feeling"))));
        await harness.SendAsync("hi");

        var replies = await harness.SendAsync("cancel");

        Assert.Equal(["Okay, we can stop here.", "No answer, and that is fine."], replies.Select(r => r.Text));
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult!.Status);
    }

    [Fact]
    public async Task Cancel_at_the_root_clears_the_whole_stack_and_the_next_message_starts_fresh()
    {
        // The interruption handler wraps everything, so cancelling ends the root too.
        var root = new CancelAndHelpDialog("root");
        root.AddDialog(new WaterfallDialog("main")
            .AddStep((step, ct) => step.BeginDialogAsync("feeling", null, ct), "runFeeling")
            .AddStep((step, ct) => step.EndDialogAsync(step.Result, ct), "finish"));
        root.AddDialog(FeelingDialog(new ComponentDialog("feeling")));
        var harness = new DialogHarness(root);
        await harness.SendAsync("hi");

        Assert.Equal("Okay, we can stop here.", (await harness.SendAsync("cancel")).SingleText());
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult!.Status);
        var saved = await harness.ReadSavedStateAsync();
        Assert.Empty(saved[DialogHarness.StatePropertyName]!["dialogStack"]!.AsArray());

        Assert.Equal("How are you feeling today?", (await harness.SendAsync("hello")).SingleText());
    }

    [Fact]
    public async Task Help_in_a_nested_prompt_reprompts_with_the_prompt_text_not_a_retry()
    {
        var feeling = new CancelAndHelpDialog("feeling");
        feeling.AddDialog(new WaterfallDialog("feeling-steps")
            .AddStep(async (step, ct) => await step.PromptAsync("n", Ask("From 1 to 10, how heavy does it feel?", retry: "A number from 1 to 10, please."), ct), "ask")
            .AddStep((step, ct) => step.EndDialogAsync(step.Result, ct), "finish"));
        feeling.AddDialog(new NumberPrompt<int>("n"));
        var harness = new DialogHarness(Root(feeling));
        await harness.SendAsync("hi");

        Assert.Equal("From 1 to 10, how heavy does it feel?", (await harness.SendAsync("help"))[1].Text);
        Assert.Equal("A number from 1 to 10, please.", (await harness.SendAsync("heavy")).SingleText());
        Assert.Equal("Parent heard: 7", (await harness.SendAsync("7 out of 10")).SingleText());
    }
}
