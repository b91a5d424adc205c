namespace ReflectBot.Safety;

/// <summary>
/// A further opinion on a message that the rules left quiet or at a check-in (no crisis, no denial, enough words):
/// it sees the rules' verdict and the n-gram model's probabilities, and returns the verdict. The semantic opinion
/// (<see cref="Semantic.SemanticReview"/>) is one; without a review the n-gram model's own policy decides.
/// A review must never return a verdict weaker than the rules'.
/// </summary>
public interface ISecondOpinionReview
{
    ScreenResult Review(ScreenResult rules, ReadOnlySpan<float> ngramProbabilities);
}
