using System.Text;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage;
using ReflectBot.State;
using ReflectBot.Tests.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Privacy;

/// <summary>"Delete my data" removes everything kept about the person, from every conversation, and nothing else.</summary>
public class DeleteMyDataTests
{
    private const string UserId = "user-quokka-7f3a";
    private const string SecretWords = "marmalade zeppelin";

    [Fact]
    public async Task Deleting_removes_the_profile_plans_and_every_conversation_of_the_user_but_not_other_users()
    {
        var storage = new MemoryStorage();
        using var host = new BotTestHost(storage: storage, userId: UserId);
        await SeedOtherUserAsync(host);
        var othersKeys = storage.Keys.ToList();

        await host.Flow()
            .StartAtMenu()
            .Send("therapist").AssertReplyContains("Reaching out")
            .Send("add it to my plan").AssertReplyContains("in your plan now").AssertReply(_ => { })
            .StartTestAsync();
        await TalkInAnotherConversationAsync(host, "conversation-2");
        await SeedSavedStatementAsync(host);
        Assert.Contains(storage.Keys, k => k.Contains("conversation-2", StringComparison.Ordinal));
        Assert.Contains(storage.Keys, k => k.Contains(UserId, StringComparison.Ordinal));

        await host.Flow()
            .Send("delete my data")
            .AssertReply(a =>
            {
                Assert.Contains("It can't be undone", a.Text);
                Assert.Equal(["Yes, delete it all", "No, keep it"], SafetyFlowExtensions.ButtonTitles(a.Sent));
            })
            .Send("Yes, delete it all")
            .AssertReply("Done. I've erased everything I kept about you. If you write again, we'll start fresh.")
            .AssertNoReply("no menu after erasing")
            .StartTestAsync();

        Assert.Equal(othersKeys.Order(), storage.Keys.Order());

        // Coming back: the bot no longer knows them, so they get the welcome and disclaimer again.
        await host.Flow().StartAtMenu().StartTestAsync();
        Assert.Empty((await CheckInTests.ProfileOf(host)).Toolkit.Plans);
    }

    [Fact]
    public async Task Saying_no_keeps_everything_and_returns_to_where_the_person_was()
    {
        var storage = new MemoryStorage();
        using var host = new BotTestHost(storage: storage, userId: UserId);
        await host.Flow()
            .StartAtMenu()
            .Send("therapist").AssertReplyContains("Reaching out")
            .Send("erase my data")
            .AssertReplyContains("It can't be undone")
            .Send("No, keep it")
            .AssertReply("Okay, nothing was deleted.")
            .AssertReplyContains("Reaching out", "back at the referral question")
            .StartTestAsync();
        Assert.Contains(storage.Keys, k => k.Contains(UserId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_store_fails_the_person_is_told_nothing_was_deleted()
    {
        var storage = new FailingDeleteStorage();
        using var host = new BotTestHost(storage: storage, userId: UserId);
        await host.Flow()
            .StartAtMenu()
            .Send("delete my data").AssertReplyContains("It can't be undone")
            .Send("yes")
            .AssertReplyContains("couldn't reach my storage just now, so nothing was deleted yet")
            .AssertReply("What would you like to do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Delete_my_data_as_the_first_message_of_a_new_conversation_reaches_the_older_ones()
    {
        var storage = new MemoryStorage();
        using var host = new BotTestHost(storage: storage, userId: UserId);
        await host.Flow().StartAtMenu().StartTestAsync();
        host.Adapter.Conversation.Conversation = new Framework.Schema.ConversationAccount { Id = "conversation-3" };
        await host.Flow()
            .Send("delete my data")
            .AssertReplyContains("It can't be undone")
            .Send("yes")
            .AssertReplyContains("I've erased everything")
            .StartTestAsync();
        Assert.Empty(storage.Keys);
    }

    [Fact]
    public async Task Nothing_about_the_user_remains_in_the_sqlite_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reflectbot-privacy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "bot.db");
        try
        {
            var storage = new SqliteStorage(new SqliteStorageOptions { ConnectionString = $"Data Source={file}" });
            using (storage)
            using (var host = new BotTestHost(storage: storage, userId: UserId))
            {
                await SeedOtherUserAsync(host);
                await host.Flow()
                    .StartAtMenu()
                    .Send("therapist").AssertReplyContains("Reaching out")
                    .Send("plan").AssertReplyContains("in your plan now").AssertReply(_ => { })
                    .StartTestAsync();
                await TalkInAnotherConversationAsync(host, "conversation-2");
                await SeedSavedStatementAsync(host);

                // Several writes, so older versions of the documents sit in free space and in the WAL too.
                for (var i = 0; i < 3; i++)
                {
                    await SeedSavedStatementAsync(host, $" {i}");
                }

                Assert.True(FileContains(folder, UserId), "the test is only meaningful if the user id was stored");
                Assert.True(FileContains(folder, SecretWords), "the test is only meaningful if the words were stored");

                host.Adapter.Conversation.Conversation = new Framework.Schema.ConversationAccount { Id = "conversation-1" };
                await host.Flow()
                    .Send("delete my data").AssertReplyContains("It can't be undone")
                    .Send("yes").AssertReplyContains("I've erased everything")
                    .StartTestAsync();
            }

            Assert.False(FileContains(folder, UserId), "the user id is still in the database files");
            Assert.False(FileContains(folder, SecretWords), "the user's words are still in the database files");
            Assert.False(FileContains(folder, "conversation-2"), "a conversation of the user is still in the database files");
            Assert.True(FileContains(folder, "someone-else"), "other users' data must survive");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Searches every file of the store (the .db, -wal and -shm) for the text, as UTF-8 and as UTF-16.</summary>
    private static bool FileContains(string folder, string text)
    {
        byte[][] needles = [Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text)];
        foreach (var path in Directory.GetFiles(folder))
        {
            var bytes = File.ReadAllBytes(path);
            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task TalkInAnotherConversationAsync(BotTestHost host, string conversationId)
    {
        var original = host.Adapter.Conversation.Conversation;
        host.Adapter.Conversation.Conversation = new Framework.Schema.ConversationAccount { Id = conversationId };
        await host.Flow().Send("hello").AssertReply(_ => { }).Send("therapist").AssertReplyContains("Reaching out").StartTestAsync();
        while (host.Adapter.GetNextReply() is not null)
        {
        }

        host.Adapter.Conversation.Conversation = original;
    }

    /// <summary>Saves an "I feel" statement with the user's own words, as the reframe conversation does.</summary>
    private static async Task SeedSavedStatementAsync(BotTestHost host, string suffix = "")
    {
        var state = host.Get<ReflectBotState>();
        var context = new TurnContext(host.Adapter, host.Adapter.MakeActivity("seed"));
        var profile = await state.Profile.GetAsync(context, () => new UserProfile());
        profile.Toolkit.Statements.Add(new SavedStatement { Text = $"I feel lonely when we skip the {SecretWords} evenings{suffix}", SavedAt = DateTimeOffset.UtcNow });
        // Words kept in the conversation too, as a waterfall keeps an answer between steps.
        var notes = state.ConversationState.CreateProperty<DialogState>("test.notes");
        await notes.SetAsync(context, new DialogState { DialogStack = [new DialogInstance { Id = "notes", State = new Dictionary<string, object?> { ["said"] = SecretWords + suffix } }] });
        await state.SaveAsync(context, CancellationToken.None);
    }

    private static async Task SeedOtherUserAsync(BotTestHost host)
    {
        var state = host.Get<ReflectBotState>();
        var activity = host.Adapter.MakeActivity("seed");
        activity.From = new Framework.Schema.ChannelAccount { Id = "someone-else" };
        activity.Conversation = new Framework.Schema.ConversationAccount { Id = "someone-elses-conversation" };
        var context = new TurnContext(host.Adapter, activity);
        var profile = await state.Profile.GetAsync(context, () => new UserProfile());
        profile.Welcomed = true;
        await state.DialogState.SetAsync(context, new DialogState());
        await state.SaveAsync(context, CancellationToken.None);
    }

    private sealed class FailingDeleteStorage : IStorage
    {
        private readonly MemoryStorage _inner = new();

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) => _inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) => _inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => throw new StorageUnavailableException("down");
    }
}
