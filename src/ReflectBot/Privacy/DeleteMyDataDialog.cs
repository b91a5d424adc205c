using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Privacy;

namespace ReflectBot.Privacy;

/// <summary>
/// "Delete my data": asks once to confirm, then erases everything kept about the person. Saying no changes
/// nothing and returns to where they were. After erasing, the conversation is not saved again, so their next
/// message starts fresh (with the disclaimer, since the bot no longer knows them).
/// </summary>
public sealed partial class DeleteMyDataDialog : ComponentDialog
{
    public const string DialogId = "privacy.deleteMyData";

    /// <summary>Key under which this dialog is registered as a (hidden) main-menu branch so the main dialog can run it.</summary>
    public const string BranchKey = "delete-my-data";

    private const string StepsId = "privacy.deleteMyData.steps";
    private const string ConfirmId = "privacy.deleteMyData.confirm";

    private readonly PrivacyContent _content;
    private readonly UserDataEraser _eraser;
    private readonly ILogger<DeleteMyDataDialog> _logger;

    public DeleteMyDataDialog(PrivacyContent content, UserDataEraser eraser, ILogger<DeleteMyDataDialog> logger)
        : base(DialogId)
    {
        _content = content;
        _eraser = eraser;
        _logger = logger;
        AddDialog(new WaterfallDialog(StepsId).AddStep(ConfirmStepAsync, "confirm").AddStep(EraseStepAsync, "erase"));
        AddDialog(new ConfirmPrompt(ConfirmId) { ConfirmChoices = Tuple.Create(new Choice("yes") { Title = content.Yes }, new Choice("no") { Title = content.No }) });
        InitialDialogId = StepsId;
    }

    private Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        step.PromptAsync(ConfirmId, new PromptOptions
        {
            Prompt = MessageFactory.Text(_content.Confirm),
            RetryPrompt = MessageFactory.Text(_content.Retry),
        }, cancellationToken);

    private async Task<DialogTurnResult> EraseStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is not true)
        {
            await step.Context.SendActivityAsync(_content.Kept, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _eraser.EraseAsync(step.Context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Say honestly that it did not work; never claim data is gone when it may not be.
            LogEraseFailed(ex.GetType().FullName ?? ex.GetType().Name);
            await step.Context.SendActivityAsync(_content.Failed, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        await step.Context.SendActivityAsync(_content.Done, cancellationToken: cancellationToken).ConfigureAwait(false);

        // Stay "waiting": the conversation state is deleted and will not be saved, so nothing more should be
        // shown now (ending would make the main dialog show its menu again).
        return Dialog.EndOfTurn;
    }

    [LoggerMessage(EventId = 4201, EventName = "UserDataEraseFailed", Level = LogLevel.Error, Message = "Erasing a user's data failed with {ExceptionType}; the user was told nothing was deleted")]
    private partial void LogEraseFailed(string exceptionType);
}
