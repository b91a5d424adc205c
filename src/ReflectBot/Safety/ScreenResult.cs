namespace ReflectBot.Safety;

/// <summary>
/// The screener's verdict on one message. Holds no user text: <see cref="RuleId"/> names the data
/// rule that decided it, so it is safe to log.
/// </summary>
/// <param name="Category">The most severe category found (see <see cref="SafetyCategories.Severity"/>).</param>
/// <param name="Uncertain">
/// The deciding phrase was denied ("I'm not suicidal"), hedged ("maybe", "idk", "lol") or is ambiguous
/// by nature. A denied risk phrase is reported as <see cref="SafetyCategory.CheckIn"/> so the bot asks
/// gently instead of ignoring it; a hedged one keeps its full category.
/// </param>
/// <param name="RuleId">Id of the rule or combination in screening.yaml that decided; null for None.</param>
public readonly record struct ScreenResult(SafetyCategory Category, bool Uncertain, string? RuleId)
{
    public static ScreenResult None => default;

    /// <summary>True when the guided flow must stop and crisis help be shown now.</summary>
    public bool IsCrisis => Category.IsCrisis();
}
