using ReflectBot.Framework.Adapters;

namespace ReflectBot.Framework.Tests.Adapters;

public sealed class KeyedAsyncLockTests
{
    [Fact]
    public async Task A_cancelled_waiter_gives_its_place_to_the_next()
    {
        var keyed = new KeyedAsyncLock();
        var held = await keyed.AcquireAsync("k");
        using var cancel = new CancellationTokenSource();
        var cancelled = keyed.AcquireAsync("k", cancel.Token);
        var next = keyed.AcquireAsync("k");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(next.IsCompleted);
        held.Dispose();

        (await next).Dispose();
        Assert.Equal(0, keyed.ActiveKeys);
    }

    [Fact]
    public async Task Many_short_lived_keys_leave_nothing_behind()
    {
        var keyed = new KeyedAsyncLock();

        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), async (i, ct) =>
        {
            using (await keyed.AcquireAsync("conversation-" + (i % 50), ct))
            {
                await Task.Yield();
            }
        });

        Assert.Equal(0, keyed.ActiveKeys);
    }

    [Fact]
    public async Task Releasing_twice_does_not_let_two_holders_in()
    {
        var keyed = new KeyedAsyncLock();
        var first = await keyed.AcquireAsync("k");
        var second = keyed.AcquireAsync("k");
        var third = keyed.AcquireAsync("k");

        first.Dispose();
        first.Dispose();

        await second;
        Assert.False(third.IsCompleted);
    }
}
