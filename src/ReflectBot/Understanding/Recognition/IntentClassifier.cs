using System.Numerics.Tensors;
using ReflectBot.Journeys.Learn;

namespace ReflectBot.Understanding.Recognition;

/// <summary>One intent and how likely the message means it.</summary>
public readonly record struct RankedIntent(string Intent, float Score);

/// <summary>
/// Reads what a message means from its sentence embedding and its words, learned from intents.yaml's examples and
/// learn.yaml's questions (which all mean <c>learn_question</c>). Two views of the message: a classifier gives each
/// intent a probability, and the nearest example says whether the message is anywhere near what the bot knows about.
/// </summary>
public sealed class IntentClassifier
{
    private readonly string[] _intents;
    private readonly SoftmaxClassifier _classifier;

    // The in-scope examples' unit vectors, one after another (empty without a model).
    private readonly float[] _inScope;
    private readonly int _dimensions;

    private IntentClassifier(string[] intents, SoftmaxClassifier classifier, float[] inScope, int dimensions)
    {
        _intents = intents;
        _classifier = classifier;
        _inScope = inScope;
        _dimensions = dimensions;
    }

    /// <summary>Whether it reads sentence embeddings (false: words only, when no model could be loaded).</summary>
    public bool UsesEmbeddings => _dimensions > 0;

    /// <summary>Every example message with its intent, in the order <see cref="Train"/> wants their vectors.</summary>
    public static IReadOnlyList<(string Text, string Intent)> Examples(IntentsContent intents, LearnContent learn) =>
        [
            .. intents.Intents.SelectMany(i => i.Examples.Select(e => (e, i.Name))),
            .. learn.Entries.SelectMany(e => e.Questions.Select(q => (q, IntentNames.LearnQuestion))),
        ];

    /// <param name="vectors">One unit vector per <see cref="Examples"/> entry, or null to learn from words alone.</param>
    public static IntentClassifier Train(IReadOnlyList<(string Text, string Intent)> examples, IReadOnlyList<float[]>? vectors, TrainingSettings settings)
    {
        var intents = examples.Select(e => e.Intent).Distinct(StringComparer.Ordinal).ToArray();
        var counts = examples.GroupBy(e => e.Intent).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var typical = counts.Values.Order().ElementAt(counts.Count / 2);
        var dimensions = vectors is { Count: > 0 } ? vectors[0].Length : 0;

        // learn_question has ten times the examples of the rest; weighting by the square root of the imbalance keeps
        // it from swallowing every question-shaped message without forgetting that questions are common.
        var training = examples.Select((e, i) => new TrainingExample(
            dimensions > 0 ? vectors![i] : ReadOnlyMemory<float>.Empty,
            TextFeatures.Extract(e.Text),
            Array.IndexOf(intents, e.Intent),
            MathF.Sqrt(typical / (float)counts[e.Intent]))).ToList();
        var classifier = SoftmaxClassifier.Train(training, intents.Length, dimensions, settings);

        var inScope = dimensions == 0 ? [] : examples
            .Select((e, i) => (e.Intent, Vector: vectors![i]))
            .Where(e => e.Intent != IntentNames.None)
            .SelectMany(e => e.Vector)
            .ToArray();
        return new IntentClassifier(intents, classifier, inScope, dimensions);
    }

    /// <summary>
    /// The intents by probability, best first, and the message's cosine similarity to the nearest in-scope example
    /// (1 without an embedding, so words alone never rule a message out of scope).
    /// </summary>
    public (RankedIntent[] Ranked, float Closeness) Classify(ReadOnlySpan<float> embedding, SparseVector words)
    {
        Span<float> probabilities = stackalloc float[_intents.Length];
        var usable = _dimensions > 0 && embedding.Length == _dimensions;
        _classifier.Probabilities(usable ? embedding : default, words, probabilities);
        var ranked = new RankedIntent[_intents.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = new RankedIntent(_intents[i], probabilities[i]);
        }

        Array.Sort(ranked, (a, b) => b.Score.CompareTo(a.Score));
        return (ranked, usable ? Nearest(embedding) : 1f);
    }

    private float Nearest(ReadOnlySpan<float> embedding)
    {
        var best = -1f;
        for (var offset = 0; offset < _inScope.Length; offset += _dimensions)
        {
            best = Math.Max(best, TensorPrimitives.Dot(_inScope.AsSpan(offset, _dimensions), embedding));
        }

        return best;
    }
}
