using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.State;
using static ReflectBot.Framework.Tests.Dialogs.TestDialogs;

namespace ReflectBot.Framework.Tests.Dialogs;

/// <summary>Waterfall steps that carry a typed record, CoreBot style, through restarts; and stacks saved before that.</summary>
public class TypedStepStateTests
{
    static TypedStepStateTests() => StateJson.Register(BookingJson.Default);

    /// <summary>Begun with a booking; asks where, then when; keeps the booking in Values and ends with it.</summary>
    private static ComponentDialog Booking()
    {
        var waterfall = new WaterfallDialog("booking")
            .AddStep(async (step, ct) =>
            {
                var booking = (BookingDetails)step.Options!;
                return booking.Destination is null
                    ? await step.PromptAsync("text", Ask("Where to?"), ct)
                    : await step.NextAsync(booking.Destination, ct);
            }, "destination")
            .AddStep(async (step, ct) =>
            {
                var booking = (BookingDetails)step.Options!;
                step.Values["booking"] = new BookingDetails { Destination = (string)step.Result!, Travellers = booking.Travellers };
                return await step.PromptAsync("text", Ask($"When would you like to go to {step.Result}?"), ct);
            }, "date")
            .AddStep(async (step, ct) =>
            {
                var booking = (BookingDetails)step.Values["booking"]!;
                booking.TravelDate = (string)step.Result!;
                await step.Context.SendActivityAsync($"{booking.Travellers} to {booking.Destination} on {booking.TravelDate}", cancellationToken: ct);
                return await step.EndDialogAsync(booking, ct);
            }, "confirm");
        return Component("root", new WaterfallDialog("start")
            .AddStep((step, ct) => step.BeginDialogAsync("booking", new BookingDetails { Travellers = 2 }, ct), "begin")
            .AddStep((step, ct) => step.EndDialogAsync(step.Result, ct), "end"), waterfall, new TextPrompt("text"));
    }

    [Fact]
    public async Task A_typed_record_in_options_and_values_is_read_back_typed_after_each_restart()
    {
        var storage = new MemoryStorage();
        Assert.Equal("Where to?", (await new DialogHarness(Booking(), storage: storage).SendAsync("hi")).SingleText());
        Assert.Equal("When would you like to go to Lisbon?", (await new DialogHarness(Booking(), storage: storage).SendAsync("Lisbon")).SingleText());

        var last = new DialogHarness(Booking(), storage: storage);
        Assert.Equal("2 to Lisbon on Friday", (await last.SendAsync("Friday")).SingleText());

        var result = Assert.IsType<BookingDetails>(last.LastResult!.Result);
        Assert.Equal(("Lisbon", "Friday", 2), (result.Destination, result.TravelDate, result.Travellers));
    }

    [Fact]
    public async Task A_typed_record_is_saved_under_its_short_name()
    {
        var harness = new DialogHarness(Booking());
        await harness.SendAsync("hi");

        var saved = (await harness.ReadSavedStateAsync()).ToJsonString();

        Assert.Contains("""{"$type":"BookingDetails","$value":{"travellers":2}}""", saved);
    }

    [Fact]
    public async Task Options_of_a_type_nobody_registered_fail_when_the_waterfall_begins_naming_the_type()
    {
        var root = Component("root", new WaterfallDialog("start")
            .AddStep((step, ct) => step.BeginDialogAsync("child", new NotForState(), ct), "begin"),
            new WaterfallDialog("child").AddStep((step, ct) => step.EndDialogAsync(null, ct), "only"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new DialogHarness(root).SendAsync("hi"));

        Assert.Contains(nameof(NotForState), error.Message);
    }

    [Fact]
    public async Task A_saved_type_this_build_no_longer_registers_restarts_the_conversation_politely()
    {
        var storage = new MemoryStorage();
        var harness = new DialogHarness(Booking(), storage: storage);
        await harness.SendAsync("hi");
        var document = (await harness.ReadSavedStateAsync()).ToJsonString().Replace("\"BookingDetails\"", "\"RemovedType\"", StringComparison.Ordinal);
        var key = ConversationState.KeyFor(harness.ChannelId, DialogHarness.ConversationId);
        await storage.WriteAsync(new Dictionary<string, object> { [key] = new StoreItem(document, StoreItem.AnyETag) });

        var replies = await harness.SendAsync("Lisbon");

        Assert.True(harness.LastTurnState!.ContainsKey(DialogExtensions.StackResetKey));
        Assert.Equal("Where to?", replies.SingleText());
    }

    [Fact]
    public async Task A_step_context_is_a_dialog_context_over_the_same_stack_with_the_turn_as_its_context()
    {
        var seen = new List<string>();
        var root = Component("root", new WaterfallDialog("main")
            .AddStep(async (step, ct) =>
            {
                DialogContext dc = step;
                ITurnContext turn = step.Context;
                seen.Add($"{turn.Activity.Text}|{dc.ActiveDialog!.Id}|{step.Stack.Count}|{step.Index}|{step.Reason}");
                return await step.PromptAsync("text", Ask("And?"), ct);
            }, "ask")
            .AddStep(async (step, ct) =>
            {
                seen.Add($"{step.Context.Activity.Text}|{step.ActiveDialog!.Id}|{step.Result}|{step.Index}|{step.Reason}");
                return await step.EndDialogAsync(null, ct);
            }, "end"), new TextPrompt("text"));
        var harness = new DialogHarness(root);

        await harness.SendAsync("hello");
        await harness.SendAsync("more");

        Assert.Equal(["hello|main|1|0|BeginCalled", "more|main|more|1|EndCalled"], seen);
    }

    /// <summary>A stack exactly as the runtime before typed step state saved it (JsonObject bags), waiting in a choice prompt.</summary>
    private const string StackSavedBeforeTypedState = """
        {"DialogState":{"dialogStack":[{"id":"root","version":"root[main:ask,done;series:askSign,record;ChoicePrompt:choice]","state":{"dialogs":{"dialogStack":[{"id":"choice","version":"ChoicePrompt:choice","state":{"options":{"prompt":{"type":"message","text":"Pick?"},"retryPrompt":{"type":"message","text":"Pick one?"},"choices":[{"value":"Yes"},{"value":"No"}],"maxAttempts":0},"state":{"attemptCount":1}}},{"id":"series","version":"series:askSign,record","state":{"values":{},"options":{"index":1,"who":"partner"},"stepIndex":0}},{"id":"main","version":"main:ask,done","state":{"values":{"who":"partner","count":3,"answers":{"a":"yes"}},"options":null,"stepIndex":0}}]}}}]}}
        """;

    [Fact]
    public async Task A_stack_saved_before_typed_step_state_carries_on_where_it_was()
    {
        var main = new WaterfallDialog("main")
            .AddStep((step, ct) => step.BeginDialogAsync("series", new JsonObject { ["index"] = 1, ["who"] = "partner" }, ct), "ask")
            .AddStep(async (step, ct) =>
            {
                var answers = (JsonObject)step.Values["answers"]!;
                await step.Context.SendActivityAsync($"{step.Values["who"]} {(int)step.Values["count"]! + 1} {answers["a"]} {step.Result}", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            }, "done");
        var series = new WaterfallDialog("series")
            .AddStep(async (step, ct) => await step.PromptAsync("choice", Ask("Pick?", retry: "Pick one?", choices: ChoiceFactory.ToChoices(["Yes", "No"])), ct), "askSign")
            .AddStep((step, ct) => step.EndDialogAsync($"{((JsonObject)step.Options!)["who"]}:{((FoundChoice)step.Result!).Value}", ct), "record");
        var storage = new MemoryStorage();
        var key = ConversationState.KeyFor(Framework.Schema.Channels.Webchat, DialogHarness.ConversationId);
        await storage.WriteAsync(new Dictionary<string, object> { [key] = new StoreItem(StackSavedBeforeTypedState.Trim()) });
        var harness = new DialogHarness(Component("root", main, series, new ChoicePrompt("choice")), storage: storage);

        Assert.Equal("Pick one?", (await harness.SendAsync("maybe")).SingleText()!.Split('\n')[0].Split(" (")[0]);
        Assert.Contains("\"attemptCount\":2", (await harness.ReadSavedStateAsync()).ToJsonString());

        Assert.Equal("partner 4 yes partner:No", (await harness.SendAsync("no")).SingleText());
        Assert.False(harness.LastTurnState!.ContainsKey(DialogExtensions.StackResetKey));
    }
}

public sealed class BookingDetails
{
    public string? Destination { get; set; }
    public string? TravelDate { get; set; }
    public int Travellers { get; set; }
}

public sealed class NotForState
{
    public int Value { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BookingDetails))]
internal sealed partial class BookingJson : JsonSerializerContext;
