using ReflectBot.Framework.Builder;

// TEMPORARY: stands in for ReflectBot's own AddReflectBot (src/ReflectBot/ServiceCollectionExtensions.cs)
// until that builds on this branch. Delete this file when merging: the two would be ambiguous.
namespace ReflectBot;

public static class TemporaryBotRegistration
{
    public static IServiceCollection AddReflectBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IBot, PlaceholderEchoBot>();
        return services;
    }

    /// <summary>Echoes messages so the host can be tried end to end before the real bot is wired.</summary>
    private sealed class PlaceholderEchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync($"echo: {turnContext.Activity.Text}", cancellationToken: cancellationToken);
    }
}
