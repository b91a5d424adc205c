using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage;
using ReflectBot.Framework.Storage.Redis;

namespace ReflectBot.Web.Tests.Host;

public sealed class HostStartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reflectbot-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private BotHostFactory SqliteHost(string dbPath) => new(
        services => services.AddSingleton<IBot>(sp => new CountingBot(sp.GetRequiredService<IStorage>())),
        new() { ["Storage:Provider"] = "Sqlite", ["Storage:ConnectionString"] = $"Data Source={dbPath}" });

    [Fact]
    public async Task Conversation_state_in_SQLite_survives_a_restart_on_the_same_file()
    {
        var dbPath = Path.Combine(_folder, "data", "reflectbot.db");
        await using (var first = SqliteHost(dbPath))
        {
            Assert.IsType<SqliteStorage>(first.Services.GetRequiredService<IStorage>());
            var client = first.CreateClient();
            for (var i = 1; i <= 3; i++)
            {
                Assert.Equal(i.ToString(), Assert.Single(await (await client.PostAsync(Wire.Message("hi"))).RepliesAsync()).Text);
            }
        }

        Assert.True(File.Exists(dbPath));
        await using var second = SqliteHost(dbPath);

        var replies = await (await second.CreateClient().PostAsync(Wire.Message("back again"))).RepliesAsync();

        Assert.Equal("4", Assert.Single(replies).Text);
    }

    [Fact]
    public async Task A_relative_SQLite_path_is_created_under_the_content_root()
    {
        var resolved = BotHostServiceCollectionExtensions.ResolveSqlitePath("Data Source=./data/reflectbot.db", _folder);

        Assert.Equal(Path.Combine(_folder, "data", "reflectbot.db"), new SqliteConnectionStringBuilder(resolved).DataSource);
        Assert.Equal(Path.Combine(_folder, "data", "reflectbot.db"),
            new SqliteConnectionStringBuilder(BotHostServiceCollectionExtensions.ResolveSqlitePath(null, _folder)).DataSource);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("Redis", "Storage:Provider is 'Redis' but Storage:ConnectionString is empty.")]
    [InlineData("Cassandra", "Storage:Provider 'Cassandra' is not known.")]
    [InlineData("Sqlite", "Storage:ConnectionString is not a SQLite connection string; write it as 'Data Source=path/to/file.db'.", "./data/bare-path.db")]
    public async Task A_store_that_cannot_be_set_up_stops_start_up_with_a_clear_message(string provider, string message, string connectionString = "")
    {
        // The host's start-up service on its own: WebApplicationFactory reports a failed start racily.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = provider, ["Storage:ConnectionString"] = connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = _folder })
            .AddBotHost(configuration);
        await using var serviceProvider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            foreach (var hosted in serviceProvider.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }
        });

        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public async Task Redis_is_selected_by_configuration_and_an_unreachable_server_shows_in_health_not_at_start_up()
    {
        // Port 1 on loopback: nothing listens, so the store reports itself unavailable after its timeout.
        await using var host = new BotHostFactory(settings: new() { ["Storage:Provider"] = "redis", ["Storage:ConnectionString"] = "127.0.0.1:1" });
        var client = host.CreateClient();

        Assert.IsType<RedisStorage>(host.Services.GetRequiredService<IStorage>());
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

        // Which of the two depends on whether the connect attempt or the health check's own timeout ends first.
        Assert.Contains(await response.Content.ReadAsStringAsync(), new[] { "storage unreachable\n", "storage did not answer in time\n" });
    }

    [Fact]
    public async Task Without_an_app_id_start_up_warns_that_requests_are_not_authenticated()
    {
        await using var host = new BotHostFactory();
        host.CreateClient();

        Assert.Contains(host.Logs, l => l.Level == LogLevel.Warning && l.Message.StartsWith("MicrosoftAppId is not set: /api/messages accepts unauthenticated requests."));
    }

    [Theory]
    [InlineData(new string[0], "http://localhost:3978")]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5123" }, "http://127.0.0.1:5123")]
    [InlineData(new[] { "--http_ports", "8080" }, null)]
    public void The_host_listens_on_3978_unless_told_otherwise(string[] args, string? expectedUrls)
    {
        // A machine that sets these already chose where to listen; the default is not in play there.
        if (new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS" }.Any(v => Environment.GetEnvironmentVariable(v) is not null))
        {
            return;
        }

        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);

        builder.UseDefaultBotUrls();

        Assert.Equal(expectedUrls, builder.WebHost.GetSetting(Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public async Task Health_is_ok_when_the_store_answers()
    {
        await using var host = new BotHostFactory();

        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_503_when_the_store_is_unreachable()
    {
        await using var host = new BotHostFactory(services => services.AddSingleton<IStorage>(new UnreachableStorage()));

        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("storage unreachable\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_configured_credentials_are_bound_from_the_top_level_keys()
    {
        await using var host = new BotHostFactory(settings: new()
        {
            ["MicrosoftAppId"] = "app-id",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "tenant-1",
        });

        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotCredentialsOptions>>().Value;

        Assert.Equal(("app-id", "SingleTenant", "tenant-1"), (options.MicrosoftAppId, options.MicrosoftAppType, options.MicrosoftAppTenantId));
        Assert.IsType<BotConnectorRequestAuthenticator>(host.Services.GetRequiredService<IRequestAuthenticator>());
        Assert.DoesNotContain(host.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("accepts unauthenticated requests"));
    }

    private sealed class UnreachableStorage : IStorage
    {
        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            throw new StorageUnavailableException("down");

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
            throw new StorageUnavailableException("down");

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) =>
            throw new StorageUnavailableException("down");
    }
}
