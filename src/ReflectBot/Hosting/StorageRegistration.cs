using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage;
using ReflectBot.Framework.Storage.Redis;

namespace ReflectBot.Hosting;

/// <summary>Which store keeps conversation and user state (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default, embedded file), <c>Memory</c> (lost on restart) or <c>Redis</c> (several instances).</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>
    /// For Sqlite: a Microsoft.Data.Sqlite connection string (a relative Data Source is under the content root).
    /// For Redis: a StackExchange.Redis configuration string, e.g. <c>host:6380,ssl=true,password=...</c>.
    /// </summary>
    public string? ConnectionString { get; set; }
}

public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string Memory = "Memory";
    public const string Redis = "Redis";
}

/// <summary>
/// The one place that turns <c>Storage:Provider</c> and <c>Storage:ConnectionString</c> into an <see cref="IStorage"/>,
/// shared by every host (web, terminal) so they read the same settings the same way.
/// </summary>
public static class StorageRegistration
{
    /// <summary>Registers the configured store unless the host (or a test) registered one already.</summary>
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStorage>(CreateStorage);
        return services;
    }

    private static IStorage CreateStorage(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var provider = options.Provider?.Trim();
        if (string.Equals(provider, StorageProviders.Memory, StringComparison.OrdinalIgnoreCase))
        {
            return new MemoryStorage(clock);
        }

        if (string.IsNullOrEmpty(provider) || string.Equals(provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            // A host without IHostEnvironment (the terminal app) keeps relative paths under the current folder.
            var contentRoot = services.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            return new SqliteStorage(new SqliteStorageOptions { ConnectionString = ResolveSqlitePath(options.ConnectionString, contentRoot) }, clock);
        }

        if (string.Equals(provider, StorageProviders.Redis, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException(
                    "Storage:Provider is 'Redis' but Storage:ConnectionString is empty. Set it to host:port (plus ',password=...,ssl=true' as needed).");
            }

            // Redis forgets documents by itself: every write restarts the key's expiry, which is the retention period.
            var retentionDays = services.GetRequiredService<IOptions<ReflectBotOptions>>().Value.RetentionDays;
            return new RedisStorage(
                new RedisStorageOptions
                {
                    ConnectionString = options.ConnectionString,
                    TimeToLive = retentionDays > 0 ? TimeSpan.FromDays(retentionDays) : null,
                },
                services.GetService<ILogger<RedisStorage>>());
        }

        throw new InvalidOperationException($"Storage:Provider '{options.Provider}' is not known. Use 'Sqlite' (the default), 'Memory' or 'Redis'.");
    }

    /// <summary>A relative Data Source lives under the content root, so the store does not move with the shell's current folder.</summary>
    public static string ResolveSqlitePath(string? connectionString, string contentRoot)
    {
        Microsoft.Data.Sqlite.SqliteConnectionStringBuilder builder;
        try
        {
            builder = new(string.IsNullOrWhiteSpace(connectionString) ? SqliteStorageOptions.DefaultConnectionString : connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("Storage:ConnectionString is not a SQLite connection string; write it as 'Data Source=path/to/file.db'.", ex);
        }

        if (!string.IsNullOrEmpty(builder.DataSource) && !Path.IsPathRooted(builder.DataSource) && !builder.DataSource.StartsWith(':'))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ToString();
    }
}
