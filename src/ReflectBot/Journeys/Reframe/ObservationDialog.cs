using ReflectBot.Analysis;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Journeys.Reframe;

/// <summary>What happened, the way a camera would see it: judgements and absolutes are turned back with a hint.</summary>
public sealed class ObservationDialog : ReframePartDialog
{
    public const string DialogId = "reframe.observation";
    private const string StepsId = "reframe.observation.steps";
    private const string AnswerId = "reframe.observation.answer";

    private readonly ReframeAnalyzer _analyzer;
    private readonly StatementWriter _writer;

    public ObservationDialog(ReframeContent content, ReframeAnalyzer analyzer, StatementWriter writer)
        : base(DialogId, content)
    {
        _analyzer = analyzer;
        _writer = writer;
        AddDialog(new WaterfallDialog(StepsId).AddStep(AskStepAsync).AddStep(EndStepAsync));
        AddDialog(new TextPrompt(AnswerId, ValidateAsync));
        InitialDialogId = StepsId;
    }

    private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        AskTextAsync(step, Content.Observation.Prompt, Content.Observation.Retry, cancellationToken, AnswerId);

    /// <summary>Ends with the observation as it reads after "when".</summary>
    private async Task<DialogTurnResult> EndStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await SayIfMovedOnAsync(step, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(_writer.Observation((string)step.Result!), cancellationToken).ConfigureAwait(false);
    }

    private Task<bool> ValidateAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        if (!prompt.Recognized.Succeeded)
        {
            return Task.FromResult(false);
        }

        var check = _analyzer.CheckObservation(prompt.Recognized.Value);
        return AcceptOrHintAsync(prompt, check.Ok, check.Hint, cancellationToken);
    }
}
