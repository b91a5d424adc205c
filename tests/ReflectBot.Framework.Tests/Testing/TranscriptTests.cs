using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Tests.Testing;

public sealed class TranscriptTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reflectbot-transcripts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Greets on join, offers a hero card and buttons for "menu", echoes the rest.</summary>
    private sealed class SampleBot(string greeting = "Welcome") : ActivityHandler
    {
        protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(greeting, cancellationToken: cancellationToken);

        protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
        {
            if (turnContext.Activity.Text == "menu")
            {
                var card = MessageFactory.Attachment(new HeroCard { Title = "Menu" }.ToAttachment());
                card.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("Signs", "signs"), CardAction.ImBack("Plan", "plan")] };
                await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, cancellationToken);
                await turnContext.SendActivityAsync(card, cancellationToken);
                return;
            }

            await turnContext.SendActivityAsync($"echo: {turnContext.Activity.Text}", cancellationToken: cancellationToken);
        }
    }

    private async Task<string> RecordAsync(IBot bot)
    {
        var recorder = new TranscriptRecorder();
        await new TestFlow(new TestAdapter().Use(new TranscriptLoggerMiddleware(recorder)), bot)
            .SendConversationUpdate().AssertReply("Welcome")
            .Send("menu").AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type)).AssertReply(_ => { })
            .Send("hello").AssertReply("echo: hello")
            .StartTestAsync();
        var path = Path.Combine(_folder, "sample.transcript");
        await recorder.WriteAsync(path);
        return path;
    }

    [Fact]
    public async Task A_recorded_conversation_replays_against_the_same_bot()
    {
        var path = await RecordAsync(new SampleBot());

        var transcript = await TranscriptFile.ReadAsync(path);
        Assert.Equal(["user", "bot", "user", "bot", "bot", "user", "bot"], transcript.Select(a => a.From?.Role));

        await TranscriptReplay.ReplayAsync(path, new TestAdapter(), new SampleBot());
    }

    [Fact]
    public async Task A_bot_that_now_says_something_else_fails_the_replay_at_that_activity()
    {
        var path = await RecordAsync(new SampleBot());

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TranscriptReplay.ReplayAsync(path, new TestAdapter(), new SampleBot(greeting: "Hi there")));

        Assert.StartsWith("sample.transcript activity 1: The bot's reply differs from the transcript: text \"Hi there\" instead of \"Welcome\".", ex.Message);
    }

    [Fact]
    public async Task A_hand_written_transcript_checks_attachments_and_button_titles()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "menu.transcript");
        await File.WriteAllTextAsync(path, """
            [
              { "type": "message", "text": "menu", "from": { "id": "u", "role": "user" }, "recipient": { "id": "b" } },
              { "type": "message", "from": { "id": "b", "role": "bot" },
                "attachments": [ { "contentType": "application/vnd.microsoft.card.adaptive" } ],
                "suggestedActions": { "actions": [ { "type": "imBack", "title": "Signs" }, { "type": "imBack", "title": "Plan" } ] } }
            ]
            """);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TranscriptReplay.ReplayAsync(path, new TestAdapter(), new SampleBot()));

        Assert.Contains("attachments [application/vnd.microsoft.card.hero] instead of [application/vnd.microsoft.card.adaptive]", ex.Message);
        Assert.DoesNotContain("buttons", ex.Message.Split('\n')[0]);
    }

    [Fact]
    public async Task A_bot_that_says_more_than_the_transcript_fails_at_the_end()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "short.transcript");
        await File.WriteAllTextAsync(path, """[ { "type": "message", "text": "hello", "from": { "id": "u", "role": "user" } } ]""");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TranscriptReplay.ReplayAsync(path, new TestAdapter(), new SampleBot()));

        Assert.StartsWith("short.transcript end: Expected no reply but the bot sent \"echo: hello\"", ex.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_transcript_names_the_file()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "broken.transcript");
        await File.WriteAllTextAsync(path, """{ "type": "message" }""");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => TranscriptFile.ReadAsync(path));

        Assert.Contains("broken.transcript:1", ex.Message);
    }
}
