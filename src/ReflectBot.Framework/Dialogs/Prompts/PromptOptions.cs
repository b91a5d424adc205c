using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>What a prompt shows and accepts; saved with the dialog stack.</summary>
public sealed class PromptOptions
{
    public Activity? Prompt { get; set; }

    public Activity? RetryPrompt { get; set; }

    public List<Choices.Choice>? Choices { get; set; }

    public ListStyle? Style { get; set; }

    /// <summary>After this many failed attempts the prompt ends with no result instead of asking again (0 = no limit).</summary>
    public int MaxAttempts { get; set; }
}

public enum ListStyle
{
    None,
    Auto,
    Inline,
    List,
    SuggestedAction,
    HeroCard,
    AdaptiveCard,
}
