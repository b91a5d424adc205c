using ReflectBot.Journeys.Reframe.Analysis;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Rehearsal;

/// <summary>The rehearsal tests lean on what the analyser finds in their lines; if the lexicon moves, this says why.</summary>
public class RehearsalLinesTests
{
    private static readonly ReframeAnalyzer Analyzer = ReframeAnalyzer.Load(RepoPaths.ContentRoot);

    [Fact]
    public void Gentle_lines_are_warm_I_statements_with_a_request_and_no_blame()
    {
        foreach (var line in Lines.Gentle)
        {
            var analysis = Analyzer.Analyze(line);
            Assert.True(analysis.Warmth >= 5, $"{line}: warmth {analysis.Warmth}");
            Assert.True(analysis.Has(FindingKind.IStatement) && analysis.Has(FindingKind.ConcreteRequest), line);
            Assert.False(analysis.Has(FindingKind.Blame), line);
        }
    }

    [Fact]
    public void Harsh_lines_carry_blame_and_no_I_statement_or_request()
    {
        foreach (var line in Lines.Harsh)
        {
            var analysis = Analyzer.Analyze(line);
            Assert.True(analysis.Warmth <= -5, $"{line}: warmth {analysis.Warmth}");
            Assert.True(analysis.Has(FindingKind.Blame), line);
            Assert.False(analysis.Has(FindingKind.IStatement) || analysis.Has(FindingKind.ConcreteRequest), line);
        }
    }

    [Fact]
    public void The_neutral_and_soft_lines_read_as_intended()
    {
        Assert.Equal(0, Analyzer.Analyze(Lines.Neutral).Warmth);
        var soft = Analyzer.Analyze(Lines.Soft);
        Assert.True(soft.Has(FindingKind.IStatement) && !soft.Has(FindingKind.ConcreteRequest) && !soft.Has(FindingKind.Blame));
        Assert.True(soft.Warmth < Analyzer.Analyze(Lines.Gentle[0]).Warmth, "the first gentle line is the strongest of the scorecard test");
    }
}
