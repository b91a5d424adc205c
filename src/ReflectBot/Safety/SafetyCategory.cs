namespace ReflectBot.Safety;

/// <summary>What the crisis screener found in one message. Severity order lives in <see cref="SafetyCategories"/>.</summary>
public enum SafetyCategory
{
    /// <summary>Nothing that needs the safety path.</summary>
    None,

    /// <summary>Distress without risk words, or a denied/hedged risk phrase: ask a gentle check-in question.</summary>
    CheckIn,

    /// <summary>Suicide or self-harm: thoughts, wish to be dead, method, intent, plan or preparation.</summary>
    SelfHarm,

    /// <summary>Being harmed, threatened, coerced or controlled by someone.</summary>
    Abuse,

    /// <summary>Danger to life right now: an attempt in progress, an intruder, an attack.</summary>
    Emergency,

    /// <summary>The user says they want to or will hurt someone else.</summary>
    HarmToOthers,
}

/// <summary>Wire names and severity for <see cref="SafetyCategory"/> without reflection.</summary>
public static class SafetyCategories
{
    /// <summary>Every category, weakest first, for validation messages and tests.</summary>
    public static IReadOnlyList<SafetyCategory> All { get; } =
        [SafetyCategory.None, SafetyCategory.CheckIn, SafetyCategory.HarmToOthers, SafetyCategory.Abuse, SafetyCategory.SelfHarm, SafetyCategory.Emergency];

    /// <summary>The name used in data files, logs and channel data.</summary>
    public static string WireName(this SafetyCategory category) => category switch
    {
        SafetyCategory.None => "none",
        SafetyCategory.CheckIn => "check-in",
        SafetyCategory.SelfHarm => "self-harm",
        SafetyCategory.Abuse => "abuse",
        SafetyCategory.Emergency => "emergency",
        SafetyCategory.HarmToOthers => "harm-to-others",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "unknown safety category"),
    };

    public static bool TryParse(string? wireName, out SafetyCategory category)
    {
        switch (wireName)
        {
            case "none": category = SafetyCategory.None; return true;
            case "check-in": category = SafetyCategory.CheckIn; return true;
            case "self-harm": category = SafetyCategory.SelfHarm; return true;
            case "abuse": category = SafetyCategory.Abuse; return true;
            case "emergency": category = SafetyCategory.Emergency; return true;
            case "harm-to-others": category = SafetyCategory.HarmToOthers; return true;
            default: category = SafetyCategory.None; return false;
        }
    }

    /// <summary>
    /// Higher wins when several rules match one message:
    /// Emergency &gt; SelfHarm &gt; Abuse &gt; HarmToOthers &gt; CheckIn &gt; None.
    /// </summary>
    public static int Severity(this SafetyCategory category) => category switch
    {
        SafetyCategory.Emergency => 5,
        SafetyCategory.SelfHarm => 4,
        SafetyCategory.Abuse => 3,
        SafetyCategory.HarmToOthers => 2,
        SafetyCategory.CheckIn => 1,
        _ => 0,
    };

    /// <summary>True for the categories that stop the guided flow and show crisis lines at once.</summary>
    public static bool IsCrisis(this SafetyCategory category) => category.Severity() >= 2;
}
