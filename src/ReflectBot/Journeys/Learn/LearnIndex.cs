using System.Numerics.Tensors;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Journeys.Learn;

/// <summary>A Learn entry that may answer a question: its probability and its nearest question's cosine similarity.</summary>
public readonly record struct LearnMatch(LearnEntry Entry, float Probability, float Similarity);

/// <summary>
/// Finds the learn.yaml entries that answer a question, by meaning and by keyword: a classifier over the sentence
/// embedding and the words (trained on each entry's questions, title, keywords and answer) and the similarity to the
/// nearest of its questions, averaged. The classifier knows the words that set entries apart ("stonewalling",
/// "EMDR"); the similarity keeps a close paraphrase of a listed question on top.
/// </summary>
public sealed class LearnIndex
{
    private readonly IReadOnlyList<LearnEntry> _entries;
    private readonly SoftmaxClassifier _classifier;

    // Per entry, the unit vectors of its questions and title.
    private readonly float[][] _questionVectors;
    private readonly int _dimensions;

    private LearnIndex(IReadOnlyList<LearnEntry> entries, SoftmaxClassifier classifier, float[][] questionVectors, int dimensions)
    {
        _entries = entries;
        _classifier = classifier;
        _questionVectors = questionVectors;
        _dimensions = dimensions;
    }

    /// <summary>The texts whose vectors <see cref="Train"/> needs, in its order: per entry, its questions, title and answer.</summary>
    public static IReadOnlyList<string> TextsToEmbed(LearnContent content) =>
        [.. content.Entries.SelectMany(e => e.Questions.Append(e.Title).Append(e.Answer))];

    /// <param name="vectors">One unit vector per <see cref="TextsToEmbed"/> text, or null to match by words alone.</param>
    public static LearnIndex Train(LearnContent content, IReadOnlyList<float[]>? vectors, TrainingSettings settings)
    {
        var dimensions = vectors is { Count: > 0 } ? vectors[0].Length : 0;
        var training = new List<TrainingExample>();
        var questionVectors = new float[content.Entries.Count][];
        var next = 0;
        for (var label = 0; label < content.Entries.Count; label++)
        {
            var entry = content.Entries[label];
            ReadOnlyMemory<float> Vector(int index) => dimensions > 0 ? vectors![index] : ReadOnlyMemory<float>.Empty;

            var first = next;
            foreach (var question in entry.Questions)
            {
                training.Add(new TrainingExample(Vector(next++), TextFeatures.Extract(question), label, 1f));
            }

            var title = next++;
            var answer = next++;
            training.Add(new TrainingExample(Vector(title), TextFeatures.Extract(entry.Title), label, 1f));
            // Keywords are what a question about this entry would contain; the answer, what it is about. Both count half.
            training.Add(new TrainingExample(Vector(title), TextFeatures.Extract(string.Join(' ', entry.Keywords)), label, 0.5f));
            training.Add(new TrainingExample(Vector(answer), TextFeatures.Extract(entry.Answer), label, 0.5f));

            questionVectors[label] = dimensions == 0 ? [] : Enumerable.Range(first, entry.Questions.Count).Append(title).SelectMany(i => vectors![i]).ToArray();
        }

        return new LearnIndex(content.Entries, SoftmaxClassifier.Train(training, content.Entries.Count, dimensions, settings), questionVectors, dimensions);
    }

    /// <summary>The entries best first (at most <paramref name="take"/>), ranked by the average of probability and similarity.</summary>
    public IReadOnlyList<LearnMatch> Match(ReadOnlySpan<float> embedding, SparseVector words, int take = 3)
    {
        var usable = _dimensions > 0 && embedding.Length == _dimensions;
        var probabilities = new float[_entries.Count];
        _classifier.Probabilities(usable ? embedding : default, words, probabilities);
        var matches = new LearnMatch[_entries.Count];
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = new LearnMatch(_entries[i], probabilities[i], usable ? Nearest(_questionVectors[i], embedding) : probabilities[i]);
        }

        Array.Sort(matches, (a, b) => (b.Probability + b.Similarity).CompareTo(a.Probability + a.Similarity));
        return matches.Take(take).ToList();
    }

    private float Nearest(float[] vectors, ReadOnlySpan<float> embedding)
    {
        var best = -1f;
        for (var offset = 0; offset < vectors.Length; offset += _dimensions)
        {
            best = Math.Max(best, TensorPrimitives.Dot(vectors.AsSpan(offset, _dimensions), embedding));
        }

        return best;
    }
}
