using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ReflectBot.Understanding.Embeddings;

public static class EmbeddingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the process's sentence embedder (<see cref="ISentenceEmbedder"/>), loaded when first resolved; the
    /// bot resolves it while checking its content at start-up, so the first message does not wait for the model.
    /// </summary>
    public static IServiceCollection AddSentenceEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection("ReflectBot:Embeddings"));
        services.TryAddSingleton<SentenceEmbedderLoader>();
        services.TryAddSingleton<ISentenceEmbedder>(sp =>
            sp.GetRequiredService<SentenceEmbedderLoader>().Load(sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value));
        return services;
    }
}
