namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>How the rehearsal partner is likely to take a message, from guarded to open.</summary>
public enum ToneBand
{
    /// <summary>Warmth ≤ −5: attack or scorn; the partner defends, counter-attacks or shuts down.</summary>
    Hostile,

    /// <summary>Warmth −4 … −1: some blame or demand; the partner gets defensive.</summary>
    Tense,

    /// <summary>Warmth 0: nothing much either way.</summary>
    Neutral,

    /// <summary>Warmth 1 … 4: some softness; the partner may listen.</summary>
    Open,

    /// <summary>Warmth ≥ 5: feelings, needs and a clear ask; the partner can hear it.</summary>
    Warm,
}

/// <summary>
/// A small score for the rehearsal role-play. Every finding adds its kind's tone weight from
/// findings.yaml (positive kinds add, negative kinds subtract); repeats count again, so three
/// "you never"s weigh more than one. <see cref="Warmth"/> is that sum clamped to −10 … +10.
/// </summary>
/// <param name="Warmth">Clamped sum of all weights.</param>
/// <param name="Gentle">Sum of the positive weights alone.</param>
/// <param name="Harsh">Sum of the negative weights alone, as a positive number.</param>
public readonly record struct ToneScore(int Warmth, int Gentle, int Harsh)
{
    public const int Limit = 10;

    public ToneBand Band => Warmth switch
    {
        <= -5 => ToneBand.Hostile,
        < 0 => ToneBand.Tense,
        0 => ToneBand.Neutral,
        < 5 => ToneBand.Open,
        _ => ToneBand.Warm,
    };

    internal static ToneScore From(int gentle, int harsh) =>
        new(Math.Clamp(gentle - harsh, -Limit, Limit), gentle, harsh);
}
