using System.Numerics.Tensors;

namespace ReflectBot.Understanding.Recognition;

/// <summary>One training message: its sentence embedding (empty without a model), its word features, its class and weight.</summary>
public readonly record struct TrainingExample(ReadOnlyMemory<float> Embedding, SparseVector Words, int Label, float Weight);

/// <summary>How a classifier learns. The defaults were chosen on the development utterances (see Understanding/README.md).</summary>
public sealed record TrainingSettings(int Epochs = 20, float LearningRate = 0.5f, float L2 = 1e-5f, int Seed = 7);

/// <summary>
/// Multinomial logistic regression over a sentence embedding and hashed word features: the probabilities of a handful
/// of classes, calibrated enough to say "not sure" below a threshold. Trained at start-up by seeded stochastic gradient
/// descent, so the same content always gives the same weights. Scoring one message costs classes × (embedding length +
/// word features) multiply-adds: a few microseconds.
/// </summary>
/// <remarks>
/// The safety screener has its own linear model over words only (Safety/Model/LinearModel.cs); this one also reads
/// the embedding and has any number of classes, and it lives here so the safety model stays under safety review.
/// </remarks>
public sealed class SoftmaxClassifier
{
    private readonly int _classes;
    private readonly int _dense;

    // Embedding weights class by class (one dot product per class); word weights bucket by bucket (one message
    // feature touches one short run of memory).
    private readonly float[] _denseWeights;
    private readonly float[] _sparseWeights;
    private readonly float[] _bias;

    private SoftmaxClassifier(int classes, int dense)
    {
        _classes = classes;
        _dense = dense;
        _denseWeights = new float[classes * dense];
        _sparseWeights = new float[TextFeatures.Buckets * classes];
        _bias = new float[classes];
    }

    public int Classes => _classes;

    /// <summary>Length of the embedding it reads; 0 when it was trained on words alone.</summary>
    public int EmbeddingLength => _dense;

    public static SoftmaxClassifier Train(IReadOnlyList<TrainingExample> examples, int classes, int embeddingLength, TrainingSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var model = new SoftmaxClassifier(classes, embeddingLength);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(settings.Seed);
        var probabilities = new float[classes];
        var gradients = new float[classes];
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = settings.LearningRate / (1 + (epoch * 0.1f));
            foreach (var i in order)
            {
                var example = examples[i];
                model.Probabilities(example.Embedding.Span, example.Words, probabilities);
                for (var c = 0; c < classes; c++)
                {
                    gradients[c] = (probabilities[c] - (c == example.Label ? 1 : 0)) * example.Weight * rate;
                }

                model.Step(example, gradients, rate * settings.L2);
            }
        }

        return model;
    }

    /// <summary>Fills <paramref name="probabilities"/> (one per class, summing to 1) for one message.</summary>
    public void Probabilities(ReadOnlySpan<float> embedding, SparseVector words, Span<float> probabilities)
    {
        var useDense = _dense > 0 && embedding.Length == _dense;
        for (var c = 0; c < _classes; c++)
        {
            var score = _bias[c];
            if (useDense)
            {
                score += TensorPrimitives.Dot(_denseWeights.AsSpan(c * _dense, _dense), embedding);
            }

            probabilities[c] = score;
        }

        for (var k = 0; k < words.Indices.Length; k++)
        {
            var row = _sparseWeights.AsSpan(words.Indices[k] * _classes, _classes);
            var value = words.Values[k];
            for (var c = 0; c < _classes; c++)
            {
                probabilities[c] += row[c] * value;
            }
        }

        TensorPrimitives.SoftMax(probabilities[.._classes], probabilities[.._classes]);
    }

    /// <summary>One gradient step: <paramref name="gradients"/> already holds (p − y) × weight × rate per class.</summary>
    private void Step(in TrainingExample example, float[] gradients, float decay)
    {
        var embedding = example.Embedding.Span;
        if (_dense > 0 && embedding.Length == _dense)
        {
            for (var c = 0; c < _classes; c++)
            {
                var row = _denseWeights.AsSpan(c * _dense, _dense);
                // row = row × (1 − decay) − g × x
                TensorPrimitives.Multiply(row, 1 - decay, row);
                TensorPrimitives.MultiplyAdd(embedding, -gradients[c], row, row);
            }
        }

        var words = example.Words;
        for (var k = 0; k < words.Indices.Length; k++)
        {
            var row = _sparseWeights.AsSpan(words.Indices[k] * _classes, _classes);
            var value = words.Values[k];
            for (var c = 0; c < _classes; c++)
            {
                row[c] -= gradients[c] * value;
            }
        }

        for (var c = 0; c < _classes; c++)
        {
            _bias[c] -= gradients[c];
        }
    }
}
