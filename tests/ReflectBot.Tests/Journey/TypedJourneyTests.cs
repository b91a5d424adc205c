using ReflectBot.Framework.Schema;
using ReflectBot.Tests.Journey.Support;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Journey;

/// <summary>
/// The whole journey by someone who only types, on the console channel where nothing can be clicked: every choice
/// is answered by its number, its title or plain words.
/// </summary>
public class TypedJourneyTests
{
    [Fact]
    public async Task Someone_typing_numbers_titles_and_plain_words_goes_from_signs_to_reframe_to_a_saved_plan()
    {
        using var host = new BotTestHost(channelId: Channels.Console, configureServices: FixedClock.On(FixedClock.Wednesday));
        var flow = host.Flow()
            .Send("hello")
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReply(reply => Assert.StartsWith("What would you like to do?\n\n   1. Recognise the signs\n   2. Say it with \"I feel\"\n   3. Plan next steps", reply.Text))
            .Send("1")
            .AssertReply(_ => { })
            .AssertReply("Whose behaviour would you like to look at?\n\n   1. My own\n   2. My partner's\n   3. Someone else close to me")
            .Send("2")
            .AssertReply(_ => { });

        // Ten signs, answered by number, by title and in plain words.
        foreach (var answer in new[] { "1", "Sometimes", "not really", "yes", "2", "no", "3", "yeah", "no", "nope" })
        {
            flow = flow.AssertReply(reply => Assert.EndsWith("Do you notice this in your partner?\n\n   1. Yes\n   2. Sometimes\n   3. No", reply.Text)).Send(answer);
        }

        flow = flow
            .AssertReply("How long has this been going on?\n\n   1. A few weeks\n   2. Months\n   3. Years")
            .Send("Years")
            .AssertReply(_ => { })
            .Send("3")
            .AssertReply(_ => { })
            .Send("seven")
            .AssertReply(_ => { })
            .Send("not sure")
            .AssertReply("Thank you for going through that with me. Here's what I heard.")
            .AssertReply(reply => Assert.StartsWith("You notice 5 of the 10 signs in your partner, most clearly steering away when talk turns emotional, not leaning on anyone and disappearing into work or distractions. It has been going on for years, and talking about it hasn't changed much. It's weighing on you at about 7 out of 10.", reply.Text))
            .AssertReply(_ => { })
            .AssertReply(reply => Assert.EndsWith("\n\n   1. Put it into words\n   2. Find a therapist\n   3. Not now", reply.Text))
            .Send("1")
            .AssertReply("Let's find words that help them hear you.")
            .AssertReply(_ => { })
            .Send("you always shut down when I bring up feelings")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("when I said I was sad on Sunday and you changed the subject")
            .AssertReply(reply => Assert.StartsWith("How do you feel when that happens? Pick the closest, or type your own word.\n\n   1. Sad\n   2. Scared", reply.Text))
            .Send("1")
            .AssertReply(reply => Assert.StartsWith("Which of these fits best? You can also type another word.\n\n   1. sad\n   2. lonely", reply.Text))
            .Send("2")
            .AssertReply(_ => { })
            .Send("being understood")
            .AssertReply(_ => { })
            .Send("1")
            .AssertReply(_ => { })
            .Send("could we sit together for ten minutes after dinner to talk")
            .AssertReply("Here it is, all together:\n\nMy \"I feel\" statement\n\nI feel lonely when I said I was sad on Sunday and you changed the subject, because I need to be heard. Could we sit together for ten minutes after dinner to talk?")
            .AssertReply(_ => { })
            .Send("1")
            .AssertReply("Saved to your toolkit. Type \"my toolkit\" any time to find it again.")
            .AssertReply(_ => { })
            .Send("yes please")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("4")
            .AssertReply(reply => Assert.StartsWith("Regular check-ins: what exactly will you do?", reply.Text))
            .Send("ask how the other's day felt")
            .AssertReply(_ => { })
            .Send("after dinner tomorrow")
            .AssertReply("Got it: Thursday 12 November, 8:00 PM.")
            .AssertReply(_ => { })
            .Send("phones")
            .AssertReply("Would you like to add another step? There's room for 2 more.\n\n   1. Add another\n   2. That's enough")
            .Send("2")
            .AssertReply(reply => Assert.StartsWith("Here's your plan.", reply.Text))
            .AssertReply("I've saved this plan to your toolkit. Type \"my toolkit\" any time to see it again.");
        await flow.StartTestAsync();

        var toolkit = (await SavedProfile.ReadAsync(host.Storage, Channels.Console)).Toolkit;
        Assert.Single(toolkit.Statements);
        Assert.Equal("checkIns", Assert.Single(Assert.Single(toolkit.Plans).Steps).Strategy);
    }
}
