using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Journeys.Learn;

/// <summary>
/// "Learn about emotional distance": questions answered from learn.yaml alone. Each answer is the entry's own two to
/// five sentences, then the conversation that fits ("Want to look at the signs together?"); when a question could
/// mean two or three entries the bot asks which, and when none fits it says so and lists what it can talk about.
/// Begun from the menu (it asks for a question), by a question typed at the menu (it answers at once), or by a
/// question in the middle of another conversation (it answers, then that conversation asks its question again).
/// </summary>
public sealed class LearnDialog : ComponentDialog
{
    /// <summary>The main-menu key of this branch.</summary>
    public const string MenuKey = "learn";

    /// <summary>Begin option: this turn's message is the question; answer it, then carry on here.</summary>
    public const string QuestionOption = "question";

    /// <summary>Begin option: this turn's message is a question asked in the middle of something else; answer it and end.</summary>
    public const string AsideOption = "aside";

    private const string MainId = "learn.main";
    private const string QuestionPromptId = "learn.question";
    private const string WhichPromptId = "learn.which";
    private const string OfferPromptId = "learn.offer";
    private const string MoreOption = "more";
    private const string SomethingElseKey = "somethingElse";

    private const string ModeKey = "mode";
    private const string OfferKey = "offer";

    private readonly LearnContent _content;
    private readonly UtteranceRecognizer _recognizer;
    private readonly RecognitionModel _model;

    public LearnDialog(LearnContent content, UtteranceRecognizer recognizer, RecognitionModel model)
        : base(nameof(LearnDialog))
    {
        _content = content;
        _recognizer = recognizer;
        _model = model;

        AddDialog(new WaterfallDialog(MainId)
            .AddStep(AskStepAsync, "ask")
            .AddStep(AnswerStepAsync, "answer")
            .AddStep(AfterChoiceStepAsync, "afterChoice")
            .AddStep(AfterOfferStepAsync, "afterOffer"));
        AddDialog(new TextPrompt(QuestionPromptId));
        AddDialog(new ChoicePrompt(WhichPromptId));
        AddDialog(new ConfirmPrompt(OfferPromptId) { ConfirmChoices = Tuple.Create(new Choice("yes") { Title = content.OfferYes }, new Choice("no") { Title = content.OfferNo }) });
        InitialDialogId = MainId;
    }

    /// <summary>The question prompt: "Ask me anything ...", or "anything else?" after an answer.</summary>
    private async Task<DialogTurnResult> AskStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var mode = (step.Options as string);
        step.Values[ModeKey] = mode ?? "";
        // Begun from the menu by a question ("why do people pull away?" typed at the menu): answer it now.
        if (mode is null && _recognizer.Recognize(step.Context).Is(IntentNames.LearnQuestion))
        {
            step.Values[ModeKey] = QuestionOption;
            mode = QuestionOption;
        }

        if (mode is QuestionOption or AsideOption)
        {
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        return await step.PromptAsync(QuestionPromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text(mode == MoreOption ? _content.AskMore : _content.Intro),
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers this turn's question, asks which entry was meant, or says honestly there is no good answer.</summary>
    private async Task<DialogTurnResult> AnswerStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var recognized = _recognizer.Recognize(step.Context);
        var aside = IsAside(step);

        // "No", "that's all" or "bye" to "anything else?": done here.
        if (!aside && recognized.IsConfident && recognized.Intent is IntentNames.Deny or IntentNames.Goodbye or IntentNames.Thanks)
        {
            await step.Context.SendActivityAsync(_content.Done, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        switch (_model.Fit(recognized.Learn))
        {
            case LearnFit.Answer:
                return await AnswerAsync(step, recognized.Learn[0].Entry, cancellationToken).ConfigureAwait(false);
            case LearnFit.Suggest:
                var choices = recognized.Learn.Where(m => m.Probability >= _model.Options.LearnSuggestFrom)
                    .Select(m => new Choice(m.Entry.Id) { Title = m.Entry.Title })
                    .Append(new Choice(SomethingElseKey) { Title = _content.SomethingElse })
                    .ToList();
                return await step.PromptAsync(WhichPromptId, new PromptOptions
                {
                    Prompt = MessageFactory.Text(_content.DidYouMean),
                    Choices = choices,
                    // One try: a second guess would only go round in circles.
                    MaxAttempts = 1,
                }, cancellationToken).ConfigureAwait(false);
            default:
                await SendNoMatchAsync(step.Context, cancellationToken).ConfigureAwait(false);
                return await NextQuestionAsync(step, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After "is it one of these?": the chosen entry's answer, or the list of topics.</summary>
    private async Task<DialogTurnResult> AfterChoiceStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        // The answer step offered a conversation straight away: this is the reply to that offer.
        if (step.Result is bool)
        {
            return await AfterOfferStepAsync(step, cancellationToken).ConfigureAwait(false);
        }

        if (step.Result is FoundChoice { Value: var id } && _content.Find(id) is { } entry)
        {
            return await AnswerAsync(step, entry, cancellationToken).ConfigureAwait(false);
        }

        await SendNoMatchAsync(step.Context, cancellationToken).ConfigureAwait(false);
        return await NextQuestionAsync(step, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After the offer: hand over to the conversation it named, or ask for another question.</summary>
    private async Task<DialogTurnResult> AfterOfferStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is true && (step.Values.TryGetValue(OfferKey, out var OfferKeyValue) ? OfferKeyValue as string : null) is { } key)
        {
            // The main menu begins the branch this dialog ends with.
            return await step.EndDialogAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return await step.ReplaceDialogAsync(MainId, MoreOption, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AnswerAsync(WaterfallStepContext step, LearnEntry entry, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(entry.Answer, cancellationToken: cancellationToken).ConfigureAwait(false);

        // In the middle of another conversation the answer is enough: that conversation carries on.
        if (IsAside(step) || entry.Offer == "none" || entry.OfferText is null)
        {
            return await NextQuestionAsync(step, cancellationToken).ConfigureAwait(false);
        }

        step.Values[OfferKey] = entry.Offer;
        return await step.PromptAsync(OfferPromptId, new PromptOptions { Prompt = MessageFactory.Text(entry.OfferText) }, cancellationToken).ConfigureAwait(false);
    }

    private Task SendNoMatchAsync(ITurnContext context, CancellationToken cancellationToken) =>
        context.SendActivityAsync(
            _content.NoMatch.Text + "\n\n" + string.Join("\n", _content.NoMatch.Topics.Select(t => "- " + t)) + "\n\n" + _content.NoMatch.After,
            cancellationToken: cancellationToken);

    private Task<DialogTurnResult> NextQuestionAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        IsAside(step)
            ? step.EndDialogAsync(null, cancellationToken)
            : step.ReplaceDialogAsync(MainId, MoreOption, cancellationToken);

    private static bool IsAside(WaterfallStepContext step) => (step.Values.TryGetValue(ModeKey, out var ModeKeyValue) ? ModeKeyValue as string : null) == AsideOption;
}
