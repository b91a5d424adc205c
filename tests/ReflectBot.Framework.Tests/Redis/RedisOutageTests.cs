using System.Diagnostics;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage.Redis;
using ReflectBot.Framework.Tests.State;
using StackExchange.Redis;

namespace ReflectBot.Framework.Tests.Redis;

/// <summary>
/// Redis going away and coming back. Uses a private redis-server on its own port, started and stopped here,
/// so the shared server the other tests use is never disturbed.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(1);

    /// <summary>"Quickly": a turn may wait this long for storage before it is answered with 503, never hang.</summary>
    private static readonly TimeSpan FailWithin = TimeSpan.FromSeconds(5);

    private readonly int _port = RedisTestServer.FreePort();
    private bool _serverRunning;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_serverRunning)
        {
            await RedisTestServer.StopAsync(_port);
        }
    }

    private RedisStorage CreateStorage() => new(new RedisStorageOptions
    {
        ConnectionString = $"127.0.0.1:{_port}",
        KeyPrefix = RedisServerFixture.UniquePrefix(),
        OperationTimeout = OperationTimeout,
    });

    private static Dictionary<string, object> One(string key, StoreItem item) => new(StringComparer.Ordinal) { [key] = item };

    private async Task AssertUnavailableQuickly(Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(operation);
        Assert.True(clock.Elapsed < FailWithin, $"took {clock.Elapsed} to report the outage");
        // One line that names the endpoint, so an operator's log says at a glance which Redis is down.
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains($"127.0.0.1:{_port}", ex.Message);
    }

    [Fact]
    public async Task A_stopped_redis_is_reported_unavailable_quickly_and_the_same_storage_recovers_when_it_returns()
    {
        await RedisTestServer.StartAsync(_port);
        _serverRunning = true;
        await using var storage = CreateStorage();
        var before = new StoreItem("""{"v":1}""", StoreItem.NewItemETag);
        await storage.WriteAsync(One("doc", before));

        await RedisTestServer.StopAsync(_port);
        _serverRunning = false;

        await AssertUnavailableQuickly(() => storage.ReadAsync(["doc"]));
        await AssertUnavailableQuickly(() => storage.WriteAsync(One("doc", new StoreItem("""{"v":2}""", before.ETag))));
        await AssertUnavailableQuickly(() => storage.DeleteAsync(["doc"]));

        await RedisTestServer.StartAsync(_port);
        _serverRunning = true;

        // The multiplexer reconnects by itself; keep trying the same storage object until it does.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // The restarted server kept nothing (no persistence), so this is a fresh create.
                await storage.WriteAsync(One("doc", new StoreItem("""{"v":"after restart"}""", StoreItem.NewItemETag)));
                break;
            }
            catch (StorageUnavailableException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(200);
            }
        }

        var read = await storage.ReadAsync(["doc"]);
        Assert.Equal("""{"v":"after restart"}""", read.Doc("doc").Json);
        await storage.DeleteAsync(["doc"]);
        Assert.Empty(await storage.ReadAsync(["doc"]));
    }

    [Fact]
    public async Task A_redis_that_stops_answering_is_reported_unavailable_after_the_operation_timeout()
    {
        await RedisTestServer.StartAsync(_port);
        _serverRunning = true;
        await using var storage = CreateStorage();
        await storage.WriteAsync(One("doc", new StoreItem("{}")));
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port},allowAdmin=true");

        // The server stays connected but answers nobody for 3 s: a hung Redis, not a closed socket.
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadAsync(["doc"]));

        Assert.InRange(clock.Elapsed, OperationTimeout * 0.8, FailWithin);
        Assert.IsType<RedisTimeoutException>(ex.InnerException);
        await admin.GetDatabase().ExecuteAsync("CLIENT", "UNPAUSE");
        Assert.Single(await storage.ReadAsync(["doc"]));
    }

    [Fact]
    public async Task A_redis_that_was_never_reachable_is_reported_unavailable_without_hanging()
    {
        await using var storage = CreateStorage();

        await AssertUnavailableQuickly(() => storage.ReadAsync(["anything"]));
    }
}
