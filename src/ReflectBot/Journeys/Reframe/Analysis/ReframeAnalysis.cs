namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>Everything the analyser noticed in one message, in the order it appears.</summary>
public sealed class ReframeAnalysis
{
    private static readonly int KindCount = Enum.GetValues<FindingKind>().Length;

    private readonly int[] _counts;

    internal ReframeAnalysis(string text, IReadOnlyList<Finding> findings, ToneScore tone, bool harshStartUp, bool truncated)
    {
        Text = text;
        Findings = findings;
        Tone = tone;
        HarshStartUp = harshStartUp;
        Truncated = truncated;
        _counts = new int[KindCount];
        foreach (var finding in findings)
        {
            _counts[(int)finding.Kind]++;
        }
    }

    public string Text { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public ToneScore Tone { get; }

    /// <summary>Warmth shortcut for the rehearsal: <see cref="ToneScore.Warmth"/>.</summary>
    public int Warmth => Tone.Warmth;

    /// <summary>
    /// The message starts harshly: it criticises character, scorns or insults anywhere, opens with
    /// blame (in its first sentence, before anything soft), or piles blame into three or more sentences.
    /// </summary>
    public bool HarshStartUp { get; }

    /// <summary>The text was longer than the analyser reads; only its beginning was analysed.</summary>
    public bool Truncated { get; }

    public bool IsEmpty => Findings.Count == 0;

    public bool Has(FindingKind kind) => _counts[(int)kind] > 0;

    public int Count(FindingKind kind) => _counts[(int)kind];

    public IEnumerable<Finding> Of(FindingKind kind) => Findings.Where(f => f.Kind == kind);

    public Finding? First(FindingKind kind) => Findings.FirstOrDefault(f => f.Kind == kind);

    public IReadOnlySet<FindingKind> Kinds => Findings.Select(f => f.Kind).ToHashSet();

    public bool HasNegative => Findings.Any(f => !f.IsPositive);

    public bool HasPositive => Findings.Any(f => f.IsPositive);

    /// <summary>Nothing that hurts, and a feeling owned with "I": the shape the reframe dialog is after.</summary>
    public bool IsGentle => !HasNegative && Has(FindingKind.IStatement) && Has(FindingKind.RealFeeling);

    /// <summary>The findings that hurt, in order: what the coach talks about first.</summary>
    public IEnumerable<Finding> Problems => Findings.Where(f => !f.IsPositive);

    /// <summary>The findings that help, in order: what the coach can praise.</summary>
    public IEnumerable<Finding> Strengths => Findings.Where(f => f.IsPositive);
}
