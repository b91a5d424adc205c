using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Journeys.Learn;
using ReflectBot.Journeys.Toolkit;
using ReflectBot.Privacy;
using ReflectBot.Understanding.Embeddings;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Understanding;

public static class UnderstandingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the recognizer (<see cref="UtteranceRecognizer"/>, also as <see cref="IRecognizer"/>), its content
    /// (intents.yaml and smalltalk.yaml; it also learns from the menu and learn.yaml) and the shared sentence embedder it reads meaning with. The model
    /// is built when first resolved, which the start-up content check does, so the first message never waits for it.
    /// </summary>
    public static IServiceCollection AddUnderstanding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSentenceEmbeddings(configuration);
        services.AddOptions<RecognitionOptions>().Bind(configuration.GetSection("ReflectBot:Recognition"));
        services.AddBotContent(IntentsContent.Load);
        services.AddBotContent(SmallTalkContent.Load);
        services.TryAddSingleton<RecognitionModelLoader>();
        services.TryAddSingleton(sp => sp.GetRequiredService<RecognitionModelLoader>().Load(
            sp.GetRequiredService<CommonContent>(),
            sp.GetRequiredService<MainMenu>().Entries,
            sp.GetRequiredService<PrivacyContent>(),
            sp.GetRequiredService<ToolkitContent>(),
            sp.GetRequiredService<IntentsContent>(),
            sp.GetRequiredService<LearnContent>(),
            sp.GetRequiredService<ISentenceEmbedder>(),
            sp.GetRequiredService<IOptions<RecognitionOptions>>().Value));
        services.TryAddSingleton<UtteranceRecognizer>();
        services.TryAddSingleton<IRecognizer>(sp => sp.GetRequiredService<UtteranceRecognizer>());
        return services;
    }
}
