using System.Text.Json.Serialization;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>What a prompt shows and accepts; saved with the dialog stack.</summary>
public sealed class PromptOptions
{
    /// <summary>Turn-state key set on the turn a prompt gave up after <see cref="MaxAttempts"/>.</summary>
    public const string AttemptsExhaustedKey = "ReflectBot.Framework.Dialogs.Prompts.AttemptsExhausted";

    public Activity? Prompt { get; set; }

    /// <summary>Shown after a reply that was not accepted; when absent, <see cref="Prompt"/> is shown again.</summary>
    public Activity? RetryPrompt { get; set; }

    public List<Choices.Choice>? Choices { get; set; }

    /// <summary>How choices are shown; null or <see cref="ListStyle.Auto"/> picks per channel.</summary>
    public ListStyle? Style { get; set; }

    /// <summary>
    /// After this many replies that were not accepted the prompt ends with a null result instead of asking
    /// again (0 = no limit), so the next step can move on kindly; <see cref="AttemptsExhaustedKey"/> tells it why.
    /// </summary>
    public int MaxAttempts { get; set; }

    internal PromptOptions Copy() => new()
    {
        Prompt = Prompt?.Clone(),
        RetryPrompt = RetryPrompt?.Clone(),
        Choices = Choices?.ToList(),
        Style = Style,
        MaxAttempts = MaxAttempts,
    };
}

// Saved by name, so a reordered enum never changes what an old stack means.
[JsonConverter(typeof(JsonStringEnumConverter<ListStyle>))]
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
