using System.Text.Json.Nodes;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.State;
using static ReflectBot.Framework.Tests.Dialogs.TestDialogs;

namespace ReflectBot.Framework.Tests.Dialogs;

public class DialogStatePersistenceTests
{
    /// <summary>Builds the bot's dialogs from scratch, as a freshly started process would.</summary>
    private static ComponentDialog BuildRoot(string secondStepName = "report")
    {
        var main = new WaterfallDialog("main")
            .AddStep(async (step, ct) =>
            {
                step.Values["startedWith"] = step.Context.Activity.Text;
                return await step.PromptAsync("choice", Ask("Where shall we start?", retry: "Pick one of these?", choices: ChoiceFactory.ToChoices(["Signs", "Reframing", "Next steps"])), ct);
            }, "ask")
            .AddStep(async (step, ct) =>
            {
                var found = (FoundChoice)step.Result!;
                await step.Context.SendActivityAsync($"Starting with {found.Value} (you first said '{step.Values["startedWith"]}')", cancellationToken: ct);
                return await step.EndDialogAsync(found.Value, ct);
            }, secondStepName);
        return Component("root", main, new ChoicePrompt("choice"));
    }

    [Fact]
    public async Task A_prompt_continues_after_a_restart_with_brand_new_dialog_instances()
    {
        var storage = new MemoryStorage();
        var before = new DialogHarness(BuildRoot(), storage: storage);
        await before.SendAsync("hello");
        await before.SendAsync("pizza");

        var after = new DialogHarness(BuildRoot(), storage: storage);
        var replies = await after.SendAsync("the second");

        Assert.Equal("Starting with Reframing (you first said 'hello')", replies.SingleText());
        Assert.False(after.LastTurnState!.ContainsKey(DialogExtensions.StackResetKey));
    }

    [Fact]
    public async Task The_retry_count_survives_a_restart()
    {
        var storage = new MemoryStorage();
        var root = BuildRoot();
        var before = new DialogHarness(root, storage: storage);
        await before.SendAsync("hello");
        await before.SendAsync("pizza");

        var saved = (await before.ReadSavedStateAsync()).ToJsonString();
        Assert.Contains("\"attemptCount\":1", saved);
        Assert.Contains("\"Next steps\"", saved);

        var after = new DialogHarness(BuildRoot(), storage: storage);
        Assert.Equal("Pick one of these?", (await after.SendAsync("pasta")).SingleText());
        Assert.Contains("\"attemptCount\":2", (await after.ReadSavedStateAsync()).ToJsonString());
    }

    [Fact]
    public async Task A_stack_saved_by_an_older_version_restarts_the_root_instead_of_failing()
    {
        var storage = new MemoryStorage();
        var old = new DialogHarness(BuildRoot(secondStepName: "reportV1"), storage: storage);
        await old.SendAsync("hello");

        var updated = new DialogHarness(BuildRoot(secondStepName: "reportV2"), storage: storage);
        var replies = await updated.SendAsync("the second");

        Assert.True((bool)updated.LastTurnState![DialogExtensions.StackResetKey]);
        Assert.Equal("Where shall we start?", replies.SingleText());
        Assert.Equal(DialogTurnStatus.Waiting, updated.LastResult!.Status);

        // The fresh stack works normally from here.
        Assert.Equal("Starting with Signs (you first said 'the second')", (await updated.SendAsync("1")).SingleText());
    }

    [Fact]
    public async Task A_saved_root_that_no_longer_exists_restarts_the_current_root()
    {
        var storage = new MemoryStorage();
        var old = new DialogHarness(Component("old-root", new TextPrompt("text")), storage: storage);
        await old.SendAsync("hello");

        var updated = new DialogHarness(BuildRoot(), storage: storage);
        var replies = await updated.SendAsync("hi again");

        Assert.True(updated.LastTurnState!.ContainsKey(DialogExtensions.StackResetKey));
        Assert.Equal("Where shall we start?", replies.SingleText());
    }

    [Fact]
    public async Task An_unknown_dialog_inside_a_saved_stack_restarts_the_root()
    {
        var storage = new MemoryStorage();
        var harness = new DialogHarness(BuildRoot(), storage: storage);
        await harness.SendAsync("hello");

        // Swap the waiting prompt's id for one this build has never heard of, versions left as they were.
        var document = await harness.ReadSavedStateAsync();
        var inner = document[DialogHarness.StatePropertyName]!["dialogStack"]![0]!["state"]!["dialogs"]!["dialogStack"]!.AsArray();
        inner[0]!["id"] = "removed-dialog";
        inner[0]!.AsObject().Remove("version");
        var key = ConversationState.KeyFor(harness.ChannelId, DialogHarness.ConversationId);
        await storage.WriteAsync(new Dictionary<string, object> { [key] = new StoreItem(document.ToJsonString(), StoreItem.AnyETag) });

        var replies = await harness.SendAsync("2");

        Assert.True(harness.LastTurnState!.ContainsKey(DialogExtensions.StackResetKey));
        Assert.Equal("Where shall we start?", replies.SingleText());
    }

    [Fact]
    public async Task Swapping_the_prompt_type_behind_an_id_is_seen_as_a_new_version()
    {
        Assert.NotEqual(new TextPrompt("p").Version, new ConfirmPrompt("p").Version);
        Assert.NotEqual(new NumberPrompt<int>("p").Version, new NumberPrompt<double>("p").Version);

        var storage = new MemoryStorage();
        var main = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync("p", Ask("Anything else?"), ct), "ask")
            .AddStep((step, ct) => step.EndDialogAsync(step.Result, ct), "finish");
        await new DialogHarness(Component("root", main, new TextPrompt("p")), storage: storage).SendAsync("hi");

        var main2 = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync("p", Ask("Anything else?"), ct), "ask")
            .AddStep((step, ct) => step.EndDialogAsync(step.Result, ct), "finish");
        var updated = new DialogHarness(Component("root", main2, new ConfirmPrompt("p")), storage: storage);
        await updated.SendAsync("yes");

        Assert.True(updated.LastTurnState!.ContainsKey(DialogExtensions.StackResetKey));
    }

    [Fact]
    public async Task Nested_components_save_the_same_stack_whether_or_not_the_turn_touched_it()
    {
        // Two components deep: the inner stacks are kept as live objects during a turn and written once at the end.
        var storage = new MemoryStorage();
        var inner = Component("inner", new WaterfallDialog("steps")
            .AddStep(async (step, ct) => await step.PromptAsync("name", Ask("Your name?"), ct), "ask")
            .AddStep(async (step, ct) => await step.PromptAsync("name", Ask($"Hello {step.Result}. And again?"), ct), "again")
            .AddStep((step, ct) => step.EndDialogAsync(step.Result, ct), "done"), new TextPrompt("name"));
        var harness = new DialogHarness(Component("outer", inner), storage: storage);

        Assert.Equal("Your name?", (await harness.SendAsync("hi")).SingleText());
        Assert.Equal("Hello Sam. And again?", (await harness.SendAsync("Sam")).SingleText());

        var saved = await harness.ReadSavedStateAsync();
        var outerInstance = saved[DialogHarness.StatePropertyName]!["dialogStack"]![0]!;
        var innerInstance = outerInstance["state"]!["dialogs"]!["dialogStack"]![0]!;
        var waterfall = innerInstance["state"]!["dialogs"]!["dialogStack"]![1]!;
        Assert.Equal("inner", (string?)innerInstance["id"]);
        Assert.Equal(1, (int)waterfall["state"]!["stepIndex"]!);

        // A new process reads it back and carries on from the same step.
        var restarted = new DialogHarness(Component("outer", Component("inner", new WaterfallDialog("steps")
            .AddStep(async (step, ct) => await step.PromptAsync("name", Ask("Your name?"), ct), "ask")
            .AddStep(async (step, ct) => await step.PromptAsync("name", Ask($"Hello {step.Result}. And again?"), ct), "again")
            .AddStep((step, ct) => step.EndDialogAsync(step.Result, ct), "done"), new TextPrompt("name"))), storage: storage);
        await restarted.SendAsync("Alex");
        Assert.Equal(DialogTurnStatus.Complete, restarted.LastResult!.Status);
        Assert.Equal("Alex", restarted.LastResult.Result);
    }

    [Theory]
    [InlineData("""{"favourite":"the waterfall","dialogStack":[],"more":2}""")]
    [InlineData("""{"more":2,"dialogStack":[]}""")]
    [InlineData("""{"dialogStack":{"not":"a list"}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""  "just text" """)]
    public void A_dialogs_key_that_is_not_an_inner_stack_is_written_back_as_it_was(string dialogsValue)
    {
        // Inner stacks are read straight into live objects; anything else under "dialogs" must survive untouched.
        var json = """{"dialogStack":[{"id":"custom","version":"custom","state":{"stepIndex":1,"dialogs":"""
            + dialogsValue.Trim()
            + ""","values":{"a":"b"}}},{"id":"root","version":"root[x]","state":{"dialogs":{"dialogStack":[{"id":"x","version":"x","state":{"attemptCount":0}}]}}}]}""";

        var state = System.Text.Json.JsonSerializer.Deserialize(json, DialogJson.Default.DialogState)!;

        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(state, DialogJson.Default.DialogState));
        Assert.IsNotType<DialogState>(state.DialogStack[0].State["dialogs"]);
        var inner = Assert.IsType<DialogState>(state.DialogStack[1].State["dialogs"]);
        Assert.Equal("x", inner.DialogStack.Single().Id);
    }

    [Fact]
    public void A_saved_stack_reads_back_entries_without_a_version_and_ignores_fields_it_does_not_know()
    {
        // The stack is read by hand: it must accept what the generated serializer accepted and write the same shape.
        var json = """{"older":{"x":[1]},"dialogStack":[{"id":"a","extra":true,"state":{"s":"\u0027q\u0027"}},{"id":"b","version":"b[c]","state":{}}]}""";

        var state = System.Text.Json.JsonSerializer.Deserialize(json, DialogJson.Default.DialogState)!;

        Assert.Equal(["a", "b"], state.DialogStack.Select(i => i.Id));
        Assert.Null(state.DialogStack[0].Version);
        Assert.Equal("'q'", (string)state.DialogStack[0].State["s"]!);
        Assert.Equal(
            """{"dialogStack":[{"id":"a","state":{"s":"\u0027q\u0027"}},{"id":"b","version":"b[c]","state":{}}]}""",
            System.Text.Json.JsonSerializer.Serialize(state, DialogJson.Default.DialogState));
    }

    [Fact]
    public void A_component_version_follows_a_step_added_inside_after_it_was_first_read()
    {
        var waterfall = new WaterfallDialog("steps").AddStep((step, ct) => step.EndDialogAsync(null, ct), "one");
        var component = Component("root", waterfall);
        var before = component.Version;
        Assert.Same(before, component.Version);

        waterfall.AddStep((step, ct) => step.EndDialogAsync(null, ct), "two");

        Assert.NotEqual(before, component.Version);
        Assert.Contains("steps:one,two", component.Version);
    }

    [Fact]
    public void Found_choices_can_be_saved_with_the_dialog_json_context()
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(new FoundChoice { Value = "Signs", Index = 0, Score = 1 }, DialogJson.Default.FoundChoice)!;

        Assert.Equal("Signs", (string?)node["value"]);
        Assert.IsType<JsonObject>(node);
    }
}
