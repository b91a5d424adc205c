using System.Text.Json;
using System.Text.Json.Serialization;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Tests.Sdk;

/// <summary>Behaviour someone who knows the Bot Framework SDK expects of the same names (see docs/porting.md).</summary>
public class SdkBehaviourTests
{
    static SdkBehaviourTests() => StateJson.Register(SdkTestJson.Default);

    [Fact]
    public void A_dialog_without_an_id_is_an_argument_null_error()
    {
        Assert.Throws<ArgumentNullException>(() => new TextPrompt(""));
        Assert.Throws<ArgumentNullException>(() => new ChoicePrompt(null!));
        Assert.Throws<ArgumentNullException>(() => new WaterfallDialog(" "));
        Assert.Throws<ArgumentNullException>(() => new ComponentDialog(""));
        Assert.Throws<ArgumentNullException>(() => new DialogSet(null!));
    }

    [Fact]
    public void Message_factory_marks_plain_messages_as_accepting_input_and_keeps_a_given_hint()
    {
        Assert.Equal(InputHints.AcceptingInput, MessageFactory.Text("hello").InputHint);
        Assert.Equal(InputHints.AcceptingInput, MessageFactory.Text("hello", "<speak>hello</speak>").InputHint);
        Assert.Equal(InputHints.IgnoringInput, MessageFactory.Text("one moment", null, InputHints.IgnoringInput).InputHint);
    }

    [Fact]
    public async Task A_send_handler_may_keep_everything_back_and_answer_with_nothing()
    {
        var adapter = new TestAdapter();
        ResourceResponse? response = new("not replaced");
        await adapter.ProcessActivityAsync(adapter.MakeActivity("hi"), async (turn, ct) =>
        {
            turn.OnSendActivities((_, _, _) => Task.FromResult<ResourceResponse[]>(null!));
            response = await turn.SendActivityAsync("kept back", cancellationToken: ct);
        });

        Assert.Null(response);
        Assert.Null(adapter.GetNextReply());
    }

    [Theory]
    [InlineData(3, "Your colour? (1) red, (2) green, or (3) blue")]
    [InlineData(2, "Your colour? (1) red or (2) green")]
    [InlineData(1, "Your colour? (1) red")]
    public void Inline_choices_read_as_the_sdk_writes_them(int count, string expected) =>
        Assert.Equal(expected, ChoiceFactory.Inline(Colours().Take(count).ToList(), "Your colour?").Text);

    [Fact]
    public void A_list_is_indented_and_numbered_or_bulleted()
    {
        Assert.Equal("Your colour?\n\n   1. red\n   2. green\n   3. blue", ChoiceFactory.List(Colours(), "Your colour?").Text);
        Assert.Equal("Your colour?\n\n   - red\n   - green\n   - blue", ChoiceFactory.List(Colours(), "Your colour?", options: new ChoiceFactoryOptions { IncludeNumbers = false }).Text);
    }

    [Fact]
    public async Task A_choice_prompt_joins_its_choices_in_the_language_of_the_message()
    {
        var main = new WaterfallDialog("main").AddStep((step, ct) => step.PromptAsync("colour", new PromptOptions(prompt: MessageFactory.Text("Welke kleur?"), choices: Colours()), ct), "ask");
        var harness = new Dialogs.DialogHarness(Dialogs.TestDialogs.Component("root", main, new ChoicePrompt("colour") { Style = ListStyle.Inline }), locale: "nl-NL");

        Assert.Equal("Welke kleur? (1) red, (2) green, of (3) blue", Dialogs.TestDialogs.SingleText(await harness.SendAsync("hoi")));
    }

    [Fact]
    public async Task Auto_save_state_middleware_saves_after_the_turn_and_the_next_turn_sees_it()
    {
        var storage = new MemoryStorage();
        var conversation = new ConversationState(storage);
        var visits = conversation.CreateProperty<Visits>("visits");
        var adapter = new TestAdapter().Use(new AutoSaveStateMiddleware(conversation));
        await new TestFlow(adapter, async (turn, ct) =>
            {
                var seen = await visits.GetAsync(turn, () => new Visits(), ct);
                seen.Count++;
                await turn.SendActivityAsync($"visit {seen.Count}", cancellationToken: ct);
            })
            .Test("hi", "visit 1")
            .Test("hi", "visit 2")
            .StartTestAsync();

        var stored = Assert.IsType<StoreItem>(Assert.Single((await storage.ReadAsync([ConversationState.KeyFor(Channels.Test, adapter.Conversation.Conversation!.Id!)])).Values));
        Assert.Equal("""{"visits":{"count":2}}""", stored.Json);
    }

    [Fact]
    public async Task A_typed_store_item_reads_back_typed_and_a_stale_etag_is_refused()
    {
        var storage = new MemoryStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["note"] = new Note { Text = "first" }, ["count"] = new Visits { Count = 1 } });

        var read = await storage.ReadAsync(["note", "count"]);
        var note = Assert.IsType<Note>(read["note"]);
        Assert.Equal("first", note.Text);
        Assert.False(string.IsNullOrEmpty(note.ETag));
        Assert.Equal(1, Assert.IsType<Visits>(read["count"]).Count);

        note.Text = "second";
        await storage.WriteAsync(new Dictionary<string, object> { ["note"] = note });
        note.Text = "third, from a stale copy";
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(new Dictionary<string, object> { ["note"] = note }));

        // Not an IStoreItem: last writer wins, as in the SDK.
        await storage.WriteAsync(new Dictionary<string, object> { ["count"] = new Visits { Count = 5 } });
        Assert.Equal(5, (await storage.ReadAsync<Visits>(["count"]))["count"].Count);
        Assert.Equal("second", (await storage.ReadAsync(["note"])).MapValueTo<Note>("note")!.Text);
    }

    [Fact]
    public void An_activity_read_from_the_wire_is_written_back_byte_for_byte()
    {
        // In the schema's property order (a re-serialised activity always has it); numbers and nesting as sent.
        const string json = """{"type":"message","id":"a1","channelId":"msteams","text":"","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.5"}}],"channelData":{"tenant":{"id":"t1"},"legacy":[1,2.50,"x"]},"value":{"choice":"yes","n":1e3},"extra":{"kept":true}}""";

        var activity = JsonSerializer.Deserialize(json, SchemaJson.Default.Activity)!;

        Assert.Equal(json, JsonSerializer.Serialize(activity, SchemaJson.Default.Activity));
        Assert.Equal("yes", activity.GetValue(SdkTestJson.Default.CardSubmission)!.Choice);
        Assert.Equal("t1", activity.GetChannelData(SdkTestJson.Default.TeamsData)!.Tenant!.Id);
    }

    [Fact]
    public void A_card_the_bot_builds_is_sent_as_the_same_json_as_before_payloads_were_objects()
    {
        var card = new HeroCard { Title = "Plan", Buttons = [CardAction.ImBack("Edit", "edit plan")] };
        var activity = MessageFactory.Attachment(card.ToAttachment());

        var sent = JsonSerializer.Serialize(activity, SchemaJson.Default.Activity);

        Assert.Same(card, activity.Attachments![0].Content);
        Assert.Contains("""{"contentType":"application/vnd.microsoft.card.hero","content":{"title":"Plan","buttons":[{"type":"imBack","title":"Edit","value":"edit plan"}]}}""", sent);
    }

    [Fact]
    public async Task Handlers_get_the_activity_typed_and_an_invoke_nobody_handles_is_answered_501()
    {
        var bot = new TypedBot();
        var adapter = new TestAdapter();
        await new TestFlow(adapter, bot)
            .Send("hello").AssertReply("message: hello")
            .Send(new Activity { Type = ActivityTypes.ConversationUpdate, MembersRemoved = [new ChannelAccount("someone")] }).AssertReply("removed: someone")
            .Send(new Activity { Type = ActivityTypes.InstallationUpdate, Action = "add-upgrade" }).AssertReply("installed")
            .StartTestAsync();

        var invoke = adapter.MakeActivity();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "some/invoke";
        var turn = new TurnContext(adapter, invoke);
        await bot.OnTurnAsync(turn);
        Assert.Equal(501, turn.InvokeResponse!.Status);
    }

    private static List<Choice> Colours() => ChoiceFactory.ToChoices(["red", "green", "blue"]);

    private sealed class TypedBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync($"message: {turnContext.Activity.Text}", cancellationToken: cancellationToken);

        protected override Task OnMembersRemovedAsync(IList<ChannelAccount> membersRemoved, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync($"removed: {membersRemoved[0].Id}", cancellationToken: cancellationToken);

        protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync("installed", cancellationToken: cancellationToken);
    }
}

public sealed class Visits
{
    public int Count { get; set; }
}

public sealed class Note : IStoreItem
{
    public string? Text { get; set; }

    public string? ETag { get; set; }
}

public sealed record CardSubmission(string? Choice);

public sealed class TeamsData
{
    public TenantInfo? Tenant { get; set; }
}

public sealed class TenantInfo
{
    public string? Id { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Visits))]
[JsonSerializable(typeof(Note))]
[JsonSerializable(typeof(CardSubmission))]
[JsonSerializable(typeof(TeamsData))]
internal sealed partial class SdkTestJson : JsonSerializerContext;
