using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Framework.State;

namespace ReflectBot.Journeys.Signs;

public static class SignsJourney
{
    /// <summary>"Recognise the signs": its words (signs.yaml), its dialogs and its place on the menu.</summary>
    public static IServiceCollection AddSignsJourney(this IServiceCollection services)
    {
        StateJson.Register(SignsStateJson.Default);
        services.AddSingleton<SignSeriesDialog>();
        return services.AddJourney<RecognizeSignsDialog, SignsContent>(RecognizeSignsDialog.MenuKey, content => content.Menu);
    }
}
