using ReflectBot.Content;
using ReflectBot.Journeys.Reframe.Analysis;

namespace ReflectBot.Journeys.Rehearse;

/// <summary>
/// How the role-played partner reacts: an openness level (0 … 10) that warm lines raise and harsh lines
/// lower, scaled by the partner's style, and a line for the stage that openness falls in, never one already
/// said in this rehearsal.
/// </summary>
public sealed class PartnerModel(RehearsalContent content, RehearsalRandom random)
{
    /// <summary>The openness after a line with this warmth: a defensive partner loses more to blame than an open one.</summary>
    public int NextOpenness(PartnerStyle style, int openness, ToneScore tone)
    {
        var scaled = tone.Warmth >= 0 ? tone.Warmth * style.Gain : tone.Warmth * style.Loss;
        var step = (int)Math.Round(scaled, MidpointRounding.AwayFromZero);
        step = Math.Clamp(step, -content.Openness.MaxStep, content.Openness.MaxStep);
        return Math.Clamp(openness + step, 0, RehearsalContent.MaxOpenness);
    }

    /// <summary>
    /// A line for <paramref name="stage"/> not in <paramref name="used"/>. When the stage has run out, the nearest
    /// stage with lines left answers instead (a neighbour's tone is closer than a repeat); only when every line
    /// of the style has been said does the stage start over.
    /// </summary>
    public PartnerLine PickLine(PartnerStyle style, PartnerStage stage, IReadOnlySet<string> used)
    {
        var stages = Enum.GetValues<PartnerStage>();
        for (var distance = 0; distance < stages.Length; distance++)
        {
            foreach (var candidate in new[] { stage - distance, stage + distance }.Distinct())
            {
                if (!style.Lines.TryGetValue(candidate, out var lines))
                {
                    continue;
                }

                var fresh = lines.Where(l => !used.Contains(l.Id)).ToList();
                if (fresh.Count > 0)
                {
                    return random.Pick(fresh);
                }
            }
        }

        return random.Pick(style.Lines[stage]);
    }
}
