using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReflectBot.Bots;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Connector;
using ReflectBot.Framework.Connector.Authentication;
using ReflectBot.Framework.Scale;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage.Redis;
using ReflectBot.Framework.Storage;
using ReflectBot.Hosting;
using IMiddleware = ReflectBot.Framework.Builder.IMiddleware;

namespace ReflectBot.Web;

public static class BotHostServiceCollectionExtensions
{
    public const int DefaultPort = 3978;

    /// <summary>Listens on http://localhost:3978 unless ASPNETCORE_URLS, --urls, *_HTTP(S)_PORTS or Kestrel endpoints say otherwise.</summary>
    public static WebApplicationBuilder UseDefaultBotUrls(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var configured = !string.IsNullOrWhiteSpace(config["urls"]) || !string.IsNullOrWhiteSpace(config["http_ports"])
            || !string.IsNullOrWhiteSpace(config["https_ports"]) || config.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls($"http://localhost:{DefaultPort}");
        }

        return builder;
    }

    /// <summary>
    /// Registers what the host provides the bot: the state store, the adapter (with error handling, typing and the
    /// middleware in <see cref="BotPipeline"/>'s order), the connector sender and the authenticator.
    /// Options are read when first used, so configuration added later (tests, environment) still counts.
    /// </summary>
    public static IServiceCollection AddBotHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BotCredentialsOptions>().Bind(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddBotStorage(configuration);

        // Scale-out: with Redis state, every instance shares the turn lock and the record of handled activities
        // through the same Redis; otherwise both stay in this process.
        services.TryAddSingleton(sp => new RedisConnection(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString ?? "",
            logger: sp.GetService<ILogger<RedisConnection>>()));
        services.TryAddSingleton(sp => new RedisTurnLock(
            sp.GetRequiredService<RedisConnection>(), clock: sp.GetRequiredService<TimeProvider>(), logger: sp.GetService<ILogger<RedisTurnLock>>()));
        services.TryAddSingleton<IActivityDeduplicator>(sp => UsesRedis(sp)
            ? new RedisActivityDeduplicator(sp.GetRequiredService<RedisConnection>(), clock: sp.GetRequiredService<TimeProvider>(), logger: sp.GetService<ILogger<RedisActivityDeduplicator>>())
            : new MemoryActivityDeduplicator(clock: sp.GetRequiredService<TimeProvider>()));

        // Replies to Teams / Azure Bot Service carry a client-credentials token when an app id is set; one HttpClient for the process.
        services.TryAddSingleton(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        });
        services.TryAddSingleton<IConnectorSender>(sp =>
        {
            var credentials = sp.GetRequiredService<IOptions<BotCredentialsOptions>>().Value;
            var http = sp.GetRequiredService<HttpClient>();
            var tokens = string.IsNullOrWhiteSpace(credentials.MicrosoftAppId)
                ? null
                : new AppCredentials(credentials.ToAppCredentialsOptions(), http, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<AppCredentials>>());
            return new ConnectorClient(http, tokens, null, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<ConnectorClient>>());
        });
        services.TryAddSingleton<IRequestAuthenticator>(sp =>
        {
            var credentials = sp.GetRequiredService<IOptions<BotCredentialsOptions>>().Value;
            if (string.IsNullOrWhiteSpace(credentials.MicrosoftAppId))
            {
                return new PassThroughRequestAuthenticator();
            }

            var options = new BotAuthenticationOptions { MicrosoftAppId = credentials.MicrosoftAppId };
            configuration.GetSection("BotAuthentication").Bind(options);
            return new BotConnectorRequestAuthenticator(new BotFrameworkAuthentication(
                options, sp.GetRequiredService<HttpClient>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<BotFrameworkAuthentication>>()));
        });

        // The bot registers its own handler (apology, reset) with AddSingleton; this log-only one is the fallback.
        services.TryAddSingleton(sp => new TurnErrorHandler(sp.GetRequiredService<ILogger<TurnErrorHandler>>()));

        // The web host shows typing; BotPipeline puts it outermost, so it starts before anything slow happens.
        services.AddSingleton(sp => new ShowTypingMiddleware(logger: sp.GetService<ILogger<ShowTypingMiddleware>>()));

        services.TryAddSingleton<CloudAdapter>(sp =>
        {
            var adapter = new AdapterWithErrorHandler(
                sp.GetRequiredService<IConnectorSender>(),
                sp.GetRequiredService<TurnErrorHandler>(),
                sp.GetService<ILogger<CloudAdapter>>());
            adapter.HoldRepliesUntilSaved = true;
            var turnTimeout = sp.GetRequiredService<IOptions<ReflectBotOptions>>().Value.TurnTimeoutSeconds;
            adapter.TurnTimeout = turnTimeout > 0 ? TimeSpan.FromSeconds(turnTimeout) : null;
            adapter.Deduplicator = sp.GetRequiredService<IActivityDeduplicator>();
            if (sp.GetService<ITurnLock>() is { } turnLock)
            {
                adapter.TurnLock = turnLock;
            }
            else if (UsesRedis(sp))
            {
                adapter.TurnLock = sp.GetRequiredService<RedisTurnLock>();
            }

            sp.GetRequiredService<BotPipeline>().ApplyTo(adapter);

            return adapter;
        });

        services.AddHostedService<BotHostStartup>();
        return services;
    }

    /// <summary>Kept for the host tests; the rule lives with the shared storage registration.</summary>
    internal static string ResolveSqlitePath(string? connectionString, string contentRoot) =>
        StorageRegistration.ResolveSqlitePath(connectionString, contentRoot);

    /// <summary>Storage:Provider is Redis: everything instances must share (state, locks, Direct Line) goes to Redis.</summary>
    internal static bool UsesRedis(IServiceProvider services) =>
        string.Equals(services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider?.Trim(), StorageProviders.Redis, StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the store before the first request (a broken path stops start-up) and warns about open access.</summary>
    private sealed class BotHostStartup(
        IServiceProvider services,
        IOptions<BotCredentialsOptions> credentials,
        IRequestAuthenticator authenticator,
        ILogger<BotHostStartup> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var storage = services.GetRequiredService<IStorage>();
            if (storage is SqliteStorage sqlite)
            {
                await sqlite.InitializeAsync(cancellationToken).ConfigureAwait(false);
                logger.LogInformation("State is stored in SQLite at {Path}.", sqlite.FilePath);
            }
            else
            {
                logger.LogInformation("State is stored in {Store}.", storage.GetType().Name);
            }

            if (string.IsNullOrWhiteSpace(credentials.Value.MicrosoftAppId))
            {
                logger.LogWarning("MicrosoftAppId is not set: /api/messages accepts unauthenticated requests. Set it before the bot is reachable from outside this machine.");
            }
            else if (authenticator is PassThroughRequestAuthenticator)
            {
                logger.LogWarning("MicrosoftAppId is set but a pass-through authenticator was registered: /api/messages accepts unauthenticated requests.");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
