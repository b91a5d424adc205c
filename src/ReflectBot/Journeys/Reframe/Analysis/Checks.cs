namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>One reason a step of the "I feel" statement is not there yet, with words to show.</summary>
/// <param name="HintKey">Key in hints.yaml.</param>
/// <param name="Hint">The hint, ready to show.</param>
/// <param name="Phrase">The user's words that caused it (empty when nothing in particular did).</param>
/// <param name="Start">Character offset of the phrase in the checked text.</param>
public sealed record CheckIssue(string HintKey, string Hint, string Phrase, int Start);

/// <summary>The verdict of a step check: fine, or the issues in the order worth raising them.</summary>
public abstract class CheckResult
{
    private protected CheckResult(IReadOnlyList<CheckIssue> issues) => Issues = issues;

    public bool Ok => Issues.Count == 0;

    /// <summary>Most important first; a dialog usually shows only the first.</summary>
    public IReadOnlyList<CheckIssue> Issues { get; }

    public CheckIssue? FirstIssue => Issues.Count > 0 ? Issues[0] : null;

    public string? HintKey => FirstIssue?.HintKey;

    public string? Hint => FirstIssue?.Hint;

    public string? Phrase => FirstIssue?.Phrase;

    public override string ToString() => Ok ? "ok" : string.Join("; ", Issues.Select(i => $"{i.HintKey} \"{i.Phrase}\""));
}

/// <summary>Is it something a camera could record, without judging or exaggerating?</summary>
public sealed class ObservationCheck : CheckResult
{
    internal ObservationCheck(IReadOnlyList<CheckIssue> issues)
        : base(issues)
    {
    }
}

/// <summary>Is it a request the partner could actually say yes to and do?</summary>
public sealed class RequestCheck : CheckResult
{
    internal RequestCheck(IReadOnlyList<CheckIssue> issues, string? request)
        : base(issues) => Request = request;

    /// <summary>When the check passes: the words that make up the concrete ask.</summary>
    public string? Request { get; }
}

public enum FeelingVerdict
{
    /// <summary>Nothing was written.</summary>
    Empty,

    /// <summary>A feeling from the feelings list: "lonely", "I feel hurt".</summary>
    Real,

    /// <summary>A word about what the other did: "ignored". <see cref="FeelingCheck.LikelyFeelings"/> offers what may lie under it.</summary>
    Faux,

    /// <summary>A thought about the other: "that you don't care", "like you don't care".</summary>
    Thought,

    /// <summary>A feeling too blurry to help: "bad", "not good".</summary>
    Vague,

    /// <summary>No feeling the analyser knows.</summary>
    Unknown,
}

/// <summary>What the user named as their feeling, and what may help them name it more truly.</summary>
public sealed class FeelingCheck
{
    internal FeelingCheck(
        FeelingVerdict verdict,
        string phrase,
        IReadOnlyList<FeelingWord> realFeelings,
        FauxFeeling? faux,
        IReadOnlyList<string> likelyFeelings,
        IReadOnlyList<string> likelyNeeds,
        string? hintKey,
        string? hint)
    {
        Verdict = verdict;
        Phrase = phrase;
        RealFeelings = realFeelings;
        Faux = faux;
        LikelyFeelings = likelyFeelings;
        LikelyNeeds = likelyNeeds;
        HintKey = hintKey;
        Hint = hint;
    }

    public FeelingVerdict Verdict { get; }

    /// <summary>The words the verdict is about, as typed ("ignored", "like you don't care", "lonely").</summary>
    public string Phrase { get; }

    /// <summary>Every real feeling named, even when the verdict is about something else ("hurt and ignored").</summary>
    public IReadOnlyList<FeelingWord> RealFeelings { get; }

    /// <summary>The faux feeling named, when there is one.</summary>
    public FauxFeeling? Faux { get; }

    /// <summary>Feelings to offer as choices: those under the faux feeling, or gentle defaults.</summary>
    public IReadOnlyList<string> LikelyFeelings { get; }

    /// <summary>Needs to offer as choices: those under the faux feeling, or empty.</summary>
    public IReadOnlyList<string> LikelyNeeds { get; }

    /// <summary>The hint to show, or null when a real feeling was named and nothing else needs saying.</summary>
    public string? HintKey { get; }

    public string? Hint { get; }

    public override string ToString() => $"{Verdict} \"{Phrase}\"";
}
