using ReflectBot.Analysis;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Journeys.Reframe;

/// <summary>
/// The feeling: a family then a word, or any word typed. A faux feeling ("ignored"), a thought or a blur gets
/// the feelings that may lie under it, asked with the analyser's hint; after the last try the user's word stays.
/// Begun with a <see cref="FeelingQuestion"/> (or nothing, to start with the families); ends with a <see cref="FeelingAnswer"/>.
/// </summary>
public sealed class FeelingDialog : ReframePartDialog
{
    public const string DialogId = "reframe.feeling";
    private const string StepsId = "reframe.feeling.steps";

    private readonly ReframeAnalyzer _analyzer;
    private readonly StatementWriter _writer;

    public FeelingDialog(ReframeContent content, ReframeAnalyzer analyzer, StatementWriter writer)
        : base(DialogId, content)
    {
        _analyzer = analyzer;
        _writer = writer;
        AddDialog(new WaterfallDialog(StepsId).AddStep(AskFamilyStepAsync).AddStep(AskWordStepAsync).AddStep(CheckStepAsync));
        InitialDialogId = StepsId;
    }

    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        base.OnBeginDialogAsync(innerDc, options as FeelingQuestion ?? new FeelingQuestion(), cancellationToken);

    private IEnumerable<Choice> Families => _analyzer.FeelingFamilies.Select(f => new Choice(f.Key) { Title = f.Label });

    private Task<DialogTurnResult> AskFamilyStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var question = (FeelingQuestion)step.Options!;

        // The hint already asks the question ("do you feel lonely, sad or hurt?"); the words are its buttons.
        return question is { Offered: { } offered, Hint: { } hint }
            ? AskPickAsync(step, hint, offered.Select(w => new Choice(w)), cancellationToken)
            : AskPickAsync(step, Content.Feeling.Prompt, Families, cancellationToken);
    }

    private Task<DialogTurnResult> AskWordStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var question = (FeelingQuestion)step.Options!;
        var text = (string)step.Result!;
        if (question.Offered is null && Picked(text, Families) is { } key)
        {
            question.Offered = [.. _analyzer.FeelingFamilies.First(f => f.Key == key).Words.Take(Content.Feeling.ShowWords)];
            return AskPickAsync(step, Content.Feeling.FamilyPrompt, question.Offered.Select(w => new Choice(w)), cancellationToken);
        }

        return step.NextAsync(text, cancellationToken);
    }

    private async Task<DialogTurnResult> CheckStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var question = (FeelingQuestion)step.Options!;
        var text = (string)step.Result!;
        if (Picked(text, (question.Offered ?? []).Select(w => new Choice(w))) is { } word)
        {
            return await step.EndDialogAsync(new FeelingAnswer(word, question.Needs), cancellationToken).ConfigureAwait(false);
        }

        var check = _analyzer.CheckFeeling(text);
        switch (check.Verdict)
        {
            case FeelingVerdict.Real:
                return await step.EndDialogAsync(new FeelingAnswer(_writer.Feelings([.. check.RealFeelings.Select(f => f.Word)]), question.Needs), cancellationToken).ConfigureAwait(false);
            case FeelingVerdict.Unknown:
                // Their own word for it: a feeling the lists don't know is still theirs.
                return await step.EndDialogAsync(new FeelingAnswer(text.Trim(), question.Needs), cancellationToken).ConfigureAwait(false);
        }

        var tries = question.Tries + 1;
        if (tries >= Content.MaxTries)
        {
            await SayAsync(step, Content.MovingOn, cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(new FeelingAnswer(text.Trim(), question.Needs), cancellationToken).ConfigureAwait(false);
        }

        return await step.ReplaceDialogAsync(StepsId, new FeelingQuestion
        {
            Offered = [.. check.LikelyFeelings],
            Hint = check.Hint,
            Needs = [.. question.Needs.Union(check.LikelyNeeds)],
            Tries = tries,
        }, cancellationToken).ConfigureAwait(false);
    }
}
