using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>, shown through <see cref="ChoiceFactory"/> in the
/// style of <see cref="PromptOptions.Style"/>, else <see cref="Style"/>, joined in the language of the message
/// (<see cref="PromptCultureModels"/>), and matched by <see cref="ChoiceRecognizer"/>.
/// </summary>
public class ChoicePrompt : Prompt<FoundChoice>
{
    private readonly Dictionary<string, ChoiceFactoryOptions> _choiceDefaults;

    public ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null, string? defaultLocale = null)
        : this(dialogId, DefaultChoiceOptions(), validator, defaultLocale)
    {
    }

    /// <summary>A prompt with its own rendering per locale (<paramref name="choiceDefaults"/>, keyed by culture code).</summary>
    public ChoicePrompt(string dialogId, Dictionary<string, ChoiceFactoryOptions> choiceDefaults, PromptValidator<FoundChoice>? validator = null, string? defaultLocale = null)
        : base(dialogId, validator)
    {
        _choiceDefaults = new Dictionary<string, ChoiceFactoryOptions>(choiceDefaults ?? throw new ArgumentNullException(nameof(choiceDefaults)), StringComparer.OrdinalIgnoreCase);
        DefaultLocale = defaultLocale;
    }

    /// <summary>The style when the options name none; Auto picks per channel.</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <summary>The locale when the message carries none.</summary>
    public string? DefaultLocale { get; set; }

    /// <summary>Rendering options that win over the locale's.</summary>
    public ChoiceFactoryOptions? ChoiceOptions { get; set; }

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var choiceOptions = ChoiceOptions ?? _choiceDefaults[PromptCulture.Of(turnContext.Activity, DefaultLocale, _choiceDefaults.Keys)];
        var activity = ChoiceFactory.ForPrompt(PromptActivity(options, isRetry), turnContext.Activity.ChannelId, options.Choices ?? [], options.Style ?? Style, choiceOptions);
        await turnContext.SendActivityAsync(AsPrompt(activity), cancellationToken).ConfigureAwait(false);
    }

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var found = ChoiceRecognizer.Recognize(PromptInput.GetText(turnContext.Activity), options?.Choices);
        return Task.FromResult(found is null ? new PromptRecognizerResult<FoundChoice>() : new PromptRecognizerResult<FoundChoice>(found));
    }

    private static Dictionary<string, ChoiceFactoryOptions> DefaultChoiceOptions() =>
        PromptCultureModels.GetSupportedCultures().ToDictionary(
            c => c.Locale,
            c => new ChoiceFactoryOptions(c.Separator, c.InlineOr, c.InlineOrMore, includeNumbers: true),
            StringComparer.OrdinalIgnoreCase);
}

/// <summary>Which of a prompt's cultures a message is in.</summary>
internal static class PromptCulture
{
    /// <summary>The message's locale, else the prompt's default, mapped to the nearest known culture; English when none fits.</summary>
    public static string Of(Schema.Activity activity, string? defaultLocale, IEnumerable<string> known)
    {
        var culture = PromptCultureModels.MapToNearestLanguage(string.IsNullOrEmpty(activity.Locale) ? defaultLocale : activity.Locale);
        return !string.IsNullOrEmpty(culture) && known.Contains(culture, StringComparer.OrdinalIgnoreCase)
            ? culture
            : PromptCultureModels.English.Locale;
    }
}
