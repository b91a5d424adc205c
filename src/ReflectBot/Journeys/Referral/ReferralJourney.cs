using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Content;

namespace ReflectBot.Journeys.Referral;

public static class ReferralJourney
{
    /// <summary>
    /// "Find a therapist": its words (referral.yaml), the directories per country (safety/directories.yaml), its
    /// dialog, its place on the menu and "I want a therapist" at any prompt (see BotPipeline for where that runs).
    /// </summary>
    public static IServiceCollection AddReferralJourney(this IServiceCollection services)
    {
        services.AddBotContent(TherapistDirectories.Load);
        services.AddSingleton<TherapistRequestInterruption>();
        return services.AddJourney<TherapyReferralDialog, ReferralContent>(TherapyReferralDialog.MenuKey, content => content.Menu);
    }
}
