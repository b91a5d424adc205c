using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Bots;

namespace ReflectBot.Journeys.Conversation;

public static class ConversationJourney
{
    /// <summary>
    /// The conversation around the journeys, not on the menu: small talk, "I don't know", questions in the middle of a
    /// prompt, "did you mean ...?" and switching conversations (<see cref="UnderstandingInterruption"/>, whose place in
    /// a turn is in <see cref="BotPipeline"/>), and the small dialogs it begins, by key.
    /// </summary>
    public static IServiceCollection AddConversationJourney(this IServiceCollection services)
    {
        services.AddSingleton<OpenQuestions>();
        services.AddSingleton<UnderstandingInterruption>();
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(SwitchConversationDialog.DialogId, ActivatorUtilities.CreateInstance<SwitchConversationDialog>(sp)));
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(ClarifyDialog.DialogId, ActivatorUtilities.CreateInstance<ClarifyDialog>(sp)));
        services.AddSingleton<IMenuBranch>(sp => new MenuBranch(ShareSituationDialog.DialogId, ActivatorUtilities.CreateInstance<ShareSituationDialog>(sp)));
        return services;
    }
}
