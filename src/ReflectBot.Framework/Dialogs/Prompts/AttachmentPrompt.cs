using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>Asks for one or more attachments (a file, a photo); the result is the list the user sent.</summary>
public class AttachmentPrompt(string dialogId, PromptValidator<IList<Attachment>>? validator = null) : Prompt<IList<Attachment>>(dialogId, validator)
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

    protected override Task<PromptRecognizerResult<IList<Attachment>>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return Task.FromResult(turnContext.Activity.Attachments is { Count: > 0 } attachments
            ? new PromptRecognizerResult<IList<Attachment>>(attachments)
            : new PromptRecognizerResult<IList<Attachment>>());
    }
}
