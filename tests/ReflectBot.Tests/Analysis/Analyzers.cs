using ReflectBot.Journeys.Reframe.Analysis;

namespace ReflectBot.Tests.Analysis;

/// <summary>The analyser loaded once from the real content, shared by all analysis tests.</summary>
internal static class Analyzers
{
    private static readonly Lazy<ReframeAnalyzer> Shared = new(() => ReframeAnalyzer.Load(RepoPaths.Dialogs));

    public static ReframeAnalyzer EnUs => Shared.Value;
}
