using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>What a prompt shows and accepts; saved with the dialog stack.</summary>
public sealed class PromptOptions
{
    /// <summary>Turn-state key set on the turn a prompt gave up after <see cref="MaxAttempts"/>.</summary>
    public const string AttemptsExhaustedKey = "ReflectBot.Framework.Dialogs.Prompts.AttemptsExhausted";

    public PromptOptions() { }

    /// <summary>The SDK's constructor: everything by name (<c>new PromptOptions(prompt: …, choices: …)</c>).</summary>
    public PromptOptions(Activity? prompt = null, Activity? retryPrompt = null, IList<Choices.Choice>? choices = null, Choices.ListStyle? style = null)
    {
        Prompt = prompt;
        RetryPrompt = retryPrompt;
        Choices = choices;
        Style = style;
    }

    public Activity? Prompt { get; set; }

    /// <summary>Shown after a reply that was not accepted; when absent, <see cref="Prompt"/> is shown again.</summary>
    public Activity? RetryPrompt { get; set; }

    public IList<Choices.Choice>? Choices { get; set; }

    /// <summary>How choices are shown; null or <see cref="Choices.ListStyle.Auto"/> picks per channel.</summary>
    public Choices.ListStyle? Style { get; set; }

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
