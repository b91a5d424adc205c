using Microsoft.Extensions.DependencyInjection;

namespace ReflectBot.Journeys.Plan;

public static class PlanJourney
{
    /// <summary>"Plan next steps": its words (plan.yaml), its dialog and its place on the menu.</summary>
    public static IServiceCollection AddPlanJourney(this IServiceCollection services) =>
        services.AddJourney<PlanDialog, PlanContent>(PlanDialog.MenuKey, content => content.Menu);
}
