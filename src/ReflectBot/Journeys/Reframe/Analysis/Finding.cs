namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// One thing the analyser noticed in the user's words.
/// </summary>
/// <param name="Kind">What the words do.</param>
/// <param name="Phrase">The user's own words, exactly as typed, to show back ("You never").</param>
/// <param name="Start">Character offset of <paramref name="Phrase"/> in the analysed text.</param>
/// <param name="HintKey">The key of the hint in hints.yaml, for dialogs that choose their own wording.</param>
/// <param name="Hint">The hint, ready to show, with the phrase filled in.</param>
/// <param name="Term">The lexicon entry behind the match when there is one: the feeling ("lonely"),
/// the faux feeling ("ignored"), the label ("selfish"); null for fixed phrases.</param>
public sealed record Finding(FindingKind Kind, string Phrase, int Start, string HintKey, string Hint, string? Term)
{
    public int Length => Phrase.Length;

    public bool IsPositive => Kind.IsPositive();

    public override string ToString() => $"{Kind}: \"{Phrase}\"";
}
