namespace ReflectBot.Journeys.Reframe.Analysis.Engine;

/// <summary>One position of a compiled pattern. See the header of findings.yaml for the syntax.</summary>
internal abstract class Element
{
    public bool Optional { get; init; }

    /// <summary>Whether the element uses up words (anchors do not).</summary>
    public virtual bool Consumes => true;
}

/// <summary>Words from a set: literal alternatives and/or named lists, e.g. <c>feel|felt</c> or <c>{feeling}</c>.</summary>
internal sealed class WordsElement(PhraseTrie words, bool negated) : Element
{
    public PhraseTrie Words { get; } = words;

    /// <summary>"!know": any single word except these.</summary>
    public bool Negated { get; } = negated;
}

/// <summary>"*": any one word.</summary>
internal sealed class AnyWordElement : Element;

/// <summary>"#": a word that starts with a digit (7, 7pm, 7:30).</summary>
internal sealed class NumberElement : Element;

/// <summary>"*ing": any one word with this ending after at least two letters ("being", "ignoring").</summary>
internal sealed class SuffixElement(string suffix) : Element
{
    public string Suffix { get; } = suffix;
}

/// <summary>"...": up to N words of anything, shortest first.</summary>
internal sealed class GapElement(int max) : Element
{
    public int Max { get; } = max;
}

/// <summary>">when|because": the next word is one of these, without taking it into the match.</summary>
internal sealed class LookaheadElement(PhraseTrie words) : Element
{
    public PhraseTrie Words { get; } = words;
    public override bool Consumes => false;
}

internal enum AnchorKind
{
    /// <summary>"^": first word of a sentence or after a comma, colon, dash...</summary>
    ClauseStart,

    /// <summary>"~": as "^", and also after "and", "but", "because"...</summary>
    SoftStart,

    /// <summary>"$": the previous word ends a clause.</summary>
    ClauseEnd,
}

internal sealed class AnchorElement(AnchorKind kind) : Element
{
    public AnchorKind Kind { get; } = kind;
    public override bool Consumes => false;
}

/// <summary>A compiled pattern of one rule.</summary>
internal sealed class Pattern(Rule rule, Element[] elements, string? hintKey, string source)
{
    public Rule Rule { get; } = rule;
    public Element[] Elements { get; } = elements;

    /// <summary>A hint for this pattern only; null means the rule's hint.</summary>
    public string? HintKey { get; } = hintKey;

    /// <summary>The pattern as written, for debugging.</summary>
    public string Source { get; } = source;

    public override string ToString() => $"{Rule.Name}: {Source}";
}

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

/// <summary>Where one rule matched, in token positions.</summary>
internal readonly record struct RuleMatch(Rule Rule, int First, int End, int Sentence, string? Term, string HintKey)
{
    public bool Overlaps(RuleMatch other) => First < other.End && other.First < End;
}
