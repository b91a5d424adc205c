using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Dialogs;
using ReflectBot.Dialogs.Rehearsal;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;
using ReflectBot.Journeys.Conversation;
using ReflectBot.Journeys.Learn;
using ReflectBot.Journeys.Reframe.Analysis;
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
        services.AddBotContent(CommonContent.Load);
        services.AddBotContent(SignsContent.Load);
        services.AddBotContent(PlanContent.Load);
        services.AddBotContent(ToolkitContent.Load);
        services.AddBotContent(ReframeContent.Load);
        // One analyser for the reframe journey and the rehearsal: loaded once, shared, immutable.
        services.TryAddSingleton(sp =>
        {
            var source = sp.GetRequiredService<ContentSource>();
            return ReframeAnalyzer.Load(source.Root, source.Locale);
        });

        // Once, before any state property is made: where state finds the JSON for the bot's own types. A type the bot
        // forgot to register must fail, not be reflected over on every turn.
        StateJson.RequireRegistration = true;
        StateJson.Register(BotStateJson.Default);
        services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        services.AddSingleton(sp => new UserState(sp.GetRequiredService<IStorage>()));
        services.AddSingleton<ReflectBotState>();

        // Interruptions run in this order; the first that handles a message wins. Safety comes first.
        services.AddReflectBotSafety(configuration);
        services.AddSingleton<IInterruption, GlobalCommands>();
        services.AddSingleton<IInterruption, MyToolkitCommand>();

        // Understanding what people type (issue 13): small talk, control, questions and requests in plain words, at
        // the menu and inside any question. After the exact commands above, so those keep their meaning.
        services.AddUnderstanding(configuration);
        services.AddSingleton<OpenQuestions>();
        services.AddSingleton<IInterruption, UnderstandingInterruption>();
        services.AddSingleton<LearnDialog>();
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(LearnDialog.MenuKey, sp.GetRequiredService<LearnDialog>()));
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(SwitchConversationDialog.DialogId, ActivatorUtilities.CreateInstance<SwitchConversationDialog>(sp)));
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(ClarifyDialog.DialogId, ActivatorUtilities.CreateInstance<ClarifyDialog>(sp)));
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(ShareSituationDialog.DialogId, ActivatorUtilities.CreateInstance<ShareSituationDialog>(sp)));

        // The guided journey: signs → reframe → plan, and the toolkit that keeps what the user saved.
        services.AddSingleton<RecognizeSignsDialog>();
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(RecognizeSignsDialog.MenuKey, sp.GetRequiredService<RecognizeSignsDialog>()));
        services.AddSingleton<ReframeDialog>();
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(ReframeDialog.MenuKey, sp.GetRequiredService<ReframeDialog>()));
        services.AddSingleton<PlanDialog>();
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(PlanDialog.MenuKey, sp.GetRequiredService<PlanDialog>()));
        services.AddSingleton<ToolkitDialog>();
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(ToolkitDialog.MenuKey, sp.GetRequiredService<ToolkitDialog>()));

        // Rehearsal: the analyser reads each line, the partner model answers, the dialog runs it all.
        services.AddOptions<RehearsalOptions>().Bind(configuration.GetSection("Rehearsal"));
        services.AddBotContent(RehearsalContent.Load);
        services.AddSingleton<RehearsalRandom>();
        services.AddSingleton<PartnerModel>();
        services.AddSingleton<RolePlayDialog>();
        services.AddSingleton<RehearsalDialog>();
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(RehearsalDialog.MenuKey, sp.GetRequiredService<RehearsalDialog>()));

        // A failed turn: say sorry, and clear a dialog stack that crashed, but keep state through a store outage.
        services.AddSingleton(sp =>
        {
            var common = sp.GetRequiredService<CommonContent>();
            var state = sp.GetRequiredService<ReflectBotState>();
            return new TurnErrorHandler(
                sp.GetRequiredService<ILogger<TurnErrorHandler>>(),
                // Never a "something went wrong" right after a crisis reply: the help lines are what the person needs to see.
                (turnContext, exception) => SafetyTurn.ReplySent(turnContext) ? null
                    : MessageFactory.Text(exception is TurnTimeoutException ? common.TookTooLong : common.Error),
                (turnContext, exception, ct) => exception is StorageUnavailableException
                    ? Task.CompletedTask
                    : state.ConversationState.DeleteAsync(turnContext, ct));
        });

        services.AddSingleton<MainDialog>();
        services.AddSingleton<IBot, ReflectBotHandler>();
        services.AddHostedService<ContentStartupCheck>();
        return services;
    }

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
