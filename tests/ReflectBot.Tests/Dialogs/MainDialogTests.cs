using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Bots;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Schema;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Dialogs;

public class MainDialogTests
{
    [Fact]
    public async Task A_new_user_is_welcomed_once_with_the_disclaimer_and_sees_the_menu()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .SendConversationUpdate()
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReply("What would you like to do?")
            .SendConversationUpdate()
            .AssertNoReply("a repeated join event does not greet again")
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_works_at_the_menu_and_shows_the_menu_again()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .SendConversationUpdate()
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReply("What would you like to do?")
            .Send("HELP!")
            .AssertReplyContains("Here's how I can help")
            .AssertReply("What would you like to do?")
            .Send("purple elephants")
            .AssertReply("I didn't quite catch that. Pick one of these, or type its number.")
            .Send("what's the weather like in paris tomorrow?")
            .AssertReply("Sorry, I don't know about that. I only know about closeness and distance in relationships. Type \"menu\" to see what I can do, or ask me a question about emotional distance.")
            .AssertReply("What would you like to do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_message_before_any_join_still_gets_the_disclaimer_once()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .Send("hi")
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReply("What would you like to do?")
            .Send("menu")
            .AssertReply("What would you like to do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Teams_gets_the_menu_as_an_adaptive_card()
    {
        using var host = new BotTestHost(channelId: Channels.Msteams);
        await host.Flow()
            .Send("hi")
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReply(a => Assert.Equal(AdaptiveCard.ContentType, Assert.Single(a.Attachments!).ContentType))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_crash_mid_conversation_gets_an_apology_and_a_fresh_start()
    {
        using var host = new BotTestHost(configureServices: s => s.AddSingleton<IInterruption>(new CrashOn("boom")));
        await host.Flow()
            .Send("hi")
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReply("What would you like to do?")
            .Send("boom")
            .AssertReply("Sorry, something went wrong on my side. Let's try that again from the menu.")
            .Send("hello again")
            .AssertReply("What would you like to do?", "the broken stack was cleared, so the menu starts afresh")
            .StartTestAsync();
    }

    private sealed class CrashOn(string word) : IInterruption
    {
        public Task<DialogTurnResult?> TryInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken) =>
            innerDc.Context.Activity.Text == word ? throw new InvalidOperationException("a dialog bug") : Task.FromResult<DialogTurnResult?>(null);
    }
}
