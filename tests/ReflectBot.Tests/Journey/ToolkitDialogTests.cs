using ReflectBot.Framework.Schema;
using ReflectBot.Framework.Storage;
using ReflectBot.Tests.Journey.Support;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Journey;

public sealed class ToolkitDialogTests : IDisposable
{
    private const string Empty = "Your toolkit is empty for now. \"I feel\" statements and plans you save will wait for you here.";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reflectbot-toolkit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static TestFlow PlanOneStep(TestFlow flow) => flow
        .Send("plan").AssertReply(_ => { }).AssertReply(_ => { })
        .Send("regular check-ins").AssertReply(_ => { })
        .Send("ten minutes after dinner").AssertReply(_ => { })
        .Send("Sunday evening").AssertReply(_ => { }).AssertReply(_ => { })
        .Send("the kids").AssertReply(_ => { })
        .Send("no").AssertReply(_ => { }).AssertReply(_ => { }).AssertReply(_ => { })
        .AssertMenu(JourneyFlow.MenuAgain);

    [Fact]
    public async Task An_empty_toolkit_says_so_kindly_from_the_menu()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .AtMenu()
            .Send("My toolkit")
            .AssertReply(Empty)
            .AssertReplyContains(JourneyFlow.Menu, "at the menu, the toolkit command shows the toolkit and the menu again")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_saved_plan_is_in_the_toolkit_on_a_later_visit_after_the_bot_restarts()
    {
        Directory.CreateDirectory(_folder);
        var options = new SqliteStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "bot.db")}" };

        using (var storage = new SqliteStorage(options))
        using (var first = new BotTestHost(storage, configureServices: FixedClock.On(FixedClock.Wednesday)))
        {
            await PlanOneStep(first.Flow().AtMenu()).StartTestAsync();
        }

        // A new process: new services, a new storage object on the same file, a new conversation.
        using var reopened = new SqliteStorage(options);
        using var later = new BotTestHost(reopened, configureServices: FixedClock.On(FixedClock.Wednesday.AddDays(3)), conversationId: "conversation-2");
        await later.Flow()
            .SendConversationUpdate()
            .AssertReply("Welcome back. Good to see you again.")
            .AssertReplyContains(JourneyFlow.Menu)
            .Send("my toolkit")
            .AssertReply("Here's what you've saved. It's yours to come back to whenever you like.\n\nMy toolkit"
                + "\n\nMy plan from 11 November 2026"
                + "\n\n1. Regular check-ins\nWhat: ten minutes after dinner\nWhen: Sunday evening (Sunday 15 November, 7:00 PM)\nMight get in the way: the kids")
            .AssertReplyContains(JourneyFlow.Menu)
            .StartTestAsync();
    }

    [Fact]
    public async Task My_toolkit_in_the_middle_of_the_signs_shows_it_and_asks_the_same_question_again()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .AtMenu()
            .Send("signs").AssertReply(_ => { }).AssertReply(_ => { })
            .Send("my partner").AssertReply(_ => { })
            .AssertReply(reply => Assert.StartsWith("1 of 10: ", reply.Text))
            .Send("show my toolkit")
            .AssertReply(Empty)
            .AssertReply(reply => Assert.StartsWith("1 of 10: ", reply.Text))
            .Send("yes")
            .AssertReply(reply => Assert.StartsWith("2 of 10: ", reply.Text))
            .StartTestAsync();
    }

    [Fact]
    public async Task Teams_shows_the_toolkit_as_a_card_newest_plan_first()
    {
        using var host = new BotTestHost(channelId: Channels.Msteams, configureServices: FixedClock.On(FixedClock.Wednesday));
        var flow = host.Flow().AtMenu();
        await PlanOneStep(flow)
            .Send("toolkit")
            .AssertReply(reply =>
            {
                Assert.Equal("Here's what you've saved. It's yours to come back to whenever you like.", reply.Text);
                var json = JourneyFlow.CardJson(reply.Sent);
                Assert.Contains("My plan from 11 November 2026", json);
                Assert.Contains("What: ten minutes after dinner", json);
            })
            .StartTestAsync();
    }
}
