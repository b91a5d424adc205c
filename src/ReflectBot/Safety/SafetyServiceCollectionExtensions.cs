using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReflectBot.Content;
using ReflectBot.Dialogs;
using ReflectBot.Framework.Builder;
using ReflectBot.Privacy;
using ReflectBot.Safety.Semantic;
using ReflectBot.Understanding;
using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Safety;

/// <summary>The screener, crisis lines and the file they live in, loaded once and checked at start-up.</summary>
public sealed class SafetyData(CrisisScreener screener, CrisisLines lines) : IBotContent
{
    public CrisisScreener Screener { get; } = screener;

    public CrisisLines Lines { get; } = lines;

    public static SafetyData Load(ContentSource source) => new(CrisisScreener.Load(source.Root), CrisisLines.Load(source.Root));
}

public static class SafetyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the safety path (screening middleware, crisis and check-in conversations), the therapy referral
    /// and privacy (delete my data, retention sweep). Call it before any other interruption is registered:
    /// interruptions run in registration order and the crisis one must come first.
    /// </summary>
    public static IServiceCollection AddReflectBotSafety(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SafetyOptions>().Bind(configuration.GetSection("ReflectBot:Safety"));

        services.AddBotContent(SafetyData.Load);
        services.AddSingleton(sp => sp.GetRequiredService<SafetyData>().Screener);
        services.AddSingleton(sp => sp.GetRequiredService<SafetyData>().Lines);
        services.AddSentenceEmbeddings(configuration);
        services.AddSingleton(sp => SemanticOpinion.Load(
            sp.GetRequiredService<ContentSource>().Root,
            sp.GetRequiredService<ISentenceEmbedder>(),
            sp.GetRequiredService<CrisisScreener>(),
            sp.GetRequiredService<ILogger<SemanticOpinion>>()));
        services.AddSingleton<IBotContent>(sp => sp.GetRequiredService<SemanticOpinion>());
        services.AddBotContent(KnownReplies.Load);
        services.AddBotContent(SafetyContent.Load);
        services.AddBotContent(ReferralContent.Load);
        services.AddBotContent(TherapistDirectories.Load);
        services.AddBotContent(PrivacyContent.Load);
        services.AddSingleton<CrisisReplies>();
        services.AddSingleton<DeferredWelcome>();
        services.AddSingleton<FirstMessageRouting>();
        services.AddSingleton<UserDataEraser>();
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService<RetentionSweepService>();

        services.AddSingleton<SafetyMiddleware>();
        services.AddSingleton<IMiddleware>(sp => sp.GetRequiredService<SafetyMiddleware>());

        // Order matters: a crisis beats everything, then deleting data, then asking for a therapist.
        services.AddSingleton<IInterruption, CrisisInterruption>();
        services.AddSingleton<IInterruption, DeleteMyDataInterruption>();
        services.AddSingleton<IInterruption, TherapistRequestInterruption>();

        services.AddSingleton<CrisisDialog>();
        services.AddSingleton<CheckInDialog>();
        services.AddSingleton<TherapyReferralDialog>();
        services.AddSingleton<DeleteMyDataDialog>();

        // Branches the main dialog can run. Only "therapist" is on the menu (common.yaml); the others are
        // hidden keys so interruptions and FirstMessageRouting can begin them.
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(TherapyReferralDialog.MenuKey, sp.GetRequiredService<TherapyReferralDialog>()));
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(CrisisDialog.BranchKey, sp.GetRequiredService<CrisisDialog>()));
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(CheckInDialog.BranchKey, sp.GetRequiredService<CheckInDialog>()));
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(DeleteMyDataDialog.BranchKey, sp.GetRequiredService<DeleteMyDataDialog>()));
        return services;
    }
}
