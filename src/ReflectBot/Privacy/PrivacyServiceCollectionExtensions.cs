using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Bots;
using ReflectBot.Content;

namespace ReflectBot.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>"Delete my data" at any prompt (see BotPipeline), its conversation, and the retention sweep.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddBotContent<PrivacyContent>();
        services.AddSingleton<UserDataEraser>();
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService<RetentionSweepService>();
        services.AddSingleton<DeleteMyDataInterruption>();
        services.AddSingleton<DeleteMyDataDialog>();

        // Not on the menu: a branch key, so a first message of "delete my data" can begin it.
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(DeleteMyDataDialog.BranchKey, sp.GetRequiredService<DeleteMyDataDialog>()));
        return services;
    }
}
