using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>What a prompt shows and accepts; saved with the dialog stack.</summary>
public sealed class PromptOptions
{
    /// <summary>Turn-state key set on the turn a prompt gave up after <see cref="MaxAttempts"/>.</summary>
    public const string AttemptsExhaustedKey = "ReflectBot.Framework.Dialogs.Prompts.AttemptsExhausted";

    private Activity? _prompt;
    private Activity? _retryPrompt;

    // Read from a saved prompt without its activities (most replies are accepted, and then they are never shown):
    // the saved options they are read from on first use, else null.
    private JsonNode? _savedActivities;

    public Activity? Prompt
    {
        get
        {
            ReadSavedActivities();
            return _prompt;
        }
        set
        {
            ReadSavedActivities();
            _prompt = value;
        }
    }

    /// <summary>Shown after a reply that was not accepted; when absent, <see cref="Prompt"/> is shown again.</summary>
    public Activity? RetryPrompt
    {
        get
        {
            ReadSavedActivities();
            return _retryPrompt;
        }
        set
        {
            ReadSavedActivities();
            _retryPrompt = value;
        }
    }

    public List<Choices.Choice>? Choices { get; set; }

    /// <summary>How choices are shown; null or <see cref="ListStyle.Auto"/> picks per channel.</summary>
    public ListStyle? Style { get; set; }

    /// <summary>
    /// After this many replies that were not accepted the prompt ends with a null result instead of asking
    /// again (0 = no limit), so the next step can move on kindly; <see cref="AttemptsExhaustedKey"/> tells it why.
    /// </summary>
    public int MaxAttempts { get; set; }

    /// <summary>
    /// Options read from a prompt's saved state: everything but the activities now, the activities only when
    /// something asks for them (a re-prompt, a validator), each time a fresh copy of what is saved.
    /// </summary>
    internal static PromptOptions FromSaved(JsonNode? saved)
    {
        if (saved is null)
        {
            return new PromptOptions();
        }

        var head = saved.Deserialize(SavedPromptOptionsJson.Default.SavedPromptOptionsHead);
        return new PromptOptions
        {
            Choices = head?.Choices,
            Style = head?.Style,
            MaxAttempts = head?.MaxAttempts ?? 0,
            _savedActivities = saved,
        };
    }

    private void ReadSavedActivities()
    {
        if (_savedActivities is not { } saved)
        {
            return;
        }

        _savedActivities = null;
        var full = saved.Deserialize(DialogJson.Default.PromptOptions);
        _prompt = full?._prompt;
        _retryPrompt = full?._retryPrompt;
    }
}

// DialogJson's naming, for a type that is not public.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SavedPromptOptionsHead))]
internal sealed partial class SavedPromptOptionsJson : JsonSerializerContext;

/// <summary>The part of saved <see cref="PromptOptions"/> a reply is recognised with; the activities are skipped unread.</summary>
internal sealed class SavedPromptOptionsHead
{
    public List<Choices.Choice>? Choices { get; set; }

    public ListStyle? Style { get; set; }

    public int MaxAttempts { get; set; }
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
