using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Safety.Semantic;

/// <summary>
/// The semantic opinion for one message: asks the turn for its sentence embedding only when the screener reaches the
/// point where a learned opinion may speak and the n-gram model is not already sure it is nothing, so a message the
/// cheap path settles (a crisis phrase, a denial, a reply of one or two words, everyday talk) never runs the model. If the vector cannot be had, the n-gram model's own policy decides.
/// </summary>
public sealed class SemanticReview(SemanticOpinion opinion, TurnEmbedding embedding) : ISecondOpinionReview
{
    /// <summary>Set when the model threw on this message (type name only: the message may hold the text).</summary>
    public string? Failure { get; private set; }

    public ScreenResult Review(ScreenResult rules, ReadOnlySpan<float> ngramProbabilities)
    {
        if (opinion.Policy.NgramSettles(ngramProbabilities))
        {
            return opinion.NgramPolicy.Apply(rules, ngramProbabilities);
        }

        ReadOnlyMemory<float> vector;
        try
        {
            if (!embedding.TryGetVector(out vector))
            {
                return opinion.NgramPolicy.Apply(rules, ngramProbabilities);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Failure = ex.GetType().Name;
            return opinion.NgramPolicy.Apply(rules, ngramProbabilities);
        }

        Span<float> semantic = stackalloc float[SemanticClassifier.Classes];
        opinion.Classifier.Probabilities(vector.Span, semantic);
        Span<float> combined = stackalloc float[SemanticClassifier.Classes];
        opinion.Policy.Mix(semantic, ngramProbabilities, combined);
        return opinion.Policy.Apply(rules, combined);
    }
}
