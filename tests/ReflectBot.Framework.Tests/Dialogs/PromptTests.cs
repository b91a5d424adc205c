using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using static ReflectBot.Framework.Tests.Dialogs.TestDialogs;

namespace ReflectBot.Framework.Tests.Dialogs;

public class PromptTests
{
    /// <summary>Root: one prompt, then a step that says what came back (or that nothing did) and ends.</summary>
    private static ComponentDialog AskOnce(Dialog prompt, PromptOptions options)
    {
        var main = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync(prompt.Id, options, ct), "ask")
            .AddStep(async (step, ct) =>
            {
                var exhausted = step.Context.TurnState.ContainsKey(PromptOptions.AttemptsExhaustedKey);
                var said = step.Result switch
                {
                    null when exhausted => "Let's leave that one for now.",
                    null => "(null)",
                    FoundChoice c => $"Got {c.Value}",
                    var other => $"Got {other}",
                };
                await step.Context.SendActivityAsync(said, cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            }, "report");
        return Component("root", main, prompt);
    }

    [Fact]
    public async Task Text_prompt_returns_the_trimmed_answer()
    {
        var harness = new DialogHarness(AskOnce(new TextPrompt("text"), Ask("What happened?")));

        var first = await harness.SendAsync("hi");
        Assert.Equal("What happened?", first.SingleText());
        Assert.Equal(InputHints.ExpectingInput, first[0].InputHint);
        Assert.Equal("Got we argued", (await harness.SendAsync("  we argued  ")).SingleText());
    }

    [Fact]
    public async Task Blank_text_is_not_an_answer_and_the_retry_prompt_is_shown()
    {
        var harness = new DialogHarness(AskOnce(new TextPrompt("text"), Ask("What happened?", retry: "Take your time. What happened?")));
        await harness.SendAsync("hi");

        Assert.Equal("Take your time. What happened?", (await harness.SendAsync("   ")).SingleText());
        Assert.Equal("Got nothing much", (await harness.SendAsync("nothing much")).SingleText());
    }

    [Fact]
    public async Task Without_a_retry_prompt_the_prompt_is_asked_again()
    {
        var harness = new DialogHarness(AskOnce(new NumberPrompt<int>("n"), Ask("How many times this week?")));
        await harness.SendAsync("hi");

        Assert.Equal("How many times this week?", (await harness.SendAsync("lots")).SingleText());
    }

    [Fact]
    public async Task A_rejecting_validator_leads_to_the_retry_prompt()
    {
        PromptValidator<int> oneToTen = (ctx, _) => Task.FromResult(ctx.Recognized.Succeeded && ctx.Recognized.Value is >= 1 and <= 10);
        var harness = new DialogHarness(AskOnce(new NumberPrompt<int>("n", oneToTen), Ask("From 1 to 10?", retry: "Please pick a number from 1 to 10.")));
        await harness.SendAsync("hi");

        Assert.Equal("Please pick a number from 1 to 10.", (await harness.SendAsync("11")).SingleText());
        Assert.Equal("Please pick a number from 1 to 10.", (await harness.SendAsync("0")).SingleText());
        Assert.Equal("Got 10", (await harness.SendAsync("ten")).SingleText());
    }

    [Fact]
    public async Task A_validator_that_explains_itself_replaces_the_retry_prompt()
    {
        PromptValidator<string> notTooShort = async (ctx, ct) =>
        {
            if (ctx.Recognized.Value is { Length: >= 3 })
            {
                return true;
            }

            await ctx.Context.SendActivityAsync("A few more words would help me understand.", cancellationToken: ct);
            return false;
        };
        var harness = new DialogHarness(AskOnce(new TextPrompt("text", notTooShort), Ask("What happened?", retry: "What happened?")));
        await harness.SendAsync("hi");

        Assert.Equal("A few more words would help me understand.", (await harness.SendAsync("eh")).SingleText());
    }

    [Fact]
    public async Task The_validator_sees_the_attempt_count_rise_with_each_reply()
    {
        var seen = new List<int>();
        PromptValidator<string> record = (ctx, _) =>
        {
            seen.Add(ctx.AttemptCount);
            return Task.FromResult(ctx.Recognized.Value == "ok");
        };
        var harness = new DialogHarness(AskOnce(new TextPrompt("text", record), Ask("Say ok")));
        await harness.SendAsync("hi");

        await harness.SendAsync("a");
        await harness.SendAsync("b");
        await harness.SendAsync("ok");

        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public async Task The_attempt_count_is_saved_in_the_prompts_own_state()
    {
        var harness = new DialogHarness(AskOnce(new NumberPrompt<int>("n"), Ask("How many?")));
        await harness.SendAsync("hi");
        await harness.SendAsync("lots");
        await harness.SendAsync("many");

        var saved = await harness.ReadSavedStateAsync();
        var rootInner = saved[DialogHarness.StatePropertyName]!["dialogStack"]![0]!["state"]!["dialogs"]!["dialogStack"]!;
        var prompt = rootInner[0]!;
        Assert.Equal("n", (string?)prompt["id"]);
        Assert.Equal(2, (int)prompt["state"]!["state"]!["$value"]!["attemptCount"]!);
    }

    [Fact]
    public async Task Reaching_max_attempts_ends_the_prompt_with_a_null_result_so_the_step_moves_on()
    {
        var harness = new DialogHarness(AskOnce(new ConfirmPrompt("confirm"), Ask("Shall we try a reframe?", retry: "Yes or no?", maxAttempts: 3)));
        await harness.SendAsync("hi");

        Assert.Contains("Yes or no?", (await harness.SendAsync("hmm")).SingleText());
        Assert.Contains("Yes or no?", (await harness.SendAsync("dunno")).SingleText());
        Assert.Equal("Let's leave that one for now.", (await harness.SendAsync("whatever")).SingleText());
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult!.Status);
        Assert.Null(harness.LastResult.Result);
    }

    [Fact]
    public async Task Non_message_activities_leave_the_prompt_waiting()
    {
        var harness = new DialogHarness(AskOnce(new TextPrompt("text"), Ask("What happened?")));
        await harness.SendAsync("hi");

        Assert.Empty(await harness.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }));
        Assert.Empty(await harness.SendActivityAsync(new Activity { Type = ActivityTypes.ConversationUpdate }));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult!.Status);
        Assert.Equal("Got still here", (await harness.SendAsync("still here")).SingleText());
    }

    [Fact]
    public async Task Card_submit_with_a_text_field_answers_a_text_prompt()
    {
        var harness = new DialogHarness(AskOnce(new TextPrompt("text"), Ask("What happened?")));
        await harness.SendAsync("hi");

        Assert.Equal("Got from the card", (await harness.SubmitAsync(new JsonObject { ["text"] = "from the card" })).SingleText());
    }

    [Fact]
    public async Task Card_submit_without_choice_or_text_uses_its_first_string_field()
    {
        var harness = new DialogHarness(AskOnce(new TextPrompt("text"), Ask("What happened?")));
        await harness.SendAsync("hi");

        var replies = await harness.SubmitAsync(new JsonObject { ["count"] = 3, ["feelingInput"] = "lonely", ["other"] = "x" });

        Assert.Equal("Got lonely", replies.SingleText());
    }

    [Fact]
    public async Task Sending_a_prompt_does_not_change_the_callers_activity()
    {
        var options = Ask("What happened?");
        var harness = new DialogHarness(AskOnce(new TextPrompt("text"), options));

        await harness.SendAsync("hi");

        Assert.Null(options.Prompt!.Conversation);
        Assert.Equal(InputHints.AcceptingInput, options.Prompt.InputHint);
    }

    [Fact]
    public async Task A_dialog_begun_over_a_prompt_hands_back_to_it_and_the_prompt_asks_again()
    {
        var detour = new WaterfallDialog("detour")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync("A quick aside.", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            }, "aside");
        var main = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync("text", Ask("What happened?"), ct), "ask")
            .AddStep((step, ct) => step.EndDialogAsync(step.Result, ct), "finish");
        var root = new DetourOnAsideDialog("root");
        root.AddDialog(main);
        root.AddDialog(new TextPrompt("text"));
        root.AddDialog(detour);
        var harness = new DialogHarness(root);
        await harness.SendAsync("hi");

        var replies = await harness.SendAsync("aside");

        Assert.Equal(["A quick aside.", "What happened?"], replies.Select(r => r.Text));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult!.Status);
        await harness.SendAsync("we talked");
        Assert.Equal("we talked", harness.LastResult!.Result);
    }

    /// <summary>Begins the "detour" dialog on top of whatever is waiting when the user says "aside".</summary>
    private sealed class DetourOnAsideDialog(string id) : ComponentDialog(id)
    {
        protected override Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken) =>
            innerDc.Context.Activity.Text == "aside"
                ? innerDc.BeginDialogAsync("detour", null, cancellationToken)
                : base.OnContinueDialogAsync(innerDc, cancellationToken);
    }

    [Fact]
    public async Task Prompt_options_given_as_json_are_accepted()
    {
        var node = JsonSerializer.SerializeToNode(Ask("Given as JSON?"), DialogJson.Default.PromptOptions)!;
        var main = new WaterfallDialog("main")
            .AddStep((step, ct) => step.BeginDialogAsync("text", node, ct), "ask")
            .AddStep((step, ct) => step.EndDialogAsync(step.Result, ct), "finish");
        var harness = new DialogHarness(Component("root", main, new TextPrompt("text")));

        Assert.Equal("Given as JSON?", (await harness.SendAsync("hi")).SingleText());
    }

    [Fact]
    public async Task On_a_later_turn_the_validator_sees_the_saved_prompt_retry_and_choices_as_its_own_copy()
    {
        var seen = new List<string>();
        PromptValidator<FoundChoice> peek = (ctx, _) =>
        {
            seen.Add($"{ctx.Options.Prompt?.Text} | {ctx.Options.RetryPrompt?.Text} | {string.Join(",", ctx.Options.Choices!.Select(c => c.Value))} | {ctx.Options.MaxAttempts}");
            // A copy for this turn: changing it must not change what the next turn reads.
            ctx.Options.Prompt!.Text = "changed";
            return Task.FromResult(ctx.Recognized.Succeeded);
        };
        var options = Ask("Tea or coffee?", retry: "Which would you like?", maxAttempts: 5, choices: [new Choice("tea"), new Choice("coffee")]);
        var harness = new DialogHarness(AskOnce(new ChoicePrompt("drink", peek), options));
        await harness.SendAsync("hi");

        Assert.StartsWith("Which would you like?", (await harness.SendAsync("juice")).SingleText());
        Assert.Equal("Got coffee", (await harness.SendAsync("coffee")).SingleText());
        Assert.Equal(["Tea or coffee? | Which would you like? | tea,coffee | 5", "Tea or coffee? | Which would you like? | tea,coffee | 5"], seen);
    }
}
