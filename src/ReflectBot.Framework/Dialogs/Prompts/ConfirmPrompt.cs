using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>
/// Asks a yes/no question, shown as two choices through <see cref="ChoiceFactory"/>. Accepts the yes/no words
/// of the user's locale ("yeah", "sure", "not now", "no thanks" ...), a reply that starts with one ("yes please"),
/// the button titles, or their numbers 1 and 2.
/// </summary>
public class ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null, string? defaultLocale = null)
    : Prompt<bool>(dialogId, validator)
{
    // How each culture joins the two buttons (inline "Yes or No").
    private static readonly Dictionary<string, ChoiceFactoryOptions> ChoiceDefaults = PromptCultureModels.GetSupportedCultures()
        .ToDictionary(c => c.Locale, c => new ChoiceFactoryOptions(c.Separator, c.InlineOr, c.InlineOrMore, includeNumbers: true), StringComparer.OrdinalIgnoreCase);

    /// <summary>Words per language. English is also the fallback for a language without its own list.</summary>
    private static readonly Dictionary<string, ConfirmWords> WordsByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new ConfirmWords(
            "Yes",
            "No",
            ["yes", "yeah", "yep", "yup", "sure", "ok", "okay", "y", "of course", "please do", "yes please", "definitely", "absolutely"],
            ["no", "nope", "nah", "n", "not now", "no thanks", "no thank you", "not really", "not yet"]),
    };

    public string? DefaultLocale { get; set; } = defaultLocale;

    /// <summary>The style when the options name none; Auto picks per channel.</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <summary>
    /// The two buttons (yes first). By default the locale's "Yes"/"No"; a bot with its own wording sets them
    /// from its content. Their values, titles and synonyms are recognised as answers too.
    /// </summary>
    public Tuple<Choice, Choice>? ConfirmChoices { get; set; }

    /// <summary>Rendering options that win over the locale's (numbers, separators).</summary>
    public ChoiceFactoryOptions? ChoiceOptions { get; set; }

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var prompt = PromptActivity(options, isRetry);
        var choiceOptions = ChoiceOptions ?? ChoiceDefaults[PromptCulture.Of(turnContext.Activity, DefaultLocale, ChoiceDefaults.Keys)];
        var activity = ChoiceFactory.ForPrompt(prompt, turnContext.Activity.ChannelId, ChoicesFor(turnContext), options.Style ?? Style, choiceOptions);
        await turnContext.SendActivityAsync(AsPrompt(activity), cancellationToken).ConfigureAwait(false);
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = PromptInput.GetText(turnContext.Activity);
        var answer = WordsFor(turnContext).Match(text);
        if (answer is null && ChoiceRecognizer.Recognize(text, ChoicesFor(turnContext)) is { } found)
        {
            answer = found.Index == 0;
        }

        return Task.FromResult(answer is { } yes ? new PromptRecognizerResult<bool>(yes) : new PromptRecognizerResult<bool>());
    }

    private List<Choice> ChoicesFor(ITurnContext turnContext)
    {
        if (ConfirmChoices is { } buttons)
        {
            return [buttons.Item1, buttons.Item2];
        }

        var words = WordsFor(turnContext);
        return [new Choice(words.YesTitle), new Choice(words.NoTitle)];
    }

    private ConfirmWords WordsFor(ITurnContext turnContext)
    {
        var locale = turnContext.Activity.Locale ?? DefaultLocale ?? "en";
        if (WordsByLanguage.TryGetValue(locale, out var words))
        {
            return words;
        }

        var dash = locale.IndexOfAny(['-', '_']);
        return dash > 0 && WordsByLanguage.TryGetValue(locale[..dash], out words) ? words : WordsByLanguage["en"];
    }

    private sealed class ConfirmWords
    {
        private readonly List<(string[] Words, bool Answer)> _phrases;

        public ConfirmWords(string yesTitle, string noTitle, string[] yes, string[] no)
        {
            YesTitle = yesTitle;
            NoTitle = noTitle;

            // Longest first, so "no thanks" is tried before "no" and "not now" is never read as "no".
            _phrases = yes.Select(p => (TextTokens.Tokenize(p).ToArray(), true))
                .Concat(no.Select(p => (TextTokens.Tokenize(p).ToArray(), false)))
                .OrderByDescending(p => p.Item1.Length)
                .ToList();
        }

        public string YesTitle { get; }

        public string NoTitle { get; }

        /// <summary>Yes or no when the reply is, or starts with, one of the phrases; null otherwise.</summary>
        public bool? Match(string? text)
        {
            var tokens = TextTokens.Tokenize(text);
            foreach (var (words, answer) in _phrases)
            {
                if (tokens.Count < words.Length || !tokens.Take(words.Length).SequenceEqual(words))
                {
                    continue;
                }

                // "of course not", "sure not": the words after undo the phrase; let the user say it again.
                if (tokens.Count > words.Length && tokens[words.Length] == "not")
                {
                    return null;
                }

                return answer;
            }

            return null;
        }
    }
}
