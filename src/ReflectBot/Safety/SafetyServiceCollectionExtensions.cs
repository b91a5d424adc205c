using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Journeys.Referral;
using ReflectBot.Privacy;

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
    /// and privacy (delete my data, retention sweep). Their place in a turn is set by <see cref="Bots.BotPipeline"/>.
    /// </summary>
    public static IServiceCollection AddReflectBotSafety(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SafetyOptions>().Bind(configuration.GetSection("ReflectBot:Safety"));

        services.AddBotContent(SafetyData.Load);
        services.AddSingleton(sp => sp.GetRequiredService<SafetyData>().Screener);
        services.AddSingleton(sp => sp.GetRequiredService<SafetyData>().Lines);
        services.AddBotContent<SafetyContent>();
        services.AddBotContent<ReferralContent>();
        services.AddBotContent(TherapistDirectories.Load);
        services.AddBotContent<PrivacyContent>();
        services.AddSingleton<CrisisReplies>();
        services.AddSingleton<DeferredWelcome>();
        services.AddSingleton<FirstMessageRouting>();
        services.AddSingleton<UserDataEraser>();
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService<RetentionSweepService>();

        // Where they run in a turn is BotPipeline's list.
        services.AddSingleton<SafetyMiddleware>();
        services.AddSingleton<CrisisInterruption>();
        services.AddSingleton<DeleteMyDataInterruption>();
        services.AddSingleton<TherapistRequestInterruption>();

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
