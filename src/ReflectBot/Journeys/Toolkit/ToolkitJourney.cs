using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Bots;

namespace ReflectBot.Journeys.Toolkit;

public static class ToolkitJourney
{
    /// <summary>"My toolkit": its words (toolkit.yaml), its dialog, its place on the menu and "my toolkit" at any prompt.</summary>
    public static IServiceCollection AddToolkitJourney(this IServiceCollection services)
    {
        services.AddSingleton<IInterruption, MyToolkitCommand>();
        return services.AddJourney<ToolkitDialog, ToolkitContent>(ToolkitDialog.MenuKey, content => content.Menu);
    }
}
