namespace ReflectBot;

/// <summary>Settings of the bot itself (section <c>ReflectBot</c>, plus <c>Content:Path</c>).</summary>
public sealed class ReflectBotOptions
{
    /// <summary>Folder with the conversation content; empty means the <c>dialogs/</c> shipped with the build.</summary>
    public string? ContentPath { get; set; }

    /// <summary>Locale for content and crisis lines when a message carries none.</summary>
    public string DefaultLocale { get; set; } = "en-US";

    /// <summary>User data untouched for this many days is deleted by the retention sweep.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>Messages longer than this get a gentle "shorter, please" instead of being processed.</summary>
    public int MaxMessageLength { get; set; } = 5000;

    /// <summary>
    /// A turn still running after this many seconds (a store that never answers, a stuck step) is cancelled, saves
    /// nothing, frees its conversation for the next message, and the user is asked to send it again. 0 or less: no limit.
    /// </summary>
    public int TurnTimeoutSeconds { get; set; } = 30;
}
