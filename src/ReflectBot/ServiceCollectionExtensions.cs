using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;
using ReflectBot.Journeys.Conversation;
using ReflectBot.Journeys.Learn;
using ReflectBot.Journeys.Plan;
using ReflectBot.Journeys.Referral;
using ReflectBot.Journeys.Reframe;
using ReflectBot.Journeys.Reframe.Analysis;
using ReflectBot.Journeys.Rehearse;
using ReflectBot.Journeys.Signs;
using ReflectBot.Journeys.Toolkit;
using ReflectBot.Privacy;
using ReflectBot.Safety;
using ReflectBot.State;
using ReflectBot.Understanding;

namespace ReflectBot;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the bot, its dialogs, content and state. The host registers an <see cref="IStorage"/> and the
    /// adapter; everything here is channel-agnostic.
    /// </summary>
    public static IServiceCollection AddReflectBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReflectBotOptions>()
            .Bind(configuration.GetSection("ReflectBot"))
            .PostConfigure(o => o.ContentPath ??= configuration["Content:Path"]);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ContentSource>();
        services.AddBotContent<CommonContent>();

        // Once, before any state property is made: where state finds the JSON for the bot's own types. A type the bot
        // forgot to register must fail, not be reflected over on every turn.
        StateJson.RequireRegistration = true;
        StateJson.Register(BotStateJson.Default);
        services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        services.AddSingleton(sp => new UserState(sp.GetRequiredService<IStorage>()));
        services.AddSingleton<ReflectBotState>();

        // One analyser for drafts (reframe) and every rehearsal line: loaded once, shared, immutable.
        services.TryAddSingleton(sp => ReframeAnalyzer.Load(sp.GetRequiredService<ContentSource>().Root, sp.GetRequiredService<ContentSource>().Locale));

        services.AddReflectBotSafety(configuration);
        services.AddPrivacy();
        services.AddSingleton<GlobalCommands>();
        services.AddSingleton<FirstMessageRouting>();

        // Understanding what people type: small talk, control, questions and requests in plain words, at the menu
        // and inside any question (the recognizer; where it runs in a turn is in Bots/BotPipeline.cs).
        services.AddUnderstanding(configuration);

        // The journeys, in the order the main menu shows them. A new one is one line here (docs/add-a-journey.md).
        services.AddSignsJourney();
        services.AddReframeJourney();
        services.AddPlanJourney();
        services.AddRehearseJourney(configuration);
        services.AddReferralJourney();
        services.AddToolkitJourney();
        services.AddLearnJourney();
        // Not on the menu: small talk, questions mid-prompt, "did you mean ...?", switching conversations.
        services.AddConversationJourney();

        // The order of middleware and interruptions, in one list (Bots/BotPipeline.cs).
        services.AddSingleton<BotPipeline>();
        services.AddSingleton(sp => BotPipeline.CreateErrorHandler(
            sp.GetRequiredService<ILogger<TurnErrorHandler>>(), sp.GetRequiredService<CommonContent>(), sp.GetRequiredService<ReflectBotState>()));

        services.AddSingleton<MainMenu>();
        services.AddSingleton<MainDialog>();
        services.AddSingleton<IBot, ReflectBotHandler>();
        services.AddHostedService<ContentStartupCheck>();
        return services;
    }

    /// <summary>Registers a content file (a <see cref="ContentAttribute"/> type), loaded and checked at start-up.</summary>
    public static IServiceCollection AddBotContent<T>(this IServiceCollection services)
        where T : class, IContentFile<T> =>
        services.AddBotContent(T.Load);

    /// <summary>Registers a content class loaded from <see cref="ContentSource"/> and checked at start-up.</summary>
    public static IServiceCollection AddBotContent<T>(this IServiceCollection services, Func<ContentSource, T> load)
        where T : class, IBotContent
    {
        services.AddSingleton(sp => load(sp.GetRequiredService<ContentSource>()));
        services.AddSingleton<IBotContent>(sp => sp.GetRequiredService<T>());
        return services;
    }

    /// <summary>Loads every content file before the first turn, so a broken file stops start-up with file:line.</summary>
    public static void ValidateBotContent(this IServiceProvider services)
    {
        _ = services.GetServices<IBotContent>().ToList();
        _ = services.GetRequiredService<IBot>();
    }

    private sealed class ContentStartupCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.ValidateBotContent();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
