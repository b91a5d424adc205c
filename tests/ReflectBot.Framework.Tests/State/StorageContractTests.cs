using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Tests.State;

/// <summary>
/// The IStorage ETag contract every provider must keep. Each provider's test class derives from this,
/// so a bot behaves the same whichever store the host picked.
/// </summary>
public abstract class StorageContractTests
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh, empty store whose write times come from <paramref name="clock"/>.</summary>
    protected abstract IStorage CreateStorage(TimeProvider clock);

    protected IStorage CreateStorage() => CreateStorage(new ManualClock(Start));

    private static Dictionary<string, object> One(string key, string json, string? eTag = StoreItem.AnyETag) => new() { [key] = new StoreItem(json, eTag) };

    [Fact]
    public async Task Missing_keys_are_absent_from_a_read()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("a", """{"n":1}"""));

        var items = await storage.ReadAsync(["a", "nothing-here"]);

        Assert.Equal(["a"], items.Keys);
    }

    [Fact]
    public async Task A_write_is_read_back_with_the_ETag_the_write_handed_out()
    {
        var storage = CreateStorage();
        var item = new StoreItem("""{"name":"Ada"}""");

        await storage.WriteAsync(new Dictionary<string, object> { ["user/1"] = item });
        var read = (await storage.ReadAsync(["user/1"])).Doc("user/1");

        Assert.Equal("""{"name":"Ada"}""", read.Json);
        Assert.False(string.IsNullOrEmpty(item.ETag));
        Assert.Equal(item.ETag, read.ETag);
    }

    [Fact]
    public async Task Every_write_gets_a_new_ETag()
    {
        var storage = CreateStorage();
        var first = new StoreItem("{}");
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = first });
        var second = new StoreItem("{}", first.ETag);
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = second });

        Assert.NotEqual(first.ETag, second.ETag);
    }

    [Fact]
    public async Task A_star_etag_overwrites_whatever_is_there()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", """{"v":"old"}"""));

        await storage.WriteAsync(One("k", """{"v":"new"}""", StoreItem.AnyETag));

        Assert.Equal("""{"v":"new"}""", (await storage.ReadAsync(["k"])).Doc("k").Json);
    }

    [Fact]
    public async Task No_etag_means_the_writer_thinks_the_document_is_new_as_in_the_sdk()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", """{"v":"old"}"""));

        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(One("k", """{"v":"new"}""", eTag: null)));

        Assert.Equal("""{"v":"old"}""", (await storage.ReadAsync(["k"])).Doc("k").Json);
    }

    [Fact]
    public async Task A_new_item_write_creates_a_missing_document()
    {
        var storage = CreateStorage();

        await storage.WriteAsync(One("k", """{"v":1}""", StoreItem.NewItemETag));

        Assert.Equal("""{"v":1}""", (await storage.ReadAsync(["k"])).Doc("k").Json);
    }

    [Fact]
    public async Task A_new_item_write_conflicts_when_the_document_exists()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", """{"v":"first"}""", StoreItem.NewItemETag));

        var ex = await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(One("k", """{"v":"second"}""", StoreItem.NewItemETag)));

        Assert.Equal("k", ex.Key);
        Assert.Equal("""{"v":"first"}""", (await storage.ReadAsync(["k"])).Doc("k").Json);
    }

    [Fact]
    public async Task A_write_with_the_current_ETag_succeeds()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", """{"v":1}"""));
        var read = (await storage.ReadAsync(["k"])).Doc("k");

        await storage.WriteAsync(One("k", """{"v":2}""", read.ETag));

        Assert.Equal("""{"v":2}""", (await storage.ReadAsync(["k"])).Doc("k").Json);
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_conflicts_and_changes_nothing()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", """{"v":1}"""));
        var stale = (await storage.ReadAsync(["k"])).Doc("k").ETag;
        await storage.WriteAsync(One("k", """{"v":2}""", stale));

        var late = new StoreItem("""{"v":"lost update"}""", stale);
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(new Dictionary<string, object> { ["k"] = late }));

        Assert.Equal("""{"v":2}""", (await storage.ReadAsync(["k"])).Doc("k").Json);
        Assert.Equal(stale, late.ETag);
    }

    [Fact]
    public async Task A_conditional_write_to_a_deleted_document_conflicts()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", """{"v":1}"""));
        var eTag = (await storage.ReadAsync(["k"])).Doc("k").ETag;
        await storage.DeleteAsync(["k"]);

        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(One("k", """{"v":2}""", eTag)));
        Assert.Empty(await storage.ReadAsync(["k"]));
    }

    [Fact]
    public async Task A_batch_with_one_conflict_writes_nothing()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("taken", """{"v":"original"}"""));

        var batch = new Dictionary<string, object>
        {
            ["fresh"] = new StoreItem("""{"v":"would be new"}"""),
            ["taken"] = new StoreItem("""{"v":"clash"}""", StoreItem.NewItemETag),
        };
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync(batch));

        var items = await storage.ReadAsync(["fresh", "taken"]);
        Assert.Equal(["taken"], items.Keys);
        Assert.Equal("""{"v":"original"}""", items.Doc("taken").Json);
    }

    [Fact]
    public async Task Delete_removes_documents_and_ignores_missing_keys()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("a", "{}"));
        await storage.WriteAsync(One("b", "{}"));

        await storage.DeleteAsync(["a", "never-written"]);

        Assert.Equal(["b"], (await storage.ReadAsync(["a", "b"])).Keys);
    }

    [Fact]
    public async Task Keys_with_slashes_quotes_and_unicode_round_trip()
    {
        var storage = CreateStorage();
        const string key = "msteams/conversations/a:1;messageid=2 'x\" é";
        await storage.WriteAsync(One(key, """{"text":"naïve ☕"}"""));

        Assert.Equal("""{"text":"naïve ☕"}""", (await storage.ReadAsync([key])).Doc(key).Json);
    }

    [Fact]
    public async Task Parallel_read_modify_write_loops_lose_no_increment()
    {
        var storage = CreateStorage();
        const int writers = 50;

        async Task IncrementAsync()
        {
            while (true)
            {
                var items = await storage.ReadAsync(["counter"]);
                var (value, eTag) = items.TryGetValue("counter", out var found) && found is StoreItem item
                    ? (int.Parse(item.Json, System.Globalization.CultureInfo.InvariantCulture), item.ETag)
                    : (0, StoreItem.NewItemETag);
                try
                {
                    await storage.WriteAsync(One("counter", (value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), eTag));
                    return;
                }
                catch (StorageConflictException)
                {
                    // Someone else wrote first: read again and retry, as a bot turn would.
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(IncrementAsync)));

        Assert.Equal("50", (await storage.ReadAsync(["counter"])).Doc("counter").Json);
    }

    [Fact]
    public async Task Retention_deletes_only_documents_untouched_since_the_cutoff()
    {
        var clock = new ManualClock(Start);
        var storage = CreateStorage(clock);
        var maintenance = Assert.IsAssignableFrom<IStorageMaintenance>(storage);
        await storage.WriteAsync(One("old", "{}"));
        await storage.WriteAsync(One("rewritten", "{}"));
        clock.Advance(TimeSpan.FromDays(100));
        await storage.WriteAsync(One("rewritten", """{"v":2}"""));
        await storage.WriteAsync(One("recent", "{}"));

        var deleted = await maintenance.DeleteUntouchedSinceAsync(clock.GetUtcNow() - TimeSpan.FromDays(90));

        Assert.Equal(1, deleted);
        Assert.Equal(["recent", "rewritten"], (await storage.ReadAsync(["old", "rewritten", "recent"])).Keys.Order());
    }

    [Fact]
    public async Task Reading_does_not_count_as_touching()
    {
        var clock = new ManualClock(Start);
        var storage = CreateStorage(clock);
        await storage.WriteAsync(One("k", "{}"));
        clock.Advance(TimeSpan.FromDays(100));
        await storage.ReadAsync(["k"]);

        var deleted = await ((IStorageMaintenance)storage).DeleteUntouchedSinceAsync(clock.GetUtcNow() - TimeSpan.FromDays(90));

        Assert.Equal(1, deleted);
    }
}
