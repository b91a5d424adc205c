using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Tests.Builder;

public sealed class ShowTypingMiddlewareTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private static TestAdapter NewAdapter() => new TestAdapter().Use(new ShowTypingMiddleware(Delay, Period));

    private static List<string> Kinds(TestAdapter adapter)
    {
        var kinds = new List<string>();
        while (adapter.GetNextReply() is { } reply)
        {
            kinds.Add(reply.Type == ActivityTypes.Typing ? "typing" : reply.Text!);
        }

        return kinds;
    }

    [Fact]
    public async Task A_slow_answer_is_preceded_by_repeated_typing_and_followed_by_none()
    {
        var adapter = NewAdapter();

        await adapter.SendTextToBotAsync("hello", async (tc, ct) =>
        {
            await Task.Delay(450, ct);
            await tc.SendActivityAsync("answer", cancellationToken: ct);
        });
        await Task.Delay(Period * 3);

        var kinds = Kinds(adapter);
        Assert.Equal("answer", kinds[^1]);
        Assert.True(kinds.Count(k => k == "typing") >= 2, string.Join(",", kinds));
    }

    [Fact]
    public async Task Typing_stops_at_the_first_message_even_if_the_turn_goes_on()
    {
        var adapter = NewAdapter();

        await adapter.SendTextToBotAsync("hello", async (tc, ct) =>
        {
            await Task.Delay(200, ct);
            await tc.SendActivityAsync("first", cancellationToken: ct);
            await Task.Delay(400, ct);
        });

        var kinds = Kinds(adapter);
        Assert.Equal("first", kinds[^1]);
        Assert.Contains("typing", kinds);
    }

    [Fact]
    public async Task A_quick_answer_shows_no_typing()
    {
        // A generous delay, so a busy test machine cannot make "quick" look slow.
        var adapter = new TestAdapter().Use(new ShowTypingMiddleware(TimeSpan.FromSeconds(1), Period));

        await adapter.SendTextToBotAsync("hello", (tc, ct) => tc.SendActivityAsync("answer", cancellationToken: ct));
        await Task.Delay(Period * 2);

        Assert.Equal(["answer"], Kinds(adapter));
    }

    [Fact]
    public async Task ExpectReplies_and_non_message_turns_show_no_typing()
    {
        var adapter = NewAdapter();
        var expectReplies = adapter.MakeActivity("hello");
        expectReplies.DeliveryMode = DeliveryModes.ExpectReplies;
        var update = adapter.MakeActivity();
        update.Type = ActivityTypes.ConversationUpdate;

        foreach (var activity in new[] { expectReplies, update })
        {
            await adapter.ProcessActivityAsync(activity, (_, ct) => Task.Delay(300, ct));
        }

        Assert.Empty(Kinds(adapter));
    }

    [Fact]
    public async Task Typing_does_not_count_as_the_bot_having_responded()
    {
        var adapter = NewAdapter();
        bool? responded = null;

        await adapter.SendTextToBotAsync("hello", async (tc, ct) =>
        {
            await Task.Delay(250, ct);
            responded = tc.Responded;
        });

        Assert.False(responded);
        Assert.Contains("typing", Kinds(adapter));
    }
}
