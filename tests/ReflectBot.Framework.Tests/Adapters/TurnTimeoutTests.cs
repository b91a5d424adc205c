using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace ReflectBot.Framework.Tests.Adapters;

/// <summary>
/// A turn that hangs (a store that never answers, a stuck step) must not hold its conversation forever: past
/// <see cref="CloudAdapter.TurnTimeout"/> it is cancelled and abandoned, the user hears from the error handler,
/// nothing of it is saved, and the conversation's next message runs.
/// </summary>
public sealed class TurnTimeoutTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(300);

    // Generous: the machine is shared; what matters is that the call returns at all, and long before "forever".
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    private readonly RecordingSender _sender = new();
    private readonly CapturingLogger<TurnErrorHandler> _log = new();
    private readonly List<Exception> _handled = [];
    private int _resets;

    private AdapterWithErrorHandler NewAdapter()
    {
        var handler = new TurnErrorHandler(
            _log,
            (_, exception) =>
            {
                lock (_handled)
                {
                    _handled.Add(exception);
                }

                return MessageFactory.Text(exception is TurnTimeoutException ? "sorry, that took too long" : "sorry, something broke");
            },
            (_, _, _) =>
            {
                Interlocked.Increment(ref _resets);
                return Task.CompletedTask;
            });
        return new AdapterWithErrorHandler(_sender, handler) { TurnTimeout = Limit, HoldRepliesUntilSaved = true };
    }

    private static List<Activity> Replies(TurnResult result) =>
        JsonSerializer.Deserialize(result.SerializeBody()!, SchemaJson.Default.ExpectedReplies)!.Activities.ToList();

    private static List<string?> PostedTexts(RecordingSender sender) =>
        sender.Calls.Select(c => JsonSerializer.Deserialize(c.Body!, SchemaJson.Default.Activity)!.Text).ToList();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_turn_that_never_ends_is_answered_with_the_apology_and_the_next_message_runs(bool honoursCancellation)
    {
        var adapter = NewAdapter();
        var clock = Stopwatch.StartNew();

        var result = await adapter.ProcessActivityAsync(
            Activities.FromTeams("my partner never listens", deliveryMode: DeliveryModes.ExpectReplies),
            (_, ct) => honoursCancellation ? Task.Delay(Timeout.Infinite, ct) : new TaskCompletionSource().Task);

        // Timers may fire a millisecond or so early by the stopwatch's measure.
        Assert.InRange(clock.Elapsed, Limit - TimeSpan.FromMilliseconds(15), Limit + Margin);
        Assert.Equal("sorry, that took too long", Assert.Single(Replies(result)).Text);
        Assert.IsType<TurnTimeoutException>(Assert.Single(_handled));
        Assert.Equal(0, _resets);

        // The conversation is free again. (A roomier limit now, so a busy test machine cannot time this one out too.)
        Assert.Equal(0, adapter.ConversationLock.ActiveKeys);
        adapter.TurnTimeout = TimeSpan.FromSeconds(30);
        var next = await adapter.ProcessActivityAsync(
            Activities.FromTeams("hello again", id: "msg-2", deliveryMode: DeliveryModes.ExpectReplies),
            (tc, ct) => tc.SendActivityAsync("hi", cancellationToken: ct));
        Assert.Equal("hi", Assert.Single(Replies(next)).Text);
    }

    [Fact]
    public async Task The_time_out_is_logged_in_one_line_without_what_the_user_wrote()
    {
        await NewAdapter().ProcessActivityAsync(
            Activities.FromTeams("my partner never listens", deliveryMode: DeliveryModes.ExpectReplies),
            (_, _) => new TaskCompletionSource().Task);

        var (level, message, exception) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("0.3 s", message);
        Assert.Contains("a:conv-1", message);
        Assert.Contains("msg-1", message);
        Assert.DoesNotContain("partner", message);
        Assert.Null(exception);
    }

    [Fact]
    public async Task Replies_held_for_the_save_are_dropped_and_a_send_now_reply_made_before_the_hang_stands()
    {
        var adapter = NewAdapter();

        var result = await adapter.ProcessActivityAsync(Activities.FromTeams("help me"), async (tc, ct) =>
        {
            await tc.SendNowAsync(MessageFactory.Text("crisis lines"), ct);
            await tc.SendActivityAsync("half an answer", cancellationToken: ct);
            await new TaskCompletionSource().Task;
        });

        Assert.Equal(200, result.Status);
        Assert.Equal(["crisis lines", "sorry, that took too long"], PostedTexts(_sender));
    }

    [Fact]
    public async Task A_turn_that_wakes_up_after_its_deadline_writes_nothing()
    {
        var adapter = NewAdapter();
        var storage = new MemoryStorage();
        var wake = new TaskCompletionSource();
        var wroteLate = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);

        await adapter.ProcessActivityAsync(Activities.FromTeams("hi"), async (_, ct) =>
        {
            // Stuck on something that ignores the token, then carries on as if nothing happened.
            await wake.Task;
            try
            {
                await storage.WriteAsync(new Dictionary<string, object> { ["conversation/a:conv-1"] = new StoreItem("{\"step\":2}", StoreItem.AnyETag) }, ct);
                wroteLate.SetResult(null);
            }
            catch (Exception ex)
            {
                wroteLate.SetResult(ex);
                throw;
            }
        });

        wake.SetResult();
        Assert.IsAssignableFrom<OperationCanceledException>(await wroteLate.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(await storage.ReadAsync(["conversation/a:conv-1"]));
    }

    [Fact]
    public async Task A_turn_within_its_time_is_untouched()
    {
        var adapter = NewAdapter();
        adapter.TurnTimeout = TimeSpan.FromSeconds(30);

        var result = await adapter.ProcessActivityAsync(
            Activities.FromTeams("hi", deliveryMode: DeliveryModes.ExpectReplies),
            async (tc, ct) =>
            {
                await Task.Delay(50, ct);
                await tc.SendActivityAsync("hello", cancellationToken: ct);
            });

        Assert.Equal("hello", Assert.Single(Replies(result)).Text);
        Assert.Empty(_handled);
    }

    [Fact]
    public async Task An_invoke_that_times_out_is_not_reported_as_answered()
    {
        var invoke = Activities.FromTeams("");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";

        var result = await NewAdapter().ProcessActivityAsync(invoke, (_, _) => new TaskCompletionSource().Task);

        Assert.Equal(501, result.Status);
        Assert.Equal(["sorry, that took too long"], PostedTexts(_sender));
    }
}
