namespace ReflectBot.Understanding.Embeddings;

/// <summary>
/// Turns text into a sentence embedding: a unit-length vector whose direction carries the meaning, so that
/// "I want to give up on life" lies near "I can't go on" and far from "I want to give up sugar".
/// One per process (<see cref="SentenceEmbedderLoader"/>); per turn, use <see cref="TurnEmbedding"/> so the
/// message is embedded once however many features read it.
/// </summary>
public interface ISentenceEmbedder
{
    /// <summary>False when the model did not load (or is turned off): callers go on without it.</summary>
    bool IsAvailable { get; }

    /// <summary>Length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>Which model, for logs and for keying cached vectors (a vector from another model means nothing).</summary>
    string ModelId { get; }

    /// <summary>
    /// Embeds each <paramref name="parts"/> range of <paramref name="text"/> as its own sentence, all in one model
    /// run, writing vector i to <c>destination[(i * Dimensions)..]</c>. Thread-safe.
    /// </summary>
    void Embed(ReadOnlySpan<char> text, ReadOnlySpan<Range> parts, Span<float> destination);
}

public static class SentenceEmbedderExtensions
{
    /// <summary>The vector of the whole <paramref name="text"/>, in a new array.</summary>
    public static float[] Embed(this ISentenceEmbedder embedder, ReadOnlySpan<char> text)
    {
        var vector = new float[embedder.Dimensions];
        ReadOnlySpan<Range> whole = [Range.All];
        embedder.Embed(text, whole, vector);
        return vector;
    }
}

/// <summary>Stands in when the model is off or failed to load, so nothing has to test for null.</summary>
public sealed class UnavailableEmbedder : ISentenceEmbedder
{
    public static UnavailableEmbedder Instance { get; } = new();

    private UnavailableEmbedder()
    {
    }

    public bool IsAvailable => false;

    public int Dimensions => 0;

    public string ModelId => "none";

    public void Embed(ReadOnlySpan<char> text, ReadOnlySpan<Range> parts, Span<float> destination) =>
        throw new InvalidOperationException("no sentence embedding model is loaded");
}
