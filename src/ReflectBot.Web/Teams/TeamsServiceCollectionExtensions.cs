using ReflectBot.Content;
using IMiddleware = ReflectBot.Framework.Builder.IMiddleware;

namespace ReflectBot.Web.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Answers Teams' <c>Action.Execute</c> invokes by running them as card submissions (see
    /// <see cref="AdaptiveCardActionMiddleware"/>). Register it after the bot (AddReflectBot), so it is the innermost
    /// middleware: it may call the bot twice in one turn, and no other middleware should run twice.
    /// </summary>
    public static IServiceCollection AddTeamsCardActions(this IServiceCollection services)
    {
        services.AddSingleton<IMiddleware>(sp => new AdaptiveCardActionMiddleware(Acknowledgement(sp.GetRequiredService<ContentSource>())));
        return services;
    }

    /// <summary>
    /// The short line Teams shows under the card once the action went through: <c>cardActionReceived</c> in the
    /// locale's common.yaml. Until that key exists the line is empty, and Teams shows no banner text.
    /// </summary>
    private static string Acknowledgement(ContentSource content) =>
        content.LocaleFile("common.yaml").TryGet("cardActionReceived")?.Text() ?? string.Empty;
}
