using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Journeys.Referral;
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
    /// Registers the safety path: crisis screening (middleware), the crisis lines, the crisis and check-in
    /// conversations and the disclaimer they may owe. Their place in a turn is set by <see cref="Bots.BotPipeline"/>.
    /// </summary>
    public static IServiceCollection AddReflectBotSafety(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SafetyOptions>().Bind(configuration.GetSection("ReflectBot:Safety"));

        services.AddBotContent(SafetyData.Load);
        services.AddSingleton(sp => sp.GetRequiredService<SafetyData>().Screener);
        services.AddSingleton(sp => sp.GetRequiredService<SafetyData>().Lines);
        services.AddBotContent<SafetyContent>();
        services.AddSentenceEmbeddings(configuration);
        services.AddSingleton(sp => SemanticOpinion.Load(
            sp.GetRequiredService<ContentSource>().Root,
            sp.GetRequiredService<ISentenceEmbedder>(),
            sp.GetRequiredService<CrisisScreener>(),
            sp.GetRequiredService<ILogger<SemanticOpinion>>()));
        services.AddSingleton<IBotContent>(sp => sp.GetRequiredService<SemanticOpinion>());
        services.AddBotContent(KnownReplies.Load);
        services.AddSingleton<CrisisReplies>();
        services.AddSingleton<DeferredWelcome>();
        services.AddSingleton<SafetyMiddleware>();
        services.AddSingleton<CrisisInterruption>();
        services.AddSingleton<CrisisDialog>();
        services.AddSingleton<CheckInDialog>();

        // Not on the menu: branch keys, so a first message in crisis (or distress) begins the conversation at once.
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(CrisisDialog.BranchKey, sp.GetRequiredService<CrisisDialog>()));
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(CheckInDialog.BranchKey, sp.GetRequiredService<CheckInDialog>()));
        return services;
    }
}
