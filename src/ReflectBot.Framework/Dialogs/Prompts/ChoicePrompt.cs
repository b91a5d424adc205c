using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>, shown through
/// <see cref="ChoiceFactory.ForChannel"/> and matched by <see cref="ChoiceRecognizer"/>.
/// </summary>
public class ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(dialogId, validator)
{
    /// <summary>The style when the options name none; Auto picks per channel.</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        var prompt = PromptActivity(options, isRetry);
        var activity = ChoiceFactory.ForPrompt(prompt, turnContext.Activity.ChannelId, options.Choices ?? [], options.Style ?? Style);
        await turnContext.SendActivityAsync(AsPrompt(activity), cancellationToken).ConfigureAwait(false);
    }

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        var found = ChoiceRecognizer.Recognize(PromptInput.GetText(turnContext.Activity), options.Choices);
        return Task.FromResult(found is null ? new PromptRecognizerResult<FoundChoice>() : new PromptRecognizerResult<FoundChoice>(found));
    }
}
