using ReflectBot.Framework.Storage.Redis;
using StackExchange.Redis;

namespace ReflectBot.Framework.Tests.Redis;

/// <summary>
/// The redis-server the storage tests share: the one named by REFLECTBOT_TEST_REDIS (e.g. <c>127.0.0.1:6390</c>),
/// or, when that is unset, one this fixture starts on a free port and stops afterwards.
/// Every test uses its own key prefix, so tests never see each other's documents.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "REFLECTBOT_TEST_REDIS";

    private int? _ownedPort;

    public string ConnectionString { get; private set; } = "";

    /// <summary>A separate connection for looking behind the storage (TTLs, raw keys, script cache).</summary>
    public ConnectionMultiplexer Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            var port = RedisTestServer.FreePort();
            ConnectionString = await RedisTestServer.StartAsync(port);
            _ownedPort = port;
        }
        else
        {
            ConnectionString = configured.Trim();
        }

        Admin = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        if (Admin is not null)
        {
            await Admin.DisposeAsync();
        }

        if (_ownedPort is { } port)
        {
            await RedisTestServer.StopAsync(port);
        }
    }

    /// <summary>A prefix no other test uses.</summary>
    public static string UniquePrefix() => $"test:{Guid.NewGuid():N}:";

    public RedisStorage CreateStorage(string keyPrefix, TimeSpan? timeToLive = null) => new(new RedisStorageOptions
    {
        ConnectionString = ConnectionString,
        KeyPrefix = keyPrefix,
        TimeToLive = timeToLive,
    });
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis";
}
