using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Bots;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>The crisis reply goes out whatever else fails in the turn.</summary>
public class SafetyRobustnessTests
{
    public static TheoryData<Func<Exception>> StoreFailures => new()
    {
        () => new StorageUnavailableException("the store is down"),
        () => new TimeoutException("the store timed out"),
    };

    [Theory]
    [MemberData(nameof(StoreFailures))]
    public async Task The_crisis_reply_goes_out_when_every_store_call_throws(Func<Exception> failure)
    {
        var store = new ThrowingStorage(failure);
        using var host = new BotTestHost(storage: store);
        await host.Flow()
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm", "911", "988")
            .AssertNoReply()
            .StartTestAsync();
        Assert.True(store.Calls > 0, "the bot did try the store after replying");
        Assert.Contains(host.Logs.Lines, l => l.Contains("the reply stands", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_crisis_reply_goes_out_when_the_store_starts_failing_mid_conversation()
    {
        var store = new ThrowingStorage(() => new StorageUnavailableException("down"), failFromCall: int.MaxValue);
        using var host = new BotTestHost(storage: store);
        await host.Flow()
            .StartAtMenu()
            .Send("therapist")
            .AssertReplyContains("Reaching out")
            .Then(() =>
            {
                store.FailFromNow();
                return Task.CompletedTask;
            })
            .Send("he choked me")
            .AssertCrisisReply("abuse", "1-800-799-7233")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task The_crisis_reply_goes_out_when_a_later_middleware_crashes()
    {
        using var host = new BotTestHost(configureServices: s =>
            s.AddSingleton<IMiddleware>(new AnonymousMiddleware((_, _, _) => throw new InvalidOperationException("a later middleware broke"))));
        await host.Flow()
            .Send("someone is breaking in")
            .AssertCrisisReply("emergency", "911")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_crisis_reply_goes_out_when_the_bot_crashes_before_or_after_its_dialogs_ran(bool crashAfterDialogs)
    {
        using var host = new BotTestHost(configureServices: s => s.AddSingleton<IBot>(sp =>
            new CrashingBot(ActivatorUtilities.CreateInstance<ReflectBotHandler>(sp), crashAfterDialogs)));
        await host.Flow()
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm", "988")
            .AssertNoReply("no apology after the crisis reply")
            .StartTestAsync();
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("kill", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Without_a_crisis_a_failing_store_gets_the_usual_apology()
    {
        using var host = new BotTestHost(storage: new ThrowingStorage(() => new StorageUnavailableException("down")));
        await host.Flow()
            .Send("hello")
            .AssertReplyContains("Sorry, something went wrong", "the error handler still works when no crisis reply was sent")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_turn_error_handler_never_apologises_after_a_crisis_reply()
    {
        // Even a failure outside the safety middleware (an outer middleware, the adapter) must not follow help lines
        // with "something went wrong".
        using var host = new BotTestHost();
        var context = new TurnContext(host.Adapter, host.Adapter.MakeActivity("I want to kill myself"));
        ReflectBot.Safety.SafetyTurn.MarkReplySent(context);

        await host.Get<TurnErrorHandler>().HandleAsync(context, new InvalidOperationException("outer failure"));

        Assert.Null(host.Adapter.GetNextReply());
    }

    /// <summary>The real bot, with a crash before it runs or after its dialogs ran (and the message's words in the exception).</summary>
    private sealed class CrashingBot(IBot inner, bool crashAfter) : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            if (crashAfter)
            {
                await inner.OnTurnAsync(turnContext, cancellationToken);
            }

            throw new InvalidOperationException("could not handle: " + turnContext.Activity.Text);
        }
    }
}

/// <summary>A store that throws on every call (or from a given call on), the way an outage looks to the bot.</summary>
public sealed class ThrowingStorage(Func<Exception> failure, int failFromCall = 0) : IStorage
{
    private readonly MemoryStorage _inner = new();
    private int _failFrom = failFromCall;
    private int _calls;

    public int Calls => _calls;

    public void FailFromNow() => _failFrom = _calls;

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
        Next() ? throw failure() : _inner.ReadAsync(keys, cancellationToken);

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
        Next() ? throw failure() : _inner.WriteAsync(changes, cancellationToken);

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) =>
        Next() ? throw failure() : _inner.DeleteAsync(keys, cancellationToken);

    private bool Next() => Interlocked.Increment(ref _calls) > _failFrom;
}
