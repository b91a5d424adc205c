using ReflectBot.Framework.Tests.Redis;

namespace ReflectBot.Web.Tests.Scale;

/// <summary>
/// The shared redis-server: the one named by REFLECTBOT_TEST_REDIS (scripts/test.sh starts it), or one started
/// here on a free port. Tests keep apart by using fresh conversation and user ids.
/// </summary>
public sealed class SharedRedisFixture : IAsyncLifetime
{
    private int? _ownedPort;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("REFLECTBOT_TEST_REDIS");
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
    }

    public async Task DisposeAsync()
    {
        if (_ownedPort is { } port)
        {
            await RedisTestServer.StopAsync(port);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ScaleRedisCollection : ICollectionFixture<SharedRedisFixture>
{
    public const string Name = "Scale Redis";
}
