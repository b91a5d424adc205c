using Microsoft.Extensions.DependencyInjection;

namespace ReflectBot.Journeys.Learn;

public static class LearnJourney
{
    /// <summary>
    /// "Learn about emotional distance": its answers (learn.yaml, which the recognizer also learns from), its dialog
    /// and its place on the menu; a question asked in the middle of another conversation begins it too.
    /// </summary>
    public static IServiceCollection AddLearnJourney(this IServiceCollection services) =>
        services.AddJourney<LearnDialog, LearnContent>(LearnDialog.MenuKey, content => content.Menu);
}
