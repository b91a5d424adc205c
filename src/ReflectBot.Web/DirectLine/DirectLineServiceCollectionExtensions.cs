using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Storage.Redis;
using ReflectBot.Web.Limits;
using ReflectBot.Web.Widget;

namespace ReflectBot.Web.DirectLine;

public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Registers Direct Line (the store, tokens, the channel) and routes the adapter's replies for Direct Line
    /// conversations into their backlog. The store is in Redis when Storage:Provider is Redis (several instances
    /// serve the same conversations), else in memory. Call it after the host has registered its
    /// <see cref="IConnectorSender"/> and Redis connection (AddBotHost), which it uses.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        // With Redis storage every instance must see the same conversations, so Direct Line keeps them there too.
        services.TryAddSingleton<IDirectLineStore>(sp => BotHostServiceCollectionExtensions.UsesRedis(sp)
            ? new RedisDirectLineStore(
                sp.GetRequiredService<RedisConnection>(),
                sp.GetRequiredService<IOptions<DirectLineOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<RedisDirectLineStore>>())
            : ActivatorUtilities.CreateInstance<InMemoryDirectLineStore>(sp));
        services.TryAddSingleton(sp => DirectLineSecret.From(sp.GetRequiredService<IOptions<DirectLineOptions>>().Value));
        services.TryAddSingleton<DirectLineTokens>();
        services.TryAddSingleton<DirectLineChannel>();
        services.TryAddSingleton<DirectLinePostLimiter>();

        // Limits for the open internet (Limits/): how fast chats may start, how many sockets stay open.
        services.AddOptions<StartLimitsOptions>().Bind(configuration.GetSection(StartLimitsOptions.SectionName));
        services.TryAddSingleton<StartRateLimits>();
        services.TryAddSingleton<DirectLineSockets>();
        services.AddHostedService<DirectLineStartup>();
        services.AddWebChatWidget(configuration);
        DecorateConnectorSender(services);
        return services;
    }

    /// <summary>
    /// Maps Direct Line under <c>/v3/directline</c>, the web chat page (static files from wwwroot, <c>GET /</c>),
    /// its token endpoint and the crisis lines it shows, and the chat for other sites (<c>/widget.js</c>, <c>/embed</c>)
    /// with CORS for the sites allowed to embed it.
    /// </summary>
    public static WebApplication MapDirectLine(this WebApplication app)
    {
        app.UseWebSockets();
        app.UseWebChatStaticFiles();
        app.UseCors();
        app.MapDirectLineProtocol();
        app.MapWebChatApi();
        app.MapWebChatWidget();
        return app;
    }

    private static void DecorateConnectorSender(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IConnectorSender) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("AddDirectLine wraps the host's IConnectorSender: call it after AddBotHost.");
        if (inner.ImplementationFactory is { } f && f.Target is DecoratorMarker)
        {
            return;
        }

        services.Remove(inner);
        var marker = new DecoratorMarker(inner);
        services.Add(new ServiceDescriptor(typeof(IConnectorSender), marker.Create, ServiceLifetime.Singleton));
    }

    /// <summary>Builds the wrapped sender from the descriptor it replaced; also marks the decoration as done.</summary>
    private sealed class DecoratorMarker(ServiceDescriptor inner)
    {
        public object Create(IServiceProvider sp)
        {
            var original = (IConnectorSender)(inner.ImplementationInstance
                ?? inner.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!));
            return new DirectLineConnectorSender(
                original,
                sp.GetRequiredService<IDirectLineStore>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<DirectLineConnectorSender>>());
        }
    }

    /// <summary>Says at start-up where web chat is and whether its secret is a throwaway one.</summary>
    private sealed class DirectLineStartup(DirectLineSecret secret, IHostEnvironment environment, ILogger<DirectLineStartup> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!secret.Generated)
            {
                logger.LogInformation("Direct Line is on at {Path} with the configured secret.", DirectLineEndpoints.BasePath);
            }
            else if (environment.IsDevelopment())
            {
                logger.LogInformation("DirectLine:Secret is not set, so a random one was generated: web chat works locally; open the bot's address in a browser.");
            }
            else
            {
                logger.LogWarning("DirectLine:Secret is not set, so a random one was generated: the web chat page works, but Direct Line tokens do not survive a restart or work across instances. Set DirectLine:Secret.");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
