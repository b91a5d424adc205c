using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReflectBot.Journeys.Rehearse;

public static class RehearseJourney
{
    /// <summary>
    /// "Rehearse a conversation": its words (rehearsal/*.yaml), the partner model that answers each line the
    /// analyser read, its dialogs and its place on the menu.
    /// </summary>
    public static IServiceCollection AddRehearseJourney(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RehearsalOptions>().Bind(configuration.GetSection("Rehearsal"));
        services.AddSingleton<RehearsalRandom>();
        services.AddSingleton<PartnerModel>();
        services.AddSingleton<RolePlayDialog>();
        return services.AddJourney<RehearsalDialog, RehearsalContent>(RehearsalDialog.MenuKey, content => content.Menu);
    }
}
