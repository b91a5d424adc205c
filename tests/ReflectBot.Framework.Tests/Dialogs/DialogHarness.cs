using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Tests.State;

namespace ReflectBot.Framework.Tests.Dialogs;

/// <summary>
/// Test helper (not the Testing kit): runs a root dialog one turn at a time the way a bot does — load
/// conversation state, <see cref="DialogExtensions.RunAsync"/>, save — and records what the bot sent.
/// Every turn builds a fresh <see cref="ConversationState"/>, so only what was saved to storage carries over.
/// </summary>
internal sealed class DialogHarness
{
    public const string StatePropertyName = "DialogState";
    public const string ConversationId = "conv-1";

    private readonly RecordingAdapter _adapter = new();
    private Dialog _root;
    private int _nextId;

    public DialogHarness(Dialog root, string channelId = Channels.Webchat, IStorage? storage = null, string? locale = null)
    {
        _root = root;
        ChannelId = channelId;
        Storage = storage ?? new MemoryStorage();
        Locale = locale;
    }

    public IStorage Storage { get; }

    public string ChannelId { get; }

    public string? Locale { get; set; }

    /// <summary>The result RunAsync returned on the last turn.</summary>
    public DialogTurnResult? LastResult { get; private set; }

    /// <summary>The turn state of the last turn (flags such as StackResetKey).</summary>
    public TurnContextStateCollection? LastTurnState { get; private set; }

    /// <summary>Swaps in a new root dialog, as a process restart or a new deploy would; storage is kept.</summary>
    public void Restart(Dialog newRoot) => _root = newRoot;

    public Task<List<Activity>> SendAsync(string text) => SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = text });

    /// <summary>An Adaptive Card Action.Submit: a message with a value and no text.</summary>
    public Task<List<Activity>> SubmitAsync(JsonObject value) => SendActivityAsync(new Activity
    {
        Type = ActivityTypes.Message,
        Value = JsonSerializer.SerializeToElement(value, SchemaJson.Default.JsonObject),
    });

    public async Task<List<Activity>> SendActivityAsync(Activity activity)
    {
        activity.Id ??= $"in-{++_nextId}";
        activity.ChannelId ??= ChannelId;
        activity.Conversation ??= new ConversationAccount { Id = ConversationId };
        activity.From ??= new ChannelAccount { Id = "user-1", Role = RoleTypes.User };
        activity.Recipient ??= new ChannelAccount { Id = "bot-1", Role = RoleTypes.Bot };
        activity.ServiceUrl ??= "http://localhost/";
        activity.Locale ??= Locale;

        var before = _adapter.Sent.Count;
        await _adapter.ProcessAsync(activity, async (turnContext, ct) =>
        {
            var conversationState = new ConversationState(Storage);
            var accessor = conversationState.CreateProperty<DialogState>(StatePropertyName);
            LastResult = await _root.RunAsync(turnContext, accessor, ct);
            LastTurnState = turnContext.TurnState;
            await conversationState.SaveChangesAsync(turnContext, false, ct);
        });

        return _adapter.Sent.Skip(before).ToList();
    }

    /// <summary>The saved conversation document, as a restarted process would read it.</summary>
    public async Task<JsonObject> ReadSavedStateAsync()
    {
        var key = ConversationState.KeyFor(ChannelId, ConversationId);
        var items = await Storage.ReadAsync([key]);
        return (JsonNode.Parse(items.Doc(key).Json) as JsonObject)!;
    }

    private sealed class RecordingAdapter : BotAdapter
    {
        public List<Activity> Sent { get; } = [];

        public Task ProcessAsync(Activity activity, BotCallbackHandler callback) =>
            RunPipelineAsync(new TurnContext(this, activity), callback, CancellationToken.None);

        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
        {
            Sent.AddRange(activities);
            return Task.FromResult(activities.Select(_ => new ResourceResponse($"out-{Sent.Count}")).ToArray());
        }

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Dialogs under test do not update messages.");

        public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Dialogs under test do not delete messages.");
    }
}

/// <summary>Test helper: small builders for dialogs under test.</summary>
internal static class TestDialogs
{
    public static PromptOptions Ask(string text, string? retry = null, int maxAttempts = 0, List<Choice>? choices = null) => new()
    {
        Prompt = MessageFactory.Text(text),
        RetryPrompt = retry is null ? null : MessageFactory.Text(retry),
        MaxAttempts = maxAttempts,
        Choices = choices,
    };

    /// <summary>A component holding the given dialogs; the first is where it starts.</summary>
    public static ComponentDialog Component(string id, params Dialog[] dialogs)
    {
        var component = new ComponentDialog(id);
        foreach (var d in dialogs)
        {
            component.AddDialog(d);
        }

        return component;
    }

    /// <summary>The only text of a single reply (fails the test when there are more or fewer replies).</summary>
    public static string? SingleText(this List<Activity> replies) => Assert.Single(replies).Text;
}
