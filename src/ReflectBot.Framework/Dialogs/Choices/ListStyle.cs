using System.Text.Json.Serialization;

namespace ReflectBot.Framework.Dialogs.Choices;

/// <summary>How a prompt shows its choices. Saved by name, so a reordered enum never changes what an old stack means.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ListStyle>))]
public enum ListStyle
{
    /// <summary>Only the prompt's text.</summary>
    None,

    /// <summary>What the channel shows best (see <see cref="ChoiceFactory.ForChannel"/>).</summary>
    Auto,

    /// <summary>"text (1) a, (2) b, or (3) c".</summary>
    Inline,

    /// <summary>"text" then a numbered list, one choice a line.</summary>
    List,

    /// <summary>Buttons under the message (imBack).</summary>
    SuggestedAction,

    /// <summary>A hero card with one button per choice.</summary>
    HeroCard,

    /// <summary>An Adaptive Card with one Action.Submit per choice (what Teams clicks).</summary>
    AdaptiveCard,
}

/// <summary>How inline and list renderings join the choices (the SDK's options; its defaults when left null).</summary>
public class ChoiceFactoryOptions
{
    public ChoiceFactoryOptions() { }

    public ChoiceFactoryOptions(string? inlineSeparator, string? inlineOr, string? inlineOrMore, bool? includeNumbers = null)
    {
        InlineSeparator = inlineSeparator;
        InlineOr = inlineOr;
        InlineOrMore = inlineOrMore;
        IncludeNumbers = includeNumbers;
    }

    /// <summary>Between choices: ", " by default.</summary>
    public string? InlineSeparator { get; set; }

    /// <summary>Between the only two choices: " or " by default.</summary>
    public string? InlineOr { get; set; }

    /// <summary>Before the last of three or more: ", or " by default.</summary>
    public string? InlineOrMore { get; set; }

    /// <summary>Numbers before the choices (true by default).</summary>
    public bool? IncludeNumbers { get; set; }
}
