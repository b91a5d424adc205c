using ReflectBot.Framework.Builder;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>Asks for free text. A blank reply is not an answer; the text is returned trimmed.</summary>
public class TextPrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        if (PromptActivity(options, isRetry) is { } activity)
        {
            await turnContext.SendActivityAsync(AsPrompt(activity), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = PromptInput.GetText(turnContext.Activity)?.Trim();
        return Task.FromResult(string.IsNullOrEmpty(text) ? new PromptRecognizerResult<string>() : new PromptRecognizerResult<string>(text));
    }
}
