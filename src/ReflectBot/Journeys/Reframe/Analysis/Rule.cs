using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// A named group of patterns: a finding kind ("blame") or an internal check
/// ("request-negative"). Rules can step aside when a stronger reading covers the same words.
/// </summary>
internal sealed class Rule(string name, FindingKind? kind, string hintKey, int tone)
{
    public string Name { get; } = name;
    public FindingKind? Kind { get; } = kind;
    public string HintKey { get; } = hintKey;
    public int Tone { get; } = tone;

    /// <summary>Drop a match of this rule when one of these rules matched overlapping words.</summary>
    public List<Rule> UnlessOverlapping { get; } = new();

    /// <summary>Drop a match of this rule when one of these rules matched anywhere in the same sentence.</summary>
    public List<Rule> UnlessInSentence { get; } = new();

    /// <summary>Keep a match of this rule only when one of these rules matched in the same sentence.</summary>
    public List<Rule> OnlyWithInSentence { get; } = new();

    public override string ToString() => Name;
}

/// <summary>One pattern of a rule, with the hint it shows (its own, or null for the rule's).</summary>
internal sealed record RulePattern(Rule Rule, PhrasePattern Pattern, string? HintKey)
{
    public override string ToString() => $"{Rule.Name}: {Pattern.Source}";
}

/// <summary>Where one rule matched, in token positions.</summary>
internal readonly record struct RuleMatch(Rule Rule, int First, int End, int Sentence, string? Term, string HintKey)
{
    public bool Overlaps(RuleMatch other) => First < other.End && other.First < End;
}
