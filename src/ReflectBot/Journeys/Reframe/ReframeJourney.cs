using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Framework.State;

namespace ReflectBot.Journeys.Reframe;

public static class ReframeJourney
{
    /// <summary>"Say it with "I feel"": its words (reframe.yaml), its dialogs and its place on the menu.</summary>
    public static IServiceCollection AddReframeJourney(this IServiceCollection services)
    {
        StateJson.Register(ReframeStateJson.Default);
        services.AddSingleton<StatementWriter>();
        services.AddSingleton<ObservationDialog>();
        services.AddSingleton<FeelingDialog>();
        services.AddSingleton<NeedDialog>();
        services.AddSingleton<RequestDialog>();
        services.AddSingleton<StatementReviewDialog>();
        return services.AddJourney<ReframeDialog, ReframeContent>(ReframeDialog.MenuKey, content => content.Menu);
    }
}
