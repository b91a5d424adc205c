using System.Globalization;
using System.Text.Json.Nodes;
using ReflectBot.Cards;
using ReflectBot.Content;
using ReflectBot.Dialogs.Journey;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Dialogs;

/// <summary>
/// "Recognise the signs": whose behaviour → the signs (one card of tick boxes where cards work, a yes / sometimes /
/// no series elsewhere) → how long → what talking changed → how heavy it is (0–10) → anything painful in the past
/// → a gentle summary. Ends with the menu key chosen next: "reframe", "therapist" (offered when the pattern
/// persists, weighs heavily or there is a painful past) or "menu".
/// </summary>
public sealed class RecognizeSignsDialog : ComponentDialog
{
    public const string MenuKey = "signs";

    private const string MainId = "signs.main";
    private const string SeriesId = "signs.series";
    private const string ChoiceId = "signs.choice";
    private const string ChecklistId = "signs.checklist";
    private const string TollId = "signs.toll";

    private const string IndexKey = "index";
    private const string AnswersKey = "answers";

    private readonly SignsContent _content;

    // Reads whose behaviour the first message already named ("my boyfriend ...", "I'm the one who pulls away").
    private readonly Understanding.Recognition.UtteranceRecognizer? _recognizer;

    public RecognizeSignsDialog(SignsContent content, Understanding.Recognition.UtteranceRecognizer? recognizer = null)
        : base(nameof(RecognizeSignsDialog))
    {
        _content = content;
        _recognizer = recognizer;
        AddDialog(new WaterfallDialog(MainId)
            .AddStep(AskWhoStepAsync)
            .AddStep(AskSignsStepAsync)
            .AddStep(AskDurationStepAsync)
            .AddStep(AskTalkedStepAsync)
            .AddStep(AskTollStepAsync)
            .AddStep(AskPastStepAsync)
            .AddStep(SummariseStepAsync)
            .AddStep(FinishStepAsync));
        AddDialog(new WaterfallDialog(SeriesId)
            .AddStep(AskSignStepAsync)
            .AddStep(RecordSignStepAsync));
        AddDialog(new ChoicePrompt(ChoiceId));
        AddDialog(new MultiSelectPrompt(ChecklistId, content.NoneWords));
        AddDialog(new NumberPrompt<int>(TollId, TollInRangeAsync));
        InitialDialogId = MainId;
    }

    private async Task<DialogTurnResult> AskWhoStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(_content.Intro, cancellationToken: cancellationToken).ConfigureAwait(false);

        // Said already in the message that started this: don't ask again.
        if (_recognizer?.Recognize(step.Context) is { Entities.Who: { } named } recognized
            && recognized.IsConfident
            && recognized.Intent is Understanding.Recognition.IntentNames.StartSigns or Understanding.Recognition.IntentNames.ShareSituation
            && _content.Who.Any(w => w.Choice.Key == named))
        {
            return await step.NextAsync(new FoundChoice { Value = named, Score = 1 }, cancellationToken).ConfigureAwait(false);
        }

        return await AskChoiceAsync(step, _content.WhoPrompt, _content.WhoRetry, _content.Who.Select(w => w.Choice), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskSignsStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var who = ((FoundChoice)step.Result!).Value;
        step.Values["who"] = who;
        var inWhom = InWhom(who);

        if (JourneyCards.SupportsCards(step.Context.Activity.ChannelId))
        {
            var items = _content.Signs.Select(s => new Choice(s.Key) { Title = s.Title }).ToList();
            var card = JourneyCards.Checklist(ContentText.Fill(_content.ChecklistTitle, ("inWhom", inWhom)), _content.ChecklistHint, items, _content.ChecklistSubmit);
            return await step.PromptAsync(ChecklistId, new PromptOptions
            {
                Prompt = card,
                RetryPrompt = MessageFactory.Text(_content.ChecklistRetry),
                Choices = items,
            }, cancellationToken).ConfigureAwait(false);
        }

        var intro = ContentText.Fill(_content.SeriesIntro, ("count", Count(_content.Signs.Count)));
        await step.Context.SendActivityAsync(intro, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await step.BeginDialogAsync(SeriesId, new JsonObject { [IndexKey] = 0, ["who"] = who, [AnswersKey] = new JsonObject() }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskDurationStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values[AnswersKey] = step.Result switch
        {
            // The series answered each sign; the card only says which were ticked, i.e. the clearest answer.
            JsonObject series => series.DeepClone(),
            List<string> ticked => new JsonObject(ticked.Select(k => KeyValuePair.Create(k, (JsonNode?)JsonValue.Create(_content.Answers[0].Choice.Key)))),
            _ => new JsonObject(),
        };
        return await AskChoiceAsync(step, _content.DurationPrompt, _content.DurationRetry, _content.Durations.Select(d => d.Choice), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskTalkedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values["duration"] = ((FoundChoice)step.Result!).Value;
        return await AskChoiceAsync(step, _content.TalkedPrompt, _content.TalkedRetry, _content.Talked.Select(t => t.Choice), cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> AskTollStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values["talked"] = ((FoundChoice)step.Result!).Value;
        return step.PromptAsync(TollId, new PromptOptions
        {
            Prompt = MessageFactory.Text(_content.TollPrompt),
            RetryPrompt = MessageFactory.Text(_content.TollRetry),
            // Not a question to press on: after three unclear replies the summary just leaves it out.
            MaxAttempts = 3,
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskPastStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values["toll"] = step.Result is int toll ? toll : null;
        return await AskChoiceAsync(step, _content.PastPrompt, _content.PastRetry, _content.Past.Select(p => p.Choice), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SummariseStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var answers = new SignsAnswers(
            Who: (string)step.Values["who"]!,
            Signs: (step.Values[AnswersKey] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => (string?)kv.Value ?? "", StringComparer.Ordinal),
            Duration: (string?)step.Values["duration"],
            Talked: (string?)step.Values["talked"],
            Toll: step.Values["toll"] as int?,
            Past: ((FoundChoice)step.Result!).Value);
        var reflection = SignsReflection.Build(_content, answers);
        await step.Context.SendActivitiesAsync(reflection.Messages.Select(m => MessageFactory.Text(m)).ToArray(), cancellationToken).ConfigureAwait(false);

        var prompt = reflection.SuggestsTherapy
            ? ContentText.Fill(_content.NextReferralPrompt, ("reasons", JourneyContentReader.JoinList(reflection.ReferralReasons, _content.And)))
            : _content.NextPrompt;
        var choices = _content.Next.Where(n => reflection.SuggestsTherapy || !n.OnlyWithReferral).Select(n => n.Choice);
        return await AskChoiceAsync(step, prompt, _content.NextRetry, choices, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends with the chosen key; MainDialog starts that branch, or shows the menu for any other key.</summary>
    private Task<DialogTurnResult> FinishStepAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        step.EndDialogAsync(((FoundChoice)step.Result!).Value, cancellationToken);

    private Task<DialogTurnResult> AskSignStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var options = (JsonObject)step.Options!;
        var index = (int)options[IndexKey]!;
        var question = ContentText.Fill(
            _content.SeriesQuestion,
            ("number", Count(index + 1)),
            ("count", Count(_content.Signs.Count)),
            ("sign", _content.Signs[index].Title),
            ("inWhom", InWhom((string)options["who"]!)));
        return AskChoiceAsync(step, question, _content.SeriesRetry, _content.Answers.Select(a => a.Choice), cancellationToken);
    }

    /// <summary>Records one answer, then asks about the next sign, or ends the series with all answers.</summary>
    private Task<DialogTurnResult> RecordSignStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var options = (JsonObject)((JsonObject)step.Options!).DeepClone();
        var index = (int)options[IndexKey]!;
        var answers = (JsonObject)options[AnswersKey]!;
        answers[_content.Signs[index].Key] = ((FoundChoice)step.Result!).Value;

        if (index + 1 < _content.Signs.Count)
        {
            options[IndexKey] = index + 1;
            return step.ReplaceDialogAsync(SeriesId, options, cancellationToken);
        }

        return step.EndDialogAsync(answers, cancellationToken);
    }

    private static Task<DialogTurnResult> AskChoiceAsync(WaterfallStepContext step, string prompt, string retry, IEnumerable<ChoiceItem> choices, CancellationToken cancellationToken) =>
        step.PromptAsync(ChoiceId, new PromptOptions
        {
            Prompt = MessageFactory.Text(prompt),
            RetryPrompt = MessageFactory.Text(retry),
            Choices = choices.Select(c => c.ToChoice()).ToList(),
        }, cancellationToken);

    private string InWhom(string who) => _content.Who.FirstOrDefault(w => w.Choice.Key == who)?.InWhom ?? _content.Who[0].InWhom;

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static Task<bool> TollInRangeAsync(PromptValidatorContext<int> prompt, CancellationToken cancellationToken) =>
        Task.FromResult(prompt.Recognized.Succeeded && prompt.Recognized.Value is >= 0 and <= 10);
}
