using System.Text.Json;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Tests.Adapters;

public sealed class CloudAdapterTests
{
    private readonly RecordingSender _sender = new();

    private CloudAdapter NewAdapter() => new(_sender);

    [Fact]
    public async Task A_normal_reply_is_posted_to_the_reply_path_with_from_and_recipient_swapped()
    {
        var adapter = NewAdapter();
        ResourceResponse? sent = null;

        var result = await adapter.ProcessActivityAsync(Activities.FromTeams("hello"), async (tc, ct) => sent = await tc.SendActivityAsync("hi Sam", cancellationToken: ct));

        Assert.Equal(200, result.Status);
        Assert.Null(result.SerializeBody());
        var call = Assert.Single(_sender.Calls);
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.Equal("https://smba.example/teams/", call.ServiceUrl.AbsoluteUri);
        Assert.Equal("v3/conversations/a%3Aconv-1/activities/msg-1", call.Path);
        var reply = JsonSerializer.Deserialize(call.Body!, SchemaJson.Default.Activity)!;
        Assert.Equal("hi Sam", reply.Text);
        Assert.Equal("msg-1", reply.ReplyToId);
        Assert.Equal("28:bot", reply.From?.Id);
        Assert.Equal("29:user", reply.Recipient?.Id);
        Assert.Equal("a:conv-1", reply.Conversation?.Id);
        Assert.Equal("srv-1", sent?.Id);
    }

    [Fact]
    public async Task A_reply_to_an_activity_without_id_is_posted_to_the_conversation()
    {
        var incoming = Activities.FromTeams("hello");
        incoming.Id = null;

        await NewAdapter().ProcessActivityAsync(incoming, (tc, ct) => tc.SendActivityAsync("hi", cancellationToken: ct));

        Assert.Equal("v3/conversations/a%3Aconv-1/activities", Assert.Single(_sender.Calls).Path);
    }

    [Fact]
    public async Task Teams_channel_thread_ids_are_escaped_in_the_path()
    {
        await NewAdapter().ProcessActivityAsync(
            Activities.FromTeams("hello", conversationId: "19:abc@thread.tacv2;messageid=1700"),
            (tc, ct) => tc.SendActivityAsync("hi", cancellationToken: ct));

        Assert.Equal("v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1700/activities/msg-1", Assert.Single(_sender.Calls).Path);
    }

    [Fact]
    public async Task ExpectReplies_returns_the_replies_in_the_body_and_posts_nothing()
    {
        var result = await NewAdapter().ProcessActivityAsync(
            Activities.FromTeams("hello", deliveryMode: DeliveryModes.ExpectReplies),
            async (tc, ct) =>
            {
                await tc.SendActivityAsync("one", cancellationToken: ct);
                await tc.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, ct);
                await tc.SendActivityAsync("two", cancellationToken: ct);
            });

        Assert.Empty(_sender.Calls);
        Assert.Equal(200, result.Status);
        var body = JsonSerializer.Deserialize(result.SerializeBody()!, SchemaJson.Default.ExpectedReplies)!;
        Assert.Equal(["one", "two"], body.Activities.Select(a => a.Text));
        Assert.All(body.Activities, a => Assert.Equal("msg-1", a.ReplyToId));
    }

    [Fact]
    public async Task Traces_reach_only_the_emulator()
    {
        BotCallbackHandler bot = (tc, ct) => tc.SendActivityAsync(new Activity { Type = ActivityTypes.Trace, Name = "debug" }, ct);
        var adapter = NewAdapter();

        await adapter.ProcessActivityAsync(Activities.FromTeams("hello"), bot);
        Assert.Empty(_sender.Calls);

        var fromEmulator = Activities.FromTeams("hello");
        fromEmulator.ChannelId = Channels.Emulator;
        await adapter.ProcessActivityAsync(fromEmulator, bot);
        Assert.Single(_sender.Calls);
    }

    [Fact]
    public async Task An_invoke_answers_with_the_bots_invoke_response()
    {
        var invoke = Activities.FromTeams("");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";

        var result = await NewAdapter().ProcessActivityAsync(invoke, (tc, ct) => tc.SendActivityAsync(new Activity
        {
            Type = ActivityTypes.InvokeResponse,
            Value = JsonDocument.Parse("""{"status":200,"body":{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Saved"}}""").RootElement,
        }, ct));

        Assert.Equal(200, result.Status);
        Assert.Equal("Saved", JsonDocument.Parse(result.SerializeBody()!).RootElement.GetProperty("value").GetString());
        Assert.Empty(_sender.Calls);
    }

    [Fact]
    public async Task An_invoke_the_bot_did_not_answer_gets_501()
    {
        var invoke = Activities.FromTeams("");
        invoke.Type = ActivityTypes.Invoke;

        var result = await NewAdapter().ProcessActivityAsync(invoke, (_, _) => Task.CompletedTask);

        Assert.Equal(501, result.Status);
    }

    [Fact]
    public async Task Update_and_delete_use_PUT_and_DELETE_on_the_activity()
    {
        await NewAdapter().ProcessActivityAsync(Activities.FromTeams("hello"), async (tc, ct) =>
        {
            var card = MessageFactory.Text("pick one");
            card.Id = "card-7";
            await tc.UpdateActivityAsync(card, ct);
            await tc.DeleteActivityAsync("card-7", ct);
        });

        var calls = _sender.Calls.ToArray();
        Assert.Equal((HttpMethod.Put, "v3/conversations/a%3Aconv-1/activities/card-7"), (calls[0].Method, calls[0].Path));
        Assert.Equal("pick one", JsonSerializer.Deserialize(calls[0].Body!, SchemaJson.Default.Activity)!.Text);
        Assert.Equal((HttpMethod.Delete, "v3/conversations/a%3Aconv-1/activities/card-7"), (calls[1].Method, calls[1].Path));
    }

    [Fact]
    public async Task Turns_of_one_conversation_run_one_at_a_time_in_arrival_order()
    {
        var adapter = NewAdapter();
        var firstMayFinish = new TaskCompletionSource();
        var order = new List<string>();
        var running = 0;
        var maxRunning = 0;

        async Task Bot(ITurnContext tc, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            lock (order)
            {
                order.Add(tc.Activity.Text!);
            }

            if (tc.Activity.Text == "1")
            {
                await firstMayFinish.Task;
            }

            await Task.Yield();
            Interlocked.Decrement(ref running);
        }

        var turns = new List<Task> { adapter.ProcessActivityAsync(Activities.FromTeams("1", id: "m1"), Bot) };
        for (var i = 2; i <= 6; i++)
        {
            turns.Add(adapter.ProcessActivityAsync(Activities.FromTeams(i.ToString(), id: "m" + i), Bot));

            // Wait until this turn is queued so "arrival order" is well defined.
            while (adapter.ConversationLock.WaitingFor("msteams/a:conv-1") < i - 1)
            {
                await Task.Delay(1);
            }
        }

        firstMayFinish.SetResult();
        await Task.WhenAll(turns);

        Assert.Equal(["1", "2", "3", "4", "5", "6"], order);
        Assert.Equal(1, maxRunning);
        Assert.Equal(0, adapter.ConversationLock.ActiveKeys);
    }

    [Fact]
    public async Task Another_conversation_is_not_held_up_by_a_slow_one()
    {
        var adapter = NewAdapter();
        var slowMayFinish = new TaskCompletionSource();
        var slow = adapter.ProcessActivityAsync(Activities.FromTeams("slow", conversationId: "a:slow"), async (_, _) => await slowMayFinish.Task);

        var quick = adapter.ProcessActivityAsync(Activities.FromTeams("quick", conversationId: "a:quick"), (_, _) => Task.CompletedTask);

        Assert.Same(quick, await Task.WhenAny(quick, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.False(slow.IsCompleted);
        slowMayFinish.SetResult();
        await slow;
    }

    [Fact]
    public async Task A_failing_turn_releases_the_conversation_for_the_next_one()
    {
        var adapter = NewAdapter();
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => adapter.ProcessActivityAsync(Activities.FromTeams("boom"), (_, _) => throw new InvalidOperationException()));

        var next = adapter.ProcessActivityAsync(Activities.FromTeams("next"), (_, _) => Task.CompletedTask);

        Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(0, adapter.ConversationLock.ActiveKeys);
    }

    [Fact]
    public async Task The_callers_identity_is_available_to_the_turn()
    {
        var identity = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("aud", "app-id")], "Bearer");
        object? seen = null;

        await NewAdapter().ProcessActivityAsync(Activities.FromTeams("hi"), (tc, _) =>
        {
            seen = tc.TurnState[CloudAdapter.BotIdentityKey];
            return Task.CompletedTask;
        }, identity: identity);

        Assert.Same(identity, seen);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
