using ReflectBot.Content;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Safety.Screening;

/// <summary>
/// The <c>negation</c> section: cues that deny a phrase shortly after them ("I'm NOT suicidal"), at most
/// <see cref="MaxGap"/> words before it, and look-alikes that are not denials ("I can't stop thinking about…").
/// </summary>
internal sealed record NegationCues(int MaxGap, PatternIndex Cues, PatternIndex NotNegations)
{
    public static NegationCues Read(ContentNode negation, PatternContext context)
    {
        negation.RequireOnlyKeys("max_gap", "cues", "not_negations");
        var maxGap = negation.Get("max_gap").Int();
        if (maxGap is < 0 or > 6)
        {
            throw negation.Get("max_gap").Error("max_gap must be between 0 and 6 words");
        }

        return new NegationCues(maxGap, PatternIndex.Read(negation.Get("cues"), context), PatternIndex.Read(negation.Get("not_negations"), context));
    }

    /// <summary>Single negation words ("not", "never"): a pattern gap must never skip one.</summary>
    public IEnumerable<int> Words => Cues.All
        .Where(p => p.Elements.Length == 1 && p.Elements[0].Kind == ElementKind.Words && !p.Elements[0].Optional)
        .SelectMany(p => p.Elements[0].Singles);
}

/// <summary>The <c>hedges</c> section: "maybe", "idk", "lol" within <see cref="Window"/> words of a match make it uncertain.</summary>
internal sealed record HedgeCues(int Window, PatternIndex Cues)
{
    public static HedgeCues Read(ContentNode hedges, PatternContext context)
    {
        hedges.RequireOnlyKeys("window", "cues");
        var window = hedges.Get("window").Int();
        if (window is < 0 or > 12)
        {
            throw hedges.Get("window").Error("window must be between 0 and 12 words");
        }

        return new HedgeCues(window, PatternIndex.Read(hedges.Get("cues"), context));
    }
}
