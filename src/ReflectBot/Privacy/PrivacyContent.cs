using ReflectBot.Content;

namespace ReflectBot.Privacy;

/// <summary>The "delete my data" words (dialogs/en-US/privacy.yaml), read and checked once.</summary>
[Content(File = "privacy.yaml")]
public sealed partial record PrivacyContent
{
    public required IReadOnlyList<string> Commands { get; init; }
    public required string Confirm { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string Retry { get; init; }
    public required string Done { get; init; }
    public required string Kept { get; init; }
    public required string Failed { get; init; }
}
