using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Storage;

/// <summary>
/// The embedded store: one SQLite file, one table of JSON documents. ETag conditions are checked by the
/// SQL statements themselves, so two processes sharing the file still cannot overwrite each other.
/// Writes inside this process queue on an async gate (SQLite allows one writer at a time anyway, and
/// waiting here costs no thread); other processes are waited for by SQLite's busy timeout.
/// </summary>
public sealed class SqliteStorage : DocumentStorage, IStorageMaintenance, IDisposable
{
    private const string Table = "state_items";

    private readonly string _connectionString;
    private readonly string _filePath;
    private readonly int _busyTimeoutMs;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    public SqliteStorage(SqliteStorageOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource.Contains(":memory:", StringComparison.OrdinalIgnoreCase)
            || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("SqliteStorage needs a file (Data Source=path); use MemoryStorage for an in-memory store.", nameof(options));
        }

        // A full path keeps one connection pool per file whatever the current directory does later.
        _filePath = Path.GetFullPath(builder.DataSource);
        builder.DataSource = _filePath;
        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        _connectionString = builder.ToString();
        _busyTimeoutMs = (int)Math.Clamp(options.BusyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The database file (absolute).</summary>
    public string FilePath => _filePath;

    /// <summary>Creates the folder, the file and the table if needed. Called on first use; the host calls it at start-up to fail early.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            await GuardAsync(async () =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_filePath)!);
                await using var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);

                // WAL lets readers go on while one writer commits; the setting is stored in the file.
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"""
                    CREATE TABLE IF NOT EXISTS {Table} (
                        key TEXT NOT NULL PRIMARY KEY,
                        json TEXT NOT NULL,
                        etag TEXT NOT NULL,
                        touched INTEGER NOT NULL);
                    CREATE INDEX IF NOT EXISTS {Table}_touched ON {Table}(touched);
                    """, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    protected override async Task<IDictionary<string, StoreItem>> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, StoreItem>(keys.Length, StringComparer.Ordinal);
        if (keys.Length == 0)
        {
            return result;
        }

        await GuardAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            var sql = new StringBuilder($"SELECT key, json, etag FROM {Table} WHERE key IN (");
            var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
            for (var i = 0; i < distinct.Length; i++)
            {
                var name = "@k" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? name : "," + name);
                command.Parameters.AddWithValue(name, distinct[i]);
            }

            command.CommandText = sql.Append(");").ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result[reader.GetString(0)] = new StoreItem(reader.GetString(1), reader.GetString(2));
            }

            return true;
        }).ConfigureAwait(false);
        return result;
    }

    protected override async Task WriteDocumentsAsync(IDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var newETags = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        await WithWriteTransactionAsync(async (connection, transaction) =>
        {
            var touched = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var (key, item) in changes)
            {
                var eTag = NewETag();
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = item.Condition switch
                {
                    StoreItem.AnyETag => $"""
                        INSERT INTO {Table} (key, json, etag, touched) VALUES (@k, @j, @n, @t)
                        ON CONFLICT(key) DO UPDATE SET json = excluded.json, etag = excluded.etag, touched = excluded.touched;
                        """,
                    StoreItem.NewItemETag => $"INSERT INTO {Table} (key, json, etag, touched) VALUES (@k, @j, @n, @t) ON CONFLICT(key) DO NOTHING;",
                    _ => $"UPDATE {Table} SET json = @j, etag = @n, touched = @t WHERE key = @k AND etag = @e;",
                };
                command.Parameters.AddWithValue("@k", key);
                command.Parameters.AddWithValue("@j", item.Json);
                command.Parameters.AddWithValue("@n", eTag);
                command.Parameters.AddWithValue("@t", touched);
                if (!item.IsUnconditional && !item.IsCreateOnly)
                {
                    command.Parameters.AddWithValue("@e", item.ETag);
                }

                // Zero rows means the condition failed: the document exists (new-item write) or has another ETag.
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new StorageConflictException(key);
                }

                newETags[key] = eTag;
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);

        // Only a committed batch hands out its ETags; a conflict leaves the callers' items as they were.
        foreach (var (key, item) in changes)
        {
            item.ETag = newETags[key];
        }
    }

    public override Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return Task.CompletedTask;
        }

        return WithWriteTransactionAsync(async (connection, transaction) =>
        {
            foreach (var key in keys)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"DELETE FROM {Table} WHERE key = @k;";
                command.Parameters.AddWithValue("@k", key);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);
    }

    public Task<int> DeleteUntouchedSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        WithWriteTransactionAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM {Table} WHERE touched < @cutoff;";
            command.Parameters.AddWithValue("@cutoff", cutoff.ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Closes this file's pooled connections (the file can then be moved or deleted).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<T> WithWriteTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await GuardAsync(async () =>
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

                // BEGIN IMMEDIATE: take the write lock up front, so a batch never fails half-way on a lock upgrade.
                await using var transaction = connection.BeginTransaction(deferred: false);
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Per connection: wait for another process's write lock instead of failing at once; NORMAL sync is
            // durable across a process crash in WAL mode and much cheaper than FULL.
            await ExecuteAsync(connection, $"PRAGMA busy_timeout={_busyTimeoutMs.ToString(CultureInfo.InvariantCulture)}; PRAGMA synchronous=NORMAL;", cancellationToken)
                .ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns file and database failures into <see cref="StorageUnavailableException"/>; conflicts and cancellation pass through.</summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException(
                $"The SQLite store at '{_filePath}' failed (SQLite error {ex.SqliteErrorCode.ToString(CultureInfo.InvariantCulture)}/{ex.SqliteExtendedErrorCode.ToString(CultureInfo.InvariantCulture)}).", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"The SQLite store at '{_filePath}' cannot be reached ({ex.GetType().Name}).", ex);
        }
    }

    private static string NewETag() => Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
}
