using ReflectBot.Content;
using IMiddleware = ReflectBot.Framework.Builder.IMiddleware;

namespace ReflectBot.Web.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Answers Teams' <c>Action.Execute</c> invokes by running them as card submissions (see
    /// <see cref="AdaptiveCardActionMiddleware"/>). A channel middleware: <see cref="Bots.BotPipeline"/> puts it innermost,
    /// since it may call the bot twice in one turn and no other middleware should run twice.
    /// </summary>
    public static IServiceCollection AddTeamsCardActions(this IServiceCollection services)
    {
        // The line under the card is common.yaml's cardActionReceived, checked with the rest of the content at start-up.
        services.AddSingleton<IMiddleware>(sp => new AdaptiveCardActionMiddleware(sp.GetRequiredService<CommonContent>().CardActionReceived));
        return services;
    }
}
