using System.Text;
using ReflectBot.Analysis;
using ReflectBot.Framework.Dialogs;

namespace ReflectBot.Journeys.Reframe;

/// <summary>
/// "Say it with "I feel"": the user writes what they want to say; the bot shows briefly what the
/// <see cref="ReframeAnalyzer"/> noticed, then builds the statement with them, one small dialog per part:
/// <see cref="ObservationDialog"/> → <see cref="FeelingDialog"/> → <see cref="NeedDialog"/> → <see cref="RequestDialog"/>.
/// The parts travel as one <see cref="StatementParts"/>; <see cref="StatementReviewDialog"/> shows the statement,
/// lets any part be changed and saves it to the toolkit. Ends with "plan" or "menu".
/// </summary>
public sealed class ReframeDialog : JourneyDialog
{
    public const string MenuKey = "reframe";
    private const string StepsId = "reframe.steps";

    private readonly ReframeContent _content;
    private readonly ReframeAnalyzer _analyzer;

    public ReframeDialog(
        ReframeContent content,
        ReframeAnalyzer analyzer,
        ObservationDialog observation,
        FeelingDialog feeling,
        NeedDialog need,
        RequestDialog request,
        StatementReviewDialog review)
        : base(nameof(ReframeDialog))
    {
        _content = content;
        _analyzer = analyzer;
        AddDialog(new WaterfallDialog(StepsId)
            .AddStep(AskDraftStepAsync)
            .AddStep(ShowNoticedStepAsync)
            .AddStep(AskFeelingStepAsync)
            .AddStep(AskNeedStepAsync)
            .AddStep(AskRequestStepAsync)
            .AddStep(ReviewStepAsync));
        AddDialog(observation);
        AddDialog(feeling);
        AddDialog(need);
        AddDialog(request);
        AddDialog(review);
        InitialDialogId = StepsId;
    }

    /// <summary>Every statement starts empty.</summary>
    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        base.OnBeginDialogAsync(innerDc, new StatementParts(), cancellationToken);

    private async Task<DialogTurnResult> AskDraftStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await SayAsync(step, _content.Intro, cancellationToken).ConfigureAwait(false);
        return await AskTextAsync(step, _content.Draft.Prompt, _content.Draft.Retry, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ShowNoticedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await SayAsync(step, Noticed(_analyzer.Analyze((string)step.Result!)), cancellationToken).ConfigureAwait(false);
        return await step.BeginDialogAsync(ObservationDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> AskFeelingStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        ((StatementParts)step.Options!).Observation = (string)step.Result!;
        return step.BeginDialogAsync(FeelingDialog.DialogId, null, cancellationToken);
    }

    private Task<DialogTurnResult> AskNeedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var feeling = (FeelingAnswer)step.Result!;
        ((StatementParts)step.Options!).Feeling = feeling.Feeling;

        // Needs that often sit under a faux feeling the user named are offered first.
        return step.BeginDialogAsync(NeedDialog.DialogId, new NeedQuestion { Suggested = feeling.LikelyNeeds }, cancellationToken);
    }

    private Task<DialogTurnResult> AskRequestStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        ((StatementParts)step.Options!).Need = (string)step.Result!;
        return step.BeginDialogAsync(RequestDialog.DialogId, null, cancellationToken);
    }

    private Task<DialogTurnResult> ReviewStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var parts = (StatementParts)step.Options!;
        parts.Request = (string)step.Result!;
        return step.ReplaceDialogAsync(StatementReviewDialog.DialogId, new StatementReview { Parts = parts }, cancellationToken);
    }

    /// <summary>A few notes on the draft, each about different words, most hurtful first, and one thing that already helps.</summary>
    private string Noticed(ReframeAnalysis analysis)
    {
        var notes = new List<Finding>();
        foreach (var problem in analysis.Problems)
        {
            if (notes.Count >= _content.Noticed.MaxNotes)
            {
                break;
            }

            var overlaps = notes.Any(n => problem.Start < n.Start + n.Length && n.Start < problem.Start + problem.Length);
            if (!overlaps && notes.All(n => n.HintKey != problem.HintKey))
            {
                notes.Add(problem);
            }
        }

        var text = new StringBuilder();
        if (notes.Count > 0)
        {
            text.Append(_content.Noticed.Intro);
            foreach (var note in notes)
            {
                text.Append('\n').Append(_content.Noticed.Bullet).Append(" ").Append(note.Hint);
            }

            if (analysis.Strengths.FirstOrDefault() is { } strength)
            {
                text.Append('\n').Append(_content.Noticed.Bullet).Append(" ").Append(strength.Hint);
            }
        }
        else
        {
            text.Append(_content.Noticed.Gentle);
            if (analysis.Strengths.FirstOrDefault() is { } strength)
            {
                text.Append(' ').Append(strength.Hint);
            }
        }

        return text.Append("\n\n").Append(_content.Noticed.Next).ToString();
    }
}
