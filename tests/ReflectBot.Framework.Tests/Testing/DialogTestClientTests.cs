using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Tests.Testing;

public sealed class DialogTestClientTests
{
    /// <summary>Asks for a name with a text prompt, greets twice, and ends with the name as its result.</summary>
    private static WaterfallDialog NameDialog() => new WaterfallDialog("askName")
        .AddStep((step, ct) => step.PromptAsync("name", new PromptOptions { Prompt = MessageFactory.Text("What should I call you?") }, ct), "ask")
        .AddStep(async (step, ct) =>
        {
            var name = (string)step.Result!;
            await step.Context.SendActivityAsync($"Nice to meet you, {name}.", cancellationToken: ct);
            await step.Context.SendActivityAsync("Let's begin.", cancellationToken: ct);
            return await step.EndDialogAsync(name, ct);
        }, "greet");

    private static ComponentDialog Root() => new NameComponent();

    private sealed class NameComponent : ComponentDialog
    {
        public NameComponent()
            : base("root")
        {
            AddDialog(NameDialog());
            AddDialog(new TextPrompt("name"));
            InitialDialogId = "askName";
        }
    }

    [Fact]
    public async Task A_dialog_runs_turn_by_turn_with_its_status_and_result()
    {
        var client = new DialogTestClient(Channels.Test, Root());

        var prompt = await client.SendActivityAsync<Activity>("hi");
        Assert.Equal("What should I call you?", prompt?.Text);
        Assert.Equal(DialogTurnStatus.Waiting, client.DialogTurnResult?.Status);

        var greeting = await client.SendActivityAsync<Activity>("Sam");
        Assert.Equal("Nice to meet you, Sam.", greeting?.Text);
        Assert.Equal("Let's begin.", client.GetNextReply<Activity>()?.Text);
        Assert.Null(client.GetNextReply<Activity>());
        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult?.Status);
        Assert.Equal("Sam", client.DialogTurnResult?.Result);
    }

    [Fact]
    public async Task The_stack_is_saved_on_the_given_storage_so_a_new_client_carries_on()
    {
        var storage = new MemoryStorage();
        var adapter = new TestAdapter();
        var before = new DialogTestClient(adapter, Root(), conversationState: new ConversationState(storage));
        await before.SendActivityAsync<Activity>("hi");
        Assert.Single(storage.Keys);

        // A fresh client and dialog objects over the same store: what a restart looks like.
        var after = new DialogTestClient(adapter, Root(), conversationState: new ConversationState(storage));
        var reply = await after.SendActivityAsync<Activity>("Ada");

        Assert.Equal("Nice to meet you, Ada.", reply?.Text);
        Assert.Equal(DialogTurnStatus.Complete, after.DialogTurnResult?.Status);
    }

    [Fact]
    public async Task Middleware_given_to_the_client_runs_on_every_turn()
    {
        var turns = 0;
        var counting = new AnonymousMiddleware((tc, next, ct) =>
        {
            turns++;
            return next(ct);
        });
        var client = new DialogTestClient(Channels.Msteams, Root(), middlewares: [counting]);

        await client.SendActivityAsync<Activity>("hi");
        await client.SendActivityAsync<Activity>("Sam");

        Assert.Equal(2, turns);
        Assert.Equal(Channels.Msteams, client.Adapter.Conversation.ChannelId);
    }
}
