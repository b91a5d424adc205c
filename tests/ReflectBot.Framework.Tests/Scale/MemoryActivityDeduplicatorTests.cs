using ReflectBot.Framework.Scale;
using ReflectBot.Framework.Tests.State;

namespace ReflectBot.Framework.Tests.Scale;

public sealed class MemoryActivityDeduplicatorTests
{
    private static readonly StoredTurnResult Ok = new(200, StoredTurnResult.BodyKind.None, null);
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private async Task RunOnceAsync(MemoryActivityDeduplicator deduplicator, string key)
    {
        await using var claim = await deduplicator.ClaimAsync(key);
        await claim.CompleteAsync(Ok);
    }

    [Fact]
    public async Task A_finished_activity_is_remembered_for_the_retention_period_then_forgotten()
    {
        var deduplicator = new MemoryActivityDeduplicator(new DeduplicationOptions { Retention = TimeSpan.FromMinutes(10) }, _clock);
        await RunOnceAsync(deduplicator, "c/m1");

        _clock.Advance(TimeSpan.FromMinutes(9));
        await using (var retry = await deduplicator.ClaimAsync("c/m1"))
        {
            Assert.Equal(Ok, retry.Previous);
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        await using var late = await deduplicator.ClaimAsync("c/m1");
        Assert.Null(late.Previous);
    }

    [Fact]
    public async Task Memory_stays_bounded_by_forgetting_the_oldest_finished_activities()
    {
        var deduplicator = new MemoryActivityDeduplicator(new DeduplicationOptions { Capacity = 100 }, _clock);
        for (var i = 0; i < 1000; i++)
        {
            await RunOnceAsync(deduplicator, $"c/m{i}");
        }

        Assert.InRange(deduplicator.Count, 100, 101);
        await using var newest = await deduplicator.ClaimAsync("c/m999");
        Assert.NotNull(newest.Previous);
    }

    [Fact]
    public async Task A_retry_waits_for_the_running_first_arrival_and_gets_its_result()
    {
        var deduplicator = new MemoryActivityDeduplicator();
        var first = await deduplicator.ClaimAsync("c/m1");
        var retry = deduplicator.ClaimAsync("c/m1");
        Assert.False(retry.IsCompleted);

        await first.CompleteAsync(Ok);
        await first.DisposeAsync();

        await using var answered = await retry.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Ok, answered.Previous);
    }

    [Fact]
    public async Task A_retry_waiting_past_the_bound_is_busy()
    {
        var deduplicator = new MemoryActivityDeduplicator(new DeduplicationOptions { MaxWait = TimeSpan.FromMilliseconds(100) });
        await using var first = await deduplicator.ClaimAsync("c/m1");

        await Assert.ThrowsAsync<TurnBusyException>(() => deduplicator.ClaimAsync("c/m1"));
    }
}
