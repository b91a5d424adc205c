using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.State;

namespace ReflectBot.Journeys.Reframe;

/// <summary>
/// The statement as a card: save it to the toolkit, or change one part (that part's dialog asks again, then the
/// statement is shown anew). Begun with a <see cref="StatementReview"/>; after saving, ends with where to go next
/// ("plan" or "menu").
/// </summary>
public sealed class StatementReviewDialog : JourneyDialog
{
    public const string DialogId = "reframe.review";
    private const string StepsId = "reframe.review.steps";

    private readonly ReframeContent _content;
    private readonly StatementWriter _writer;
    private readonly ReflectBotState _state;
    private readonly TimeProvider _clock;

    public StatementReviewDialog(ReframeContent content, StatementWriter writer, ReflectBotState state, TimeProvider clock)
        : base(DialogId)
    {
        _content = content;
        _writer = writer;
        _state = state;
        _clock = clock;
        AddDialog(new WaterfallDialog(StepsId).AddStep(ShowStatementStepAsync).AddStep(SaveOrChangeStepAsync).AddStep(AfterReviewStepAsync));
        InitialDialogId = StepsId;
    }

    private async Task<DialogTurnResult> ShowStatementStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var review = (StatementReview)step.Options!;
        var card = JourneyCards.Summary(step.Context.Activity.ChannelId, _content.Statement.Intro, _content.Statement.Title, [new CardSection(null, _writer.Statement(review.Parts))]);
        await step.Context.SendActivityAsync(card, cancellationToken).ConfigureAwait(false);
        return await AskChoiceAsync(step, _content.Review.Prompt, _content.Review.Retry, _content.Review.Choices, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SaveOrChangeStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var review = (StatementReview)step.Options!;
        var choice = ((FoundChoice)step.Result!).Value;
        if (choice != ReframeContent.SaveKey)
        {
            review.Changing = choice;
            var part = choice switch
            {
                "observation" => ObservationDialog.DialogId,
                "feeling" => FeelingDialog.DialogId,
                "need" => NeedDialog.DialogId,
                _ => RequestDialog.DialogId,
            };
            return await step.BeginDialogAsync(part, null, cancellationToken).ConfigureAwait(false);
        }

        var parts = review.Parts;
        var profile = await _state.Profile.GetAsync(step.Context, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        profile.Toolkit.Statements.Add(new SavedStatement
        {
            Observation = parts.Observation,
            Feeling = parts.Feeling,
            Need = parts.Need,
            Request = parts.Request,
            Text = _writer.Statement(parts),
            SavedAt = _clock.GetUtcNow(),
        });
        await SayAsync(step, _content.Saved, cancellationToken).ConfigureAwait(false);
        return await AskChoiceAsync(step, _content.Next.Prompt, _content.Next.Retry, _content.Next.Choices, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After saving: ends with where to go next. After a change: shows the statement again with the new part.</summary>
    private Task<DialogTurnResult> AfterReviewStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var review = (StatementReview)step.Options!;
        switch (review.Changing)
        {
            case null:
                return step.EndDialogAsync(((FoundChoice)step.Result!).Value, cancellationToken);
            case "observation":
                review.Parts.Observation = (string)step.Result!;
                break;
            case "feeling":
                review.Parts.Feeling = ((FeelingAnswer)step.Result!).Feeling;
                break;
            case "need":
                review.Parts.Need = (string)step.Result!;
                break;
            default:
                review.Parts.Request = (string)step.Result!;
                break;
        }

        return step.ReplaceDialogAsync(StepsId, new StatementReview { Parts = review.Parts }, cancellationToken);
    }
}
