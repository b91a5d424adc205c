namespace ReflectBot.Safety.Model;

/// <summary>How the classifier learns; read from dialogs/safety/classifier.yaml.</summary>
public enum ModelKind
{
    /// <summary>Multinomial logistic regression, L2-regularised, trained by seeded SGD: calibrated probabilities.</summary>
    Logistic,

    /// <summary>Naive Bayes with a complement term (counts only; its softmax is not calibrated). Kept for comparison: it lost in CV.</summary>
    ComplementNaiveBayes,
}

/// <summary>Training settings; every one comes from data so a run is reproducible from the files alone.</summary>
public sealed record TrainingOptions(ModelKind Kind, int HashBits, int Epochs, double LearningRate, double L2, int Seed);

/// <summary>
/// A linear classifier over hashed features with one weight per (bucket, category), stored flat as
/// <c>weights[bucket * Classes + category]</c> so one message's lookups touch one cache line per feature.
/// A message's features are counted once per occurrence and scaled by 1/sqrt(count), so long and short
/// messages score on the same scale.
/// </summary>
internal sealed class LinearModel
{
    /// <summary>One class per <see cref="SafetyCategory"/> value (None = 0 … HarmToOthers = 5).</summary>
    public const int Classes = 6;

    private readonly float[] _weights;
    private readonly float[] _bias;

    private LinearModel(int hashBits, float[] weights, float[] bias)
    {
        Mask = (1 << hashBits) - 1;
        _weights = weights;
        _bias = bias;
    }

    public int Mask { get; }

    /// <summary>Fills <paramref name="probabilities"/> (length <see cref="Classes"/>) for one message. No allocation.</summary>
    public void Probabilities(in Understanding.Patterns.MessageView message, Span<float> probabilities)
    {
        probabilities.Clear();
        var sink = new ScoreSink(_weights, probabilities);
        HashedFeatures.Visit(message, Mask, ref sink);
        Finish(probabilities, sink.Count);
    }

    /// <summary>The same for features already extracted (cross-validation).</summary>
    public void Probabilities(ReadOnlySpan<int> features, Span<float> probabilities)
    {
        probabilities.Clear();
        var sink = new ScoreSink(_weights, probabilities);
        foreach (var f in features)
        {
            sink.Add(f);
        }

        Finish(probabilities, sink.Count);
    }

    private void Finish(Span<float> scores, int count)
    {
        var scale = count == 0 ? 0f : 1f / MathF.Sqrt(count);
        var max = float.NegativeInfinity;
        for (var c = 0; c < Classes; c++)
        {
            scores[c] = scores[c] * scale + _bias[c];
            max = Math.Max(max, scores[c]);
        }

        var sum = 0f;
        for (var c = 0; c < Classes; c++)
        {
            scores[c] = MathF.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (var c = 0; c < Classes; c++)
        {
            scores[c] /= sum;
        }
    }

    public static LinearModel Train(IReadOnlyList<int[]> features, IReadOnlyList<int> labels, TrainingOptions options) =>
        options.Kind == ModelKind.Logistic ? TrainLogistic(features, labels, options) : TrainComplementNaiveBayes(features, labels, options);

    /// <summary>
    /// Softmax regression by SGD with a decaying step and L2 weight decay (the weights are kept as scale × vector so
    /// decay costs nothing per step). The visiting order is shuffled with a seeded <see cref="Random"/>, so the same
    /// data and options always give the same weights.
    /// </summary>
    private static LinearModel TrainLogistic(IReadOnlyList<int[]> features, IReadOnlyList<int> labels, TrainingOptions options)
    {
        var buckets = 1 << options.HashBits;
        var weights = new double[buckets * Classes];
        var bias = new double[Classes];
        var scale = 1.0;
        var order = Enumerable.Range(0, features.Count).ToArray();
        var random = new Random(options.Seed);
        Span<double> p = stackalloc double[Classes];
        long step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var x = features[i];
                if (x.Length == 0)
                {
                    continue;
                }

                var value = 1.0 / Math.Sqrt(x.Length);
                var rate = options.LearningRate / (1 + options.LearningRate * options.L2 * step++);
                p.Clear();
                foreach (var f in x)
                {
                    var row = f * Classes;
                    for (var c = 0; c < Classes; c++)
                    {
                        p[c] += weights[row + c];
                    }
                }

                var max = double.NegativeInfinity;
                for (var c = 0; c < Classes; c++)
                {
                    p[c] = p[c] * scale * value + bias[c];
                    max = Math.Max(max, p[c]);
                }

                var sum = 0.0;
                for (var c = 0; c < Classes; c++)
                {
                    p[c] = Math.Exp(p[c] - max);
                    sum += p[c];
                }

                for (var c = 0; c < Classes; c++)
                {
                    p[c] = p[c] / sum - (c == labels[i] ? 1 : 0);
                }

                scale *= 1 - rate * options.L2;
                if (scale < 1e-9)
                {
                    for (var w = 0; w < weights.Length; w++)
                    {
                        weights[w] *= scale;
                    }

                    scale = 1;
                }

                var step1 = rate * value / scale;
                foreach (var f in x)
                {
                    var row = f * Classes;
                    for (var c = 0; c < Classes; c++)
                    {
                        weights[row + c] -= step1 * p[c];
                    }
                }

                for (var c = 0; c < Classes; c++)
                {
                    bias[c] -= rate * p[c];
                }
            }
        }

        return new LinearModel(options.HashBits, [.. weights.Select(w => (float)(w * scale))], [.. bias.Select(b => (float)b)]);
    }

    /// <summary>
    /// Naive Bayes in the complement style (Rennie et al. 2003): a class's weight for a feature is the log of its smoothed
    /// frequency in the class minus its log frequency in all other classes, plus a class prior. No iterations, no L2.
    /// </summary>
    private static LinearModel TrainComplementNaiveBayes(IReadOnlyList<int[]> features, IReadOnlyList<int> labels, TrainingOptions options)
    {
        var buckets = 1 << options.HashBits;
        var counts = new double[buckets * Classes];
        var totals = new double[Classes];
        for (var i = 0; i < features.Count; i++)
        {
            var value = features[i].Length == 0 ? 0 : 1.0 / Math.Sqrt(features[i].Length);
            foreach (var f in features[i])
            {
                counts[f * Classes + labels[i]] += value;
                totals[labels[i]] += value;
            }
        }

        // Each class scores the log-odds of its own smoothed feature frequencies against its complement's: the
        // complement term (Rennie et al.) keeps small classes from being swamped by large ones.
        const double alpha = 0.1;
        var all = totals.Sum();
        var weights = new float[buckets * Classes];
        for (var f = 0; f < buckets; f++)
        {
            var row = 0.0;
            for (var c = 0; c < Classes; c++)
            {
                row += counts[f * Classes + c];
            }

            for (var c = 0; c < Classes; c++)
            {
                var own = Math.Log((counts[f * Classes + c] + alpha) / (totals[c] + alpha * buckets));
                var complement = Math.Log((row - counts[f * Classes + c] + alpha) / (all - totals[c] + alpha * buckets));
                weights[f * Classes + c] = (float)(own - complement);
            }
        }

        var priors = new float[Classes];
        for (var c = 0; c < Classes; c++)
        {
            priors[c] = (float)Math.Log((labels.Count(l => l == c) + 1.0) / (labels.Count + Classes));
        }

        return new LinearModel(options.HashBits, weights, priors);
    }

    /// <summary>Adds each feature's weights into the class scores; counts occurrences for the length scaling.</summary>
    private ref struct ScoreSink(float[] weights, Span<float> scores) : IFeatureSink
    {
        private readonly float[] _weights = weights;
        private readonly Span<float> _scores = scores;

        public int Count { get; private set; }

        public void Add(int index)
        {
            Count++;
            var row = _weights.AsSpan(index * Classes, Classes);
            for (var c = 0; c < Classes; c++)
            {
                _scores[c] += row[c];
            }
        }
    }
}
