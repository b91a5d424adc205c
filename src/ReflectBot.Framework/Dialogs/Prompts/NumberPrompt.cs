using System.Numerics;
using ReflectBot.Framework.Builder;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>
/// Asks for a number, read by <see cref="NumberRecognizer"/> ("7", "seven", "about 7", "7 out of 10").
/// For whole-number types a fraction ("6.5") or a number out of range is not an answer. Limits such as
/// 1 to 10 belong in a validator.
/// </summary>
public partial class NumberPrompt<T> : Prompt<T>
    where T : struct, INumber<T>
{
    // 0.5 truncates to zero only in a whole-number type.
    private static readonly bool IsWholeNumberType = T.CreateTruncating(0.5) == T.Zero;

    /// <summary>A number prompt for int, long, float, double or decimal (the SDK's types; others throw <see cref="NotSupportedException"/>).</summary>
    public NumberPrompt(string dialogId, PromptValidator<T>? validator = null, string? defaultLocale = null)
        : base(dialogId, validator)
    {
        if (typeof(T) != typeof(int) && typeof(T) != typeof(long) && typeof(T) != typeof(float) && typeof(T) != typeof(double) && typeof(T) != typeof(decimal))
        {
            throw new NotSupportedException($"NumberPrompt: type argument T of type 'typeof({typeof(T).Name})' is not supported");
        }

        DefaultLocale = defaultLocale;
    }

    /// <summary>The locale when the message carries none.</summary>
    public string? DefaultLocale { get; set; }

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        if (PromptActivity(options, isRetry) is { } activity)
        {
            await turnContext.SendActivityAsync(AsPrompt(activity), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var result = new PromptRecognizerResult<T>();
        var text = PromptInput.GetText(turnContext.Activity);
        if (DecimalComma(turnContext.Activity.Locale ?? DefaultLocale) && text is not null && DecimalCommaNumber().IsMatch(text))
        {
            // "3,14" in Dutch or German is three point one four, not three hundred and fourteen.
            text = text.Replace(',', '.');
        }

        if (NumberRecognizer.TryRecognize(text, out var number) && TryConvert(number, out var value))
        {
            result = new PromptRecognizerResult<T>(value);
        }

        return Task.FromResult(result);
    }

    // Languages that write a decimal comma (the globalization data is invariant here, so they are named).
    private static readonly HashSet<string> DecimalCommaLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        "bg", "cs", "da", "de", "es", "fi", "fr", "it", "nb", "nl", "pl", "pt", "ro", "ru", "sv", "tr", "uk",
    };

    private static bool DecimalComma(string? locale) =>
        !string.IsNullOrEmpty(locale) && DecimalCommaLanguages.Contains(locale.Split('-', '_')[0]);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[-+]?\d+,\d+\s*$")]
    private static partial System.Text.RegularExpressions.Regex DecimalCommaNumber();

    private static bool TryConvert(double number, out T value)
    {
        value = T.CreateSaturating(number);
        if (!IsWholeNumberType)
        {
            return true;
        }

        // Saturation or truncation changed it: not a whole number this type can hold.
        return double.IsInteger(number) && double.CreateSaturating(value) == number;
    }
}
