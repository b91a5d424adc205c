using ReflectBot.Analysis;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Journeys.Reframe;

/// <summary>
/// The need: needs suggested by the feeling first, else a group then a need, or the user's own words.
/// Begun with a <see cref="NeedQuestion"/>; ends with the need as it reads after "because I need".
/// </summary>
public sealed class NeedDialog : ReframePartDialog
{
    public const string DialogId = "reframe.need";
    private const string StepsId = "reframe.need.steps";

    private readonly ReframeAnalyzer _analyzer;
    private readonly StatementWriter _writer;

    public NeedDialog(ReframeContent content, ReframeAnalyzer analyzer, StatementWriter writer)
        : base(DialogId, content)
    {
        _analyzer = analyzer;
        _writer = writer;
        AddDialog(new WaterfallDialog(StepsId).AddStep(AskGroupStepAsync).AddStep(AskNeedStepAsync).AddStep(EndStepAsync));
        InitialDialogId = StepsId;
    }

    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        base.OnBeginDialogAsync(innerDc, options as NeedQuestion ?? new NeedQuestion(), cancellationToken);

    private IEnumerable<Choice> Groups => _analyzer.NeedGroups.Select(g => new Choice(g.Key) { Title = g.Label });

    private Task<DialogTurnResult> AskGroupStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var question = (NeedQuestion)step.Options!;
        if (question.Suggested.Count > 0)
        {
            question.Offered = question.Suggested;
            return AskPickAsync(step, Content.Need.SuggestedPrompt, question.Offered.Select(n => new Choice(n)), cancellationToken);
        }

        return AskPickAsync(step, Content.Need.Prompt, Groups, cancellationToken);
    }

    private Task<DialogTurnResult> AskNeedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var question = (NeedQuestion)step.Options!;
        var text = (string)step.Result!;
        if (question.Offered is null && Picked(text, Groups) is { } key)
        {
            question.Offered = [.. _analyzer.NeedGroups.First(g => g.Key == key).Needs.Take(Content.Need.ShowNeeds)];
            return AskPickAsync(step, Content.Need.GroupPrompt, question.Offered.Select(n => new Choice(n)), cancellationToken);
        }

        return step.NextAsync(text, cancellationToken);
    }

    private Task<DialogTurnResult> EndStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var question = (NeedQuestion)step.Options!;
        var text = (string)step.Result!;
        return step.EndDialogAsync(Picked(text, (question.Offered ?? []).Select(n => new Choice(n))) ?? _writer.Need(text), cancellationToken);
    }
}
