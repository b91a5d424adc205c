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
    public (Choice Yes, Choice No)? ConfirmChoices { get; set; }

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        var prompt = PromptActivity(options, isRetry);
        var activity = ChoiceFactory.ForPrompt(prompt, turnContext.Activity.ChannelId, ChoicesFor(turnContext), options.Style ?? Style);
        await turnContext.SendActivityAsync(AsPrompt(activity), cancellationToken).ConfigureAwait(false);
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
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
        if (ConfirmChoices is var (yes, no))
        {
            return [yes, no];
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
