using ReflectBot.Content;
using ReflectBot.Safety;

namespace ReflectBot.Privacy;

/// <summary>The "delete my data" words (dialogs/en-US/privacy.yaml), read and checked once.</summary>
public sealed class PrivacyContent : IBotContent
{
    public const string FileName = "privacy.yaml";

    public required IReadOnlyList<string> Commands { get; init; }
    public required string Confirm { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string Retry { get; init; }
    public required string Done { get; init; }
    public required string Kept { get; init; }
    public required string Failed { get; init; }

    public static PrivacyContent Load(ContentSource source)
    {
        var root = source.LocaleFile(FileName);
        return new PrivacyContent
        {
            Commands = root.Get("commands").Texts(),
            Confirm = SafetyContent.Checked(root.Get("confirm")),
            Yes = SafetyContent.Checked(root.Get("yes")),
            No = SafetyContent.Checked(root.Get("no")),
            Retry = SafetyContent.Checked(root.Get("retry")),
            Done = SafetyContent.Checked(root.Get("done")),
            Kept = SafetyContent.Checked(root.Get("kept")),
            Failed = SafetyContent.Checked(root.Get("failed")),
        };
    }
}
