using System.Numerics.Tensors;

namespace ReflectBot.Safety.Semantic;

/// <summary>How the semantic classifier learns; read from dialogs/safety/semantic.yaml.</summary>
public sealed record SemanticTraining(int Epochs, double LearningRate, double L2, int Seed);

/// <summary>
/// Multinomial logistic regression on sentence embeddings: one weight vector per <see cref="SafetyCategory"/>.
/// Each dimension is standardised with the training set's mean and spread while learning, and the scaling is folded
/// into the weights afterwards, so scoring a message is six dot products and a softmax.
/// </summary>
public sealed class SemanticClassifier
{
    /// <summary>One class per <see cref="SafetyCategory"/> value (None = 0 … HarmToOthers = 5).</summary>
    public const int Classes = 6;

    private readonly float[] _weights;
    private readonly float[] _bias;

    private SemanticClassifier(int dimensions, float[] weights, float[] bias)
    {
        Dimensions = dimensions;
        _weights = weights;
        _bias = bias;
    }

    public int Dimensions { get; }

    /// <summary>Fills <paramref name="probabilities"/> (length <see cref="Classes"/>) for one vector. No allocation.</summary>
    public void Probabilities(ReadOnlySpan<float> vector, Span<float> probabilities)
    {
        for (var c = 0; c < Classes; c++)
        {
            probabilities[c] = TensorPrimitives.Dot(_weights.AsSpan(c * Dimensions, Dimensions), vector) + _bias[c];
        }

        TensorPrimitives.SoftMax(probabilities[..Classes], probabilities[..Classes]);
    }

    /// <summary>The summed probability of the crisis categories (emergency, self-harm, abuse, harm-to-others).</summary>
    public static float CrisisProbability(ReadOnlySpan<float> probabilities)
    {
        var sum = 0f;
        for (var c = 0; c < Classes; c++)
        {
            sum += ((SafetyCategory)c).IsCrisis() ? probabilities[c] : 0f;
        }

        return sum;
    }

    /// <summary>
    /// Softmax regression by SGD, visiting the messages in an order shuffled with <see cref="SemanticTraining.Seed"/>,
    /// with a step that decays over time and L2 weight decay: the same vectors and settings always give the same weights.
    /// </summary>
    public static SemanticClassifier Train(IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, SemanticTraining options)
    {
        if (vectors.Count == 0 || vectors.Count != labels.Count)
        {
            throw new ArgumentException("one label per vector, and at least one vector is needed");
        }

        var dims = vectors[0].Length;
        var (mean, scale) = Standardisation(vectors, dims);
        var z = new float[dims];
        var weights = new float[Classes * dims];
        var bias = new float[Classes];
        var scores = new float[Classes];
        var order = Enumerable.Range(0, vectors.Count).ToArray();
        var random = new Random(options.Seed);
        long step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                Standardise(vectors[i], mean, scale, z);
                for (var c = 0; c < Classes; c++)
                {
                    scores[c] = TensorPrimitives.Dot(weights.AsSpan(c * dims, dims), z) + bias[c];
                }

                TensorPrimitives.SoftMax(scores, scores);
                var rate = (float)(options.LearningRate / (1 + (options.LearningRate * options.L2 * step++)));
                var decay = 1f - (rate * (float)options.L2);
                for (var c = 0; c < Classes; c++)
                {
                    var error = scores[c] - (c == labels[i] ? 1f : 0f);
                    var row = weights.AsSpan(c * dims, dims);
                    TensorPrimitives.Multiply(row, decay, row);
                    TensorPrimitives.MultiplyAdd(z, -rate * error, row, row);
                    bias[c] -= rate * error;
                }
            }
        }

        // Fold the standardisation in: w·((x - mean) * scale) + b = (w * scale)·x + (b - (w * scale)·mean).
        for (var c = 0; c < Classes; c++)
        {
            var row = weights.AsSpan(c * dims, dims);
            TensorPrimitives.Multiply(row, scale, row);
            bias[c] -= TensorPrimitives.Dot(row, mean);
        }

        return new SemanticClassifier(dims, weights, bias);
    }

    private static (float[] Mean, float[] Scale) Standardisation(IReadOnlyList<float[]> vectors, int dims)
    {
        var mean = new float[dims];
        foreach (var v in vectors)
        {
            TensorPrimitives.Add(mean, v, mean);
        }

        TensorPrimitives.Divide(mean, vectors.Count, mean);
        var variance = new float[dims];
        var centred = new float[dims];
        foreach (var v in vectors)
        {
            TensorPrimitives.Subtract(v, mean, centred);
            TensorPrimitives.MultiplyAdd(centred, centred, variance, variance);
        }

        var scale = new float[dims];
        for (var d = 0; d < dims; d++)
        {
            scale[d] = 1f / MathF.Sqrt((variance[d] / vectors.Count) + 1e-6f);
        }

        return (mean, scale);
    }

    private static void Standardise(ReadOnlySpan<float> x, ReadOnlySpan<float> mean, ReadOnlySpan<float> scale, Span<float> z)
    {
        TensorPrimitives.Subtract(x, mean, z);
        TensorPrimitives.Multiply(z, scale, z);
    }
}
