using Microsoft.Data.Sqlite;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage;

namespace ReflectBot.Framework.Tests.State;

public sealed class SqliteStorageTests : StorageContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reflectbot-sqlite-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqliteStorage> _opened = [];

    private string DbPath => Path.Combine(_folder, "data", "state.db");

    protected override IStorage CreateStorage(TimeProvider clock) => Open(clock);

    private SqliteStorage Open(TimeProvider? clock = null, string? path = null)
    {
        var storage = new SqliteStorage(new SqliteStorageOptions { ConnectionString = $"Data Source={path ?? DbPath}" }, clock);
        _opened.Add(storage);
        return storage;
    }

    public void Dispose()
    {
        _opened.ForEach(s => s.Dispose());
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact]
    public async Task The_first_write_creates_the_folder_and_the_file()
    {
        var storage = Open();
        Assert.False(Directory.Exists(Path.GetDirectoryName(DbPath)));

        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new StoreItem("{}") });

        Assert.True(File.Exists(DbPath));
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode()
    {
        await Open().InitializeAsync();

        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task State_survives_a_restart_and_its_ETag_still_guards_writes()
    {
        var before = Open();
        var item = new StoreItem("""{"stack":["menu"]}""");
        await before.WriteAsync(new Dictionary<string, object> { ["conv/1"] = item });
        before.Dispose();

        var after = Open();
        var read = (await after.ReadAsync(["conv/1"])).Doc("conv/1");

        Assert.Equal("""{"stack":["menu"]}""", read.Json);
        Assert.Equal(item.ETag, read.ETag);
        await after.WriteAsync(new Dictionary<string, object> { ["conv/1"] = new StoreItem("{}", read.ETag) });
        await Assert.ThrowsAsync<StorageConflictException>(
            () => after.WriteAsync(new Dictionary<string, object> { ["conv/1"] = new StoreItem("{}", read.ETag) }));
    }

    [Fact]
    public async Task Two_stores_on_one_file_behave_like_two_processes_without_lost_updates_or_busy_errors()
    {
        // Each instance has its own write gate, so the two really contend for SQLite's file lock.
        var stores = new[] { Open(), Open() };
        const int writers = 50;

        async Task IncrementAsync(SqliteStorage storage)
        {
            while (true)
            {
                var items = await storage.ReadAsync(["counter"]);
                var (value, eTag) = items.TryGetValue("counter", out var found) && found is StoreItem item ? (int.Parse(item.Json), item.ETag) : (0, StoreItem.NewItemETag);
                try
                {
                    await storage.WriteAsync(new Dictionary<string, object> { ["counter"] = new StoreItem((value + 1).ToString(), eTag) });
                    return;
                }
                catch (StorageConflictException)
                {
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => IncrementAsync(stores[i % 2]))));

        Assert.Equal("50", (await stores[0].ReadAsync(["counter"])).Doc("counter").Json);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_reports_the_store_unavailable()
    {
        Directory.CreateDirectory(_folder);
        var blocker = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var storage = Open(path: Path.Combine(blocker, "state.db"));

        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadAsync(["k"]));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_reports_the_store_unavailable()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        await File.WriteAllTextAsync(DbPath, new string('x', 4096));
        var storage = Open();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteAsync(new Dictionary<string, object> { ["k"] = new StoreItem("{}") }));
    }

    [Fact]
    public async Task A_failed_start_is_retried_on_the_next_call()
    {
        Directory.CreateDirectory(_folder);
        var blocker = Path.Combine(_folder, "data");
        await File.WriteAllTextAsync(blocker, "in the way");
        var storage = Open();
        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadAsync(["k"]));

        File.Delete(blocker);

        Assert.Empty(await storage.ReadAsync(["k"]));
    }

    [Fact]
    public void An_in_memory_data_source_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SqliteStorage(new SqliteStorageOptions { ConnectionString = "Data Source=:memory:" }));
    }
}
