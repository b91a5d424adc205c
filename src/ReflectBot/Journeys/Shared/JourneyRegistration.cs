using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Dialogs;

namespace ReflectBot.Journeys;

public static class JourneyRegistration
{
    /// <summary>
    /// Registers a journey: its content file (loaded and checked at start-up), its dialog, and its button on the main
    /// menu under <paramref name="key"/>. The menu lists journeys in the order they are added (see AddReflectBot).
    /// </summary>
    public static IServiceCollection AddJourney<TDialog, TContent>(this IServiceCollection services, string key, Func<TContent, ChoiceWords> menu)
        where TDialog : Dialog
        where TContent : class, IContentFile<TContent>
    {
        services.AddBotContent<TContent>();
        services.AddSingleton<TDialog>();
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(key, sp.GetRequiredService<TDialog>()));
        services.AddSingleton(sp => new MenuButton(key, menu(sp.GetRequiredService<TContent>())));
        return services;
    }
}
