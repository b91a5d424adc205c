using Microsoft.Extensions.DependencyInjection;

namespace ReflectBot.Journeys.Reframe;

public static class ReframeJourney
{
    /// <summary>"Say it with "I feel"": its words (reframe.yaml), its dialogs and its place on the menu.</summary>
    public static IServiceCollection AddReframeJourney(this IServiceCollection services) =>
        services.AddJourney<ReframeDialog, ReframeContent>(ReframeDialog.MenuKey, content => content.Menu);
}
