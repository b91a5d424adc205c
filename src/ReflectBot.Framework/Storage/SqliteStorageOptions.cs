namespace ReflectBot.Framework.Storage;

/// <summary>Where the embedded store lives and how long a writer waits for the file lock.</summary>
public sealed class SqliteStorageOptions
{
    public const string DefaultConnectionString = "Data Source=./data/reflectbot.db";

    /// <summary>A Microsoft.Data.Sqlite connection string; a relative Data Source is taken as given (the host resolves it).</summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>How long a statement waits for another process holding the write lock before the store reports itself unavailable.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
