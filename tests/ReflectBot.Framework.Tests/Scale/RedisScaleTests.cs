using ReflectBot.Framework.Scale;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage.Redis;
using ReflectBot.Framework.Tests.Redis;
using ReflectBot.Framework.Tests.State;

namespace ReflectBot.Framework.Tests.Scale;

/// <summary>
/// The Redis turn lock, deduplicator and turn write batch against a real redis-server. Two
/// <see cref="RedisConnection"/>s stand for two instances.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisScaleTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServerFixture.UniquePrefix();
    private RedisConnection _one = null!;
    private RedisConnection _two = null!;

    public Task InitializeAsync()
    {
        _one = new RedisConnection(redis.ConnectionString);
        _two = new RedisConnection(redis.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }

    private RedisTurnLock Lock(RedisConnection connection, TimeSpan? maxWait = null, TimeSpan? lease = null) =>
        new(connection, new TurnLockOptions { KeyPrefix = _prefix, MaxWait = maxWait ?? TimeSpan.FromSeconds(5), Lease = lease ?? TimeSpan.FromSeconds(10) });

    private RedisActivityDeduplicator Deduplicator(RedisConnection connection, TimeSpan? maxWait = null) =>
        new(connection, new DeduplicationOptions { KeyPrefix = _prefix, MaxWait = maxWait ?? TimeSpan.FromSeconds(5), InProgressLease = TimeSpan.FromSeconds(2) });

    [Fact]
    public async Task Two_instances_never_hold_one_conversation_at_once()
    {
        var locks = new[] { Lock(_one), Lock(_two) };
        var inside = 0;
        var maxInside = 0;

        await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            await using (await locks[i % 2].AcquireAsync("msteams/conv-1"))
            {
                var now = Interlocked.Increment(ref inside);
                maxInside = Math.Max(maxInside, now);
                await Task.Delay(15);
                Interlocked.Decrement(ref inside);
            }
        }));

        Assert.Equal(1, maxInside);
    }

    [Fact]
    public async Task Waiting_past_the_bound_is_reported_busy_not_left_hanging()
    {
        await using var held = await Lock(_one).AcquireAsync("msteams/conv-1");

        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<TurnBusyException>(() => Lock(_two, maxWait: TimeSpan.FromMilliseconds(300)).AcquireAsync("msteams/conv-1"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_held_lock_is_renewed_past_its_lease_and_an_other_conversation_is_free()
    {
        var shortLease = Lock(_one, lease: TimeSpan.FromMilliseconds(600));
        await using var held = await shortLease.AcquireAsync("msteams/conv-1");
        await Task.Delay(1800);

        await Assert.ThrowsAsync<TurnBusyException>(() => Lock(_two, maxWait: TimeSpan.FromMilliseconds(200)).AcquireAsync("msteams/conv-1"));
        await using var other = await Lock(_two, maxWait: TimeSpan.FromMilliseconds(200)).AcquireAsync("msteams/conv-2");
    }

    [Fact]
    public async Task A_lock_whose_instance_died_frees_itself_within_one_lease()
    {
        var dying = new RedisConnection(redis.ConnectionString);
        _ = await Lock(dying, lease: TimeSpan.FromMilliseconds(400)).AcquireAsync("msteams/conv-1");
        await dying.DisposeAsync();

        await using var taken = await Lock(_two, maxWait: TimeSpan.FromSeconds(3)).AcquireAsync("msteams/conv-1");
    }

    [Fact]
    public async Task A_command_the_library_cancels_by_itself_is_an_outage_and_one_the_caller_cancels_stays_a_cancellation()
    {
        var dropped = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            _one.RunAsync<bool>("append", _ => Task.FromException<bool>(new TaskCanceledException())));
        Assert.Contains("(append)", dropped.Message, StringComparison.Ordinal);

        using var givenUp = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _one.RunAsync<bool>("append", async _ =>
            {
                await givenUp.CancelAsync();
                throw new TaskCanceledException();
            }, givenUp.Token));
    }

    [Fact]
    public async Task A_completed_activity_gives_its_result_to_a_retry_on_another_instance()
    {
        var result = new StoredTurnResult(200, StoredTurnResult.BodyKind.ExpectedReplies, """{"activities":[{"type":"message","text":"hi"}]}""");
        await using (var first = await Deduplicator(_one).ClaimAsync("msteams/conv-1/m1"))
        {
            Assert.Null(first.Previous);
            await first.CompleteAsync(result);
        }

        await using var retry = await Deduplicator(_two).ClaimAsync("msteams/conv-1/m1");
        Assert.Equal(result, retry.Previous);
    }

    [Fact]
    public async Task A_retry_waits_for_the_run_in_progress_and_takes_over_one_that_gave_up()
    {
        var first = await Deduplicator(_one).ClaimAsync("msteams/conv-1/m1");
        var waiting = Deduplicator(_two).ClaimAsync("msteams/conv-1/m1");
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        await first.DisposeAsync();

        await using var takenOver = await waiting.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Null(takenOver.Previous);
    }

    [Fact]
    public async Task A_retry_past_the_wait_bound_is_busy()
    {
        await using var first = await Deduplicator(_one).ClaimAsync("msteams/conv-1/m1");

        await Assert.ThrowsAsync<TurnBusyException>(() => Deduplicator(_two, maxWait: TimeSpan.FromMilliseconds(300)).ClaimAsync("msteams/conv-1/m1"));
    }

    [Fact]
    public async Task A_turns_writes_reach_Redis_together_at_commit_or_not_at_all()
    {
        await using var storage = redis.CreateStorage(_prefix);
        await storage.WriteAsync(new Dictionary<string, object> { ["user"] = new StoreItem("""{"n":1}""", StoreItem.AnyETag) });
        var user = (await storage.ReadAsync(["user"])).Doc("user");

        // Someone else changes the user document while this turn runs.
        await using var other = redis.CreateStorage(_prefix);
        await other.WriteAsync(new Dictionary<string, object> { ["user"] = new StoreItem("""{"n":2}""", StoreItem.AnyETag) });

        using (var batch = TurnWriteBatch.Begin())
        {
            await storage.WriteAsync(new Dictionary<string, object> { ["conversation"] = new StoreItem("""{"step":2}""", StoreItem.NewItemETag) });
            await storage.WriteAsync(new Dictionary<string, object> { ["user"] = new StoreItem("""{"n":2}""", user.ETag) });
            Assert.Empty(await other.ReadAsync(["conversation"]));
            Assert.Equal("""{"step":2}""", (await storage.ReadAsync(["conversation"])).Doc("conversation").Json);

            await Assert.ThrowsAsync<StorageConflictException>(() => batch.CommitAsync());
        }

        Assert.Empty(await storage.ReadAsync(["conversation"]));
    }
}
