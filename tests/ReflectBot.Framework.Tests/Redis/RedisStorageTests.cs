using System.Globalization;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage.Redis;
using ReflectBot.Framework.Tests.State;
using StackExchange.Redis;

namespace ReflectBot.Framework.Tests.Redis;

/// <summary>The ETag contract every IStorage keeps, plus what only Redis adds: prefixes, TTL, several instances.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStorageTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServerFixture.UniquePrefix();
    private RedisStorage _storage = null!;

    public Task InitializeAsync()
    {
        _storage = redis.CreateStorage(_prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private IDatabase Raw => redis.Admin.GetDatabase();

    private static Dictionary<string, object> Batch(params (string Key, StoreItem Item)[] items) =>
        items.ToDictionary(i => i.Key, i => (object)i.Item, StringComparer.Ordinal);

    private async Task<StoreItem> WriteOne(string key, string json, string? eTag = StoreItem.AnyETag)
    {
        var item = new StoreItem(json, eTag);
        await _storage.WriteAsync(Batch((key, item)));
        return item;
    }

    private async Task<StoreItem?> ReadOne(string key) =>
        (await _storage.ReadAsync([key])).TryGetValue(key, out var item) ? (StoreItem)item : null;

    [Fact]
    public async Task Reading_a_key_never_written_leaves_it_out_of_the_result()
    {
        await WriteOne("present", """{"n":1}""");

        var result = await _storage.ReadAsync(["missing", "present"]);

        Assert.Equal(["present"], result.Keys);
    }

    [Fact]
    public async Task A_written_document_reads_back_with_the_same_json_and_the_etag_the_write_set()
    {
        const string json = """{"name":"Sam","feelings":["lonely","hopeful"],"note":"ünïcode ✓"}""";

        var written = await WriteOne("user/1", json);
        var read = await ReadOne("user/1");

        Assert.NotNull(read);
        Assert.Equal(json, read.Json);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task Writing_with_the_current_etag_succeeds_and_gives_a_new_etag()
    {
        var first = await WriteOne("doc", """{"v":1}""");
        var firstETag = first.ETag;

        var second = await WriteOne("doc", """{"v":2}""", firstETag);

        Assert.NotEqual(firstETag, second.ETag);
        var read = await ReadOne("doc");
        Assert.Equal("""{"v":2}""", read!.Json);
        Assert.Equal(second.ETag, read.ETag);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_conflicts_and_keeps_the_newer_document()
    {
        var original = await WriteOne("doc", """{"v":1}""");
        var staleETag = original.ETag;
        await WriteOne("doc", """{"v":2}""", staleETag);

        var ex = await Assert.ThrowsAsync<StorageConflictException>(() => WriteOne("doc", """{"v":"lost update"}""", staleETag));

        Assert.Equal("doc", ex.Key);
        Assert.Equal("""{"v":2}""", (await ReadOne("doc"))!.Json);
    }

    [Fact]
    public async Task Writing_with_an_etag_to_a_key_that_does_not_exist_conflicts()
    {
        var ex = await Assert.ThrowsAsync<StorageConflictException>(() => WriteOne("gone", "{}", "0123456789abcdef"));

        Assert.Equal("gone", ex.Key);
        Assert.Null(await ReadOne("gone"));
    }

    [Fact]
    public async Task New_item_etag_creates_when_absent_and_conflicts_when_present()
    {
        var created = await WriteOne("conversation", """{"step":0}""", StoreItem.NewItemETag);
        Assert.NotEqual(StoreItem.NewItemETag, created.ETag);

        var ex = await Assert.ThrowsAsync<StorageConflictException>(
            () => WriteOne("conversation", """{"step":"second creator"}""", StoreItem.NewItemETag));

        Assert.Equal("conversation", ex.Key);
        Assert.Equal("""{"step":0}""", (await ReadOne("conversation"))!.Json);
    }

    [Theory]
    [InlineData(StoreItem.AnyETag)]
    public async Task A_star_etag_overwrites_whatever_is_stored(string? eTag)
    {
        var existing = await WriteOne("doc", """{"v":1}""");

        var overwrite = await WriteOne("doc", """{"v":"overwritten"}""", eTag);

        Assert.NotEqual(existing.ETag, overwrite.ETag);
        var read = await ReadOne("doc");
        Assert.Equal("""{"v":"overwritten"}""", read!.Json);
        Assert.Equal(overwrite.ETag, read.ETag);
    }

    [Fact]
    public async Task A_batch_with_one_failing_condition_writes_nothing_and_leaves_etags_as_they_were()
    {
        var existing = await WriteOne("existing", """{"v":1}""");
        var existingETag = existing.ETag;

        var update = new StoreItem("""{"v":2}""", existingETag);
        var brandNew = new StoreItem("""{"fresh":true}""", StoreItem.NewItemETag);
        var overwrite = new StoreItem("""{"any":true}""", StoreItem.AnyETag);
        var stale = new StoreItem("""{"stale":true}""", "ffffffffffffffff");
        var ex = await Assert.ThrowsAsync<StorageConflictException>(() => _storage.WriteAsync(
            Batch(("existing", update), ("brand-new", brandNew), ("overwrite", overwrite), ("stale", stale))));

        Assert.Equal("stale", ex.Key);
        var after = await _storage.ReadAsync(["existing", "brand-new", "overwrite", "stale"]);
        Assert.Equal(["existing"], after.Keys);
        Assert.Equal("""{"v":1}""", after.Doc("existing").Json);
        Assert.Equal(existingETag, after.Doc("existing").ETag);
        Assert.Equal(existingETag, update.ETag);
        Assert.Equal(StoreItem.NewItemETag, brandNew.ETag);
    }

    [Fact]
    public async Task A_batch_whose_conditions_all_hold_writes_every_item_and_sets_each_etag()
    {
        var existing = await WriteOne("a", """{"v":1}""");
        var update = new StoreItem("""{"v":2}""", existing.ETag);
        var create = new StoreItem("""{"v":"b"}""", StoreItem.NewItemETag);

        await _storage.WriteAsync(Batch(("a", update), ("b", create)));

        var after = await _storage.ReadAsync(["a", "b"]);
        Assert.Equal(update.ETag, after.Doc("a").ETag);
        Assert.Equal(create.ETag, after.Doc("b").ETag);
        Assert.Equal("""{"v":2}""", after.Doc("a").Json);
        Assert.Equal("""{"v":"b"}""", after.Doc("b").Json);
    }

    [Fact]
    public async Task Delete_removes_the_documents_ignores_missing_keys_and_frees_the_key_for_a_new_item()
    {
        await WriteOne("one", "{}");
        await WriteOne("two", "{}");
        await WriteOne("kept", "{}");

        await _storage.DeleteAsync(["one", "two", "never-existed"]);

        var after = await _storage.ReadAsync(["one", "two", "kept"]);
        Assert.Equal(["kept"], after.Keys);
        Assert.False(await Raw.KeyExistsAsync(_prefix + "one"));
        await WriteOne("one", """{"again":true}""", StoreItem.NewItemETag);
        Assert.Equal("""{"again":true}""", (await ReadOne("one"))!.Json);
    }

    [Fact]
    public async Task Documents_live_under_the_key_prefix_and_two_prefixes_do_not_see_each_other()
    {
        var otherPrefix = RedisServerFixture.UniquePrefix();
        await using var other = redis.CreateStorage(otherPrefix);

        await WriteOne("shared-name", """{"owner":"first"}""");
        Assert.Empty(await other.ReadAsync(["shared-name"]));

        // The same key is free for a new item under the other prefix, and deleting there leaves ours alone.
        await other.WriteAsync(Batch(("shared-name", new StoreItem("""{"owner":"second"}""", StoreItem.NewItemETag))));
        await other.DeleteAsync(["shared-name"]);

        Assert.Equal("""{"owner":"first"}""", (await ReadOne("shared-name"))!.Json);
        Assert.True(await Raw.KeyExistsAsync(_prefix + "shared-name"));
        Assert.False(await Raw.KeyExistsAsync(otherPrefix + "shared-name"));
    }

    [Fact]
    public async Task Every_write_sets_the_retention_period_as_the_key_ttl_again()
    {
        var retention = TimeSpan.FromMinutes(10);
        await using var storage = redis.CreateStorage(_prefix, retention);
        var key = _prefix + "user/ttl";

        var first = new StoreItem("{}", StoreItem.AnyETag);
        await storage.WriteAsync(Batch(("user/ttl", first)));
        var ttl = await Raw.KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, retention - TimeSpan.FromSeconds(30), retention);

        // Pretend most of the period has passed; the next write must start it again.
        await Raw.KeyExpireAsync(key, TimeSpan.FromSeconds(5));
        await storage.WriteAsync(Batch(("user/ttl", new StoreItem("""{"v":2}""", first.ETag))));

        var refreshed = await Raw.KeyTimeToLiveAsync(key);
        Assert.InRange(refreshed!.Value, retention - TimeSpan.FromSeconds(30), retention);
    }

    [Fact]
    public async Task A_document_nobody_writes_for_the_retention_period_is_gone()
    {
        await using var storage = redis.CreateStorage(_prefix, TimeSpan.FromMilliseconds(300));
        await storage.WriteAsync(Batch(("short-lived", new StoreItem("{}", StoreItem.AnyETag))));
        Assert.Single(await storage.ReadAsync(["short-lived"]));

        await Task.Delay(TimeSpan.FromMilliseconds(800));

        Assert.Empty(await storage.ReadAsync(["short-lived"]));
    }

    [Fact]
    public async Task Without_a_retention_period_a_write_leaves_no_expiry_even_on_a_key_that_had_one()
    {
        await WriteOne("forever", "{}");
        await Raw.KeyExpireAsync(_prefix + "forever", TimeSpan.FromMinutes(1));

        await WriteOne("forever", """{"v":2}""");

        Assert.Null(await Raw.KeyTimeToLiveAsync(_prefix + "forever"));
    }

    [Fact]
    public async Task Fifty_parallel_read_modify_write_loops_on_two_instances_lose_no_update()
    {
        // Two storages = two multiplexers = two bot instances sharing one Redis.
        await using var instanceA = redis.CreateStorage(_prefix);
        await using var instanceB = redis.CreateStorage(_prefix);
        await instanceA.WriteAsync(Batch(("counter", new StoreItem("0", StoreItem.NewItemETag))));

        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            var storage = i % 2 == 0 ? instanceA : instanceB;
            while (true)
            {
                var current = (await storage.ReadAsync(["counter"])).Doc("counter");
                var next = int.Parse(current.Json, CultureInfo.InvariantCulture) + 1;
                try
                {
                    await storage.WriteAsync(Batch(("counter", new StoreItem(next.ToString(CultureInfo.InvariantCulture), current.ETag))));
                    return;
                }
                catch (StorageConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        Assert.Equal("50", (await instanceB.ReadAsync(["counter"])).Doc("counter").Json);
        // Without real contention the test would prove nothing about compare-and-set.
        Assert.True(conflicts > 0, "expected the parallel writers to collide at least once");
    }

    [Fact]
    public async Task Writes_keep_working_after_the_server_forgets_the_script()
    {
        await WriteOne("doc", """{"v":1}""");
        var server = redis.Admin.GetServers().Single();

        await server.ScriptFlushAsync();
        var second = await WriteOne("doc", """{"v":2}""");

        Assert.Equal(second.ETag, (await ReadOne("doc"))!.ETag);
        await Assert.ThrowsAsync<StorageConflictException>(() => WriteOne("doc", "{}", StoreItem.NewItemETag));
    }

    [Fact]
    public void Options_that_cannot_work_are_rejected_when_the_storage_is_built()
    {
        Assert.Throws<ArgumentException>(() => new RedisStorage(new RedisStorageOptions { ConnectionString = " " }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RedisStorage(new RedisStorageOptions
        {
            ConnectionString = redis.ConnectionString,
            TimeToLive = TimeSpan.Zero,
        }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RedisStorage(new RedisStorageOptions
        {
            ConnectionString = redis.ConnectionString,
            OperationTimeout = TimeSpan.Zero,
        }));
    }
}
