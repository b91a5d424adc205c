namespace ReflectBot.Safety;

/// <summary>Settings of the safety path (section <c>ReflectBot:Safety</c>).</summary>
public sealed class SafetyOptions
{
    /// <summary>Every this many gentle check-ins, the bot offers to look at finding a therapist.</summary>
    public int CheckInsBeforeTherapistOffer { get; set; } = 3;

    /// <summary>
    /// Characters of each message (and of each card field) that are screened. Far above any real message, so a
    /// message the bot refuses as too long is still screened whole; the cap only bounds the work a huge one costs.
    /// </summary>
    public int MaxScreenedLength { get; set; } = 20_000;
}
