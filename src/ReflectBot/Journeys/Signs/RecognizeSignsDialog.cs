using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Journeys.Signs;

/// <summary>
/// "Recognise the signs": whose behaviour → the signs (one card of tick boxes where cards work, a yes / sometimes /
/// no series elsewhere, see <see cref="SignSeriesDialog"/>) → how long → what talking changed → how heavy it is
/// (0–10) → anything painful in the past → a gentle summary. The answers travel as one <see cref="SignsAnswers"/>.
/// Ends with the menu key chosen next: "reframe", "therapist" (offered when the pattern persists, weighs heavily
/// or there is a painful past) or "menu".
/// </summary>
public sealed class RecognizeSignsDialog : JourneyDialog
{
    public const string MenuKey = "signs";

    private const string StepsId = "signs.steps";
    private const string ChecklistId = "signs.checklist";
    private const string TollId = "signs.toll";

    private readonly SignsContent _content;

    // Reads whose behaviour the first message already named ("my boyfriend ...", "I'm the one who pulls away").
    private readonly UtteranceRecognizer? _recognizer;

    public RecognizeSignsDialog(SignsContent content, SignSeriesDialog series, UtteranceRecognizer? recognizer = null)
        : base(nameof(RecognizeSignsDialog))
    {
        _content = content;
        _recognizer = recognizer;
        AddDialog(new WaterfallDialog(StepsId)
            .AddStep(AskWhoStepAsync)
            .AddStep(AskSignsStepAsync)
            .AddStep(AskDurationStepAsync)
            .AddStep(AskTalkedStepAsync)
            .AddStep(AskTollStepAsync)
            .AddStep(AskPastStepAsync)
            .AddStep(SummariseStepAsync)
            .AddStep(FinishStepAsync));
        AddDialog(series);
        AddDialog(new MultiSelectPrompt(ChecklistId, content.Signs.Checklist.None));
        AddDialog(new NumberPrompt<int>(TollId, TollInRangeAsync));
        InitialDialogId = StepsId;
    }

    /// <summary>Every conversation starts with no answers.</summary>
    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        base.OnBeginDialogAsync(innerDc, new SignsAnswers(), cancellationToken);

    private async Task<DialogTurnResult> AskWhoStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await SayAsync(step, _content.Intro, cancellationToken).ConfigureAwait(false);

        // Said already in the message that started this: don't ask again.
        if (_recognizer?.Recognize(step.Context) is { Entities.Who: { } named } recognized
            && recognized.IsConfident
            && recognized.Intent is IntentNames.StartSigns or IntentNames.ShareSituation
            && _content.Who.Choices.Any(w => w.Key == named))
        {
            return await step.NextAsync(new FoundChoice { Value = named, Score = 1 }, cancellationToken).ConfigureAwait(false);
        }

        return await AskChoiceAsync(step, _content.Who.Prompt, _content.Who.Retry, _content.Who.Choices, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskSignsStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var answers = (SignsAnswers)step.Options!;
        answers.Who = ((FoundChoice)step.Result!).Value;
        if (JourneyCards.SupportsCards(step.Context.Activity.ChannelId))
        {
            var checklist = _content.Signs.Checklist;
            var items = _content.Signs.Items.Select(s => new Choice(s.Key) { Title = s.Title }).ToList();
            var card = JourneyCards.Checklist(ContentText.Fill(checklist.Title, ("inWhom", _content.InWhom(answers.Who))), checklist.Hint, items, checklist.Submit);
            return await step.PromptAsync(ChecklistId, new PromptOptions { Prompt = card, RetryPrompt = MessageFactory.Text(checklist.Retry), Choices = items }, cancellationToken).ConfigureAwait(false);
        }

        await SayAsync(step, ContentText.Fill(_content.Signs.Series.Intro, ("count", SignSeriesDialog.Count(_content.Signs.Items.Count))), cancellationToken).ConfigureAwait(false);
        return await step.BeginDialogAsync(SignSeriesDialog.DialogId, SignSeriesDialog.Start(answers.Who), cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> AskDurationStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        ((SignsAnswers)step.Options!).Signs = step.Result switch
        {
            Dictionary<string, string> series => series,
            // The card only says which were ticked, i.e. the clearest answer.
            List<string> ticked => ticked.ToDictionary(key => key, _ => _content.Signs.Series.Answers[0].Key, StringComparer.Ordinal),
            _ => [],
        };
        return AskChoiceAsync(step, _content.Duration.Prompt, _content.Duration.Retry, _content.Duration.Choices, cancellationToken);
    }

    private Task<DialogTurnResult> AskTalkedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        ((SignsAnswers)step.Options!).Duration = ((FoundChoice)step.Result!).Value;
        return AskChoiceAsync(step, _content.Talked.Prompt, _content.Talked.Retry, _content.Talked.Choices, cancellationToken);
    }

    private Task<DialogTurnResult> AskTollStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        ((SignsAnswers)step.Options!).Talked = ((FoundChoice)step.Result!).Value;
        return step.PromptAsync(TollId, new PromptOptions
        {
            Prompt = MessageFactory.Text(_content.Toll.Prompt),
            RetryPrompt = MessageFactory.Text(_content.Toll.Retry),
            // Not a question to press on: after three unclear replies the summary just leaves it out.
            MaxAttempts = 3,
        }, cancellationToken);
    }

    private Task<DialogTurnResult> AskPastStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        ((SignsAnswers)step.Options!).Toll = step.Result as int?;
        return AskChoiceAsync(step, _content.Past.Prompt, _content.Past.Retry, _content.Past.Choices, cancellationToken);
    }

    private async Task<DialogTurnResult> SummariseStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var answers = (SignsAnswers)step.Options!;
        answers.Past = ((FoundChoice)step.Result!).Value;
        var reflection = SignsReflection.Build(_content, answers);
        await step.Context.SendActivitiesAsync([.. reflection.Messages.Select(m => MessageFactory.Text(m))], cancellationToken).ConfigureAwait(false);

        var next = _content.Next;
        var prompt = reflection.SuggestsTherapy
            ? ContentText.Fill(next.ReferralPrompt, ("reasons", ContentText.JoinList(reflection.ReferralReasons, _content.Summary.And)))
            : next.Prompt;
        return await AskChoiceAsync(step, prompt, next.Retry, next.Choices.Where(n => reflection.SuggestsTherapy || !n.OnlyWithReferral), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends with the chosen key; MainDialog starts that branch, or shows the menu for any other key.</summary>
    private Task<DialogTurnResult> FinishStepAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        step.EndDialogAsync(((FoundChoice)step.Result!).Value, cancellationToken);

    private static Task<bool> TollInRangeAsync(PromptValidatorContext<int> prompt, CancellationToken cancellationToken) =>
        Task.FromResult(prompt.Recognized.Succeeded && prompt.Recognized.Value is >= 0 and <= 10);
}
