using ReflectBot.Analysis;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Journeys.Reframe;

/// <summary>The request: specific and doable; character wishes and "stop …" are turned back with a hint.</summary>
public sealed class RequestDialog : ReframePartDialog
{
    public const string DialogId = "reframe.request";
    private const string StepsId = "reframe.request.steps";
    private const string AnswerId = "reframe.request.answer";

    private readonly ReframeAnalyzer _analyzer;
    private readonly StatementWriter _writer;

    public RequestDialog(ReframeContent content, ReframeAnalyzer analyzer, StatementWriter writer)
        : base(DialogId, content)
    {
        _analyzer = analyzer;
        _writer = writer;
        AddDialog(new WaterfallDialog(StepsId).AddStep(AskStepAsync).AddStep(EndStepAsync));
        AddDialog(new TextPrompt(AnswerId, ValidateAsync));
        InitialDialogId = StepsId;
    }

    private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        AskTextAsync(step, Content.Request.Prompt, Content.Request.Retry, cancellationToken, AnswerId);

    /// <summary>Ends with the request as it reads in the statement (a question unless the user made it a wish).</summary>
    private async Task<DialogTurnResult> EndStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await SayIfMovedOnAsync(step, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(_writer.Request((string)step.Result!), cancellationToken).ConfigureAwait(false);
    }

    private Task<bool> ValidateAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        if (!prompt.Recognized.Succeeded)
        {
            return Task.FromResult(false);
        }

        // Checked as it will read in the statement, so "put our phones away at dinner" counts once it is asked as a question.
        var check = _analyzer.CheckRequest(_writer.Request(prompt.Recognized.Value!));
        return AcceptOrHintAsync(prompt, check.Ok, check.Hint, cancellationToken);
    }
}
