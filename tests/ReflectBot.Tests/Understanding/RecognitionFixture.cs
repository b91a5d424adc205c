using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Journeys.Learn;
using ReflectBot.Journeys.Toolkit;
using ReflectBot.Privacy;
using ReflectBot.Tests.Support;
using ReflectBot.Understanding.Embeddings;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Tests.Understanding;

/// <summary>The recognizer built from the repository's content, once for the test run, as the bot builds it.</summary>
public static class RecognitionFixture
{
    private static readonly Lazy<Loaded> Instance = new(Load);

    public static RecognitionModel Model => Instance.Value.Model;

    public static IntentsContent Intents => Instance.Value.Intents;

    public static LearnContent Learn => Instance.Value.Learn;

    public static SmallTalkContent SmallTalk => Instance.Value.SmallTalk;

    /// <summary>Reads a message the way the bot does, with its sentence embedding.</summary>
    public static RecognizedMessage Read(string text) =>
        Model.Read(text, () => SharedEmbedder.Instance.Embed(text));

    /// <summary>Where test runs keep example vectors between runs (beside the test binaries).</summary>
    public static string VectorCachePath(string name) => Path.Combine(AppContext.BaseDirectory, "vector-cache", name);

    private static Loaded Load()
    {
        var source = new ContentSource(RepoPaths.ContentRoot);
        var intents = IntentsContent.Load(source);
        var learn = LearnContent.Load(source);
        var model = new RecognitionModelLoader(NullLogger<RecognitionModelLoader>.Instance).Load(
            CommonContent.Load(source),
            ShippedMenu(),
            PrivacyContent.Load(source),
            ToolkitContent.Load(source),
            intents,
            learn,
            SharedEmbedder.Instance,
            new RecognitionOptions { VectorCachePath = VectorCachePath("examples.bin") });
        return new Loaded(model, intents, learn, SmallTalkContent.Load(source));
    }

    /// <summary>The main menu as the bot builds it from the journeys it adds.</summary>
    private static IReadOnlyList<ChoiceItem> ShippedMenu()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Content:Path"] = RepoPaths.ContentRoot })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddReflectBot(config).BuildServiceProvider();
        return services.GetRequiredService<MainMenu>().Entries;
    }

    private sealed record Loaded(RecognitionModel Model, IntentsContent Intents, LearnContent Learn, SmallTalkContent SmallTalk);
}
