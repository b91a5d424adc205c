using System.Text;
using System.Text.Json.Nodes;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using ReflectBot.Journeys.Reframe.Analysis;
using ReflectBot.State;

namespace ReflectBot.Journeys.Reframe;

/// <summary>
/// "Say it with "I feel"": the user writes what they want to say; the bot shows briefly what the
/// <see cref="ReframeAnalyzer"/> noticed, then builds the statement with them: what happened (judgements and
/// absolutes are turned back with a hint) → feeling (a family, a word, or their own; a faux feeling gets the
/// feelings that may lie under it) → need → request (specific and doable). A step moves on kindly after its last
/// try. The statement is shown as a card, any part can be changed, and it is saved to the toolkit. Ends with
/// "plan" or "menu".
/// </summary>
public sealed class ReframeDialog : ComponentDialog
{
    public const string MenuKey = "reframe";

    private const string MainId = "reframe.main";
    private const string ObservationId = "reframe.observation";
    private const string FeelingId = "reframe.feeling";
    private const string NeedId = "reframe.need";
    private const string RequestId = "reframe.request";
    private const string ReviewId = "reframe.review";
    private const string TextId = "reframe.text";
    private const string ObservationTextId = "reframe.observationText";
    private const string RequestTextId = "reframe.requestText";
    private const string ChoiceId = "reframe.choice";

    private const string MovedOnKey = "ReflectBot.Reframe.MovedOn";
    private const string OfferedKey = "offered";
    private const string NeedsKey = "needs";
    private const string TriesKey = "tries";
    private const string HintKey = "hint";
    private const string FeelingKey = "feeling";

    private readonly ReframeContent _content;
    private readonly ReframeAnalyzer _analyzer;
    private readonly ReflectBotState _state;
    private readonly TimeProvider _clock;
    private readonly StatementWriter _writer;

    public ReframeDialog(ReframeContent content, ReframeAnalyzer analyzer, ReflectBotState state, TimeProvider clock)
        : base(nameof(ReframeDialog))
    {
        _content = content;
        _analyzer = analyzer;
        _state = state;
        _clock = clock;
        _writer = new StatementWriter(content);

        AddDialog(new WaterfallDialog(MainId)
            .AddStep(AskDraftStepAsync)
            .AddStep(ShowNoticedStepAsync)
            .AddStep(AskFeelingStepAsync)
            .AddStep(AskNeedStepAsync)
            .AddStep(AskRequestStepAsync)
            .AddStep(ReviewStepAsync));
        AddDialog(new WaterfallDialog(ObservationId).AddStep(AskObservationStepAsync).AddStep(EndObservationStepAsync));
        AddDialog(new WaterfallDialog(FeelingId).AddStep(AskFeelingFamilyStepAsync).AddStep(AskFeelingWordStepAsync).AddStep(CheckFeelingStepAsync));
        AddDialog(new WaterfallDialog(NeedId).AddStep(AskNeedGroupStepAsync).AddStep(AskNeedWordStepAsync).AddStep(EndNeedStepAsync));
        AddDialog(new WaterfallDialog(RequestId).AddStep(AskRequestTextStepAsync).AddStep(EndRequestStepAsync));
        AddDialog(new WaterfallDialog(ReviewId).AddStep(ShowStatementStepAsync).AddStep(SaveOrChangeStepAsync).AddStep(AfterReviewStepAsync));
        AddDialog(new TextPrompt(TextId));
        AddDialog(new TextPrompt(ObservationTextId, ObservationValidatorAsync));
        AddDialog(new TextPrompt(RequestTextId, RequestValidatorAsync));
        AddDialog(new ChoicePrompt(ChoiceId));
        InitialDialogId = MainId;
    }

    // ---- The main path: draft → what was noticed → the four parts → review.

    private async Task<DialogTurnResult> AskDraftStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(_content.Intro, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await AskTextAsync(step, TextId, MessageFactory.Text(_content.Draft.Prompt), _content.Draft.Retry, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ShowNoticedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(Noticed(_analyzer.Analyze((string)step.Result!)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return await step.BeginDialogAsync(ObservationId, null, cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> AskFeelingStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values["observation"] = (string)step.Result!;
        return step.BeginDialogAsync(FeelingId, null, cancellationToken);
    }

    private Task<DialogTurnResult> AskNeedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var feeling = (JsonObject)step.Result!;
        step.Values["feeling"] = (string)feeling[FeelingKey]!;

        // Needs that often sit under a faux feeling the user named are offered first.
        return step.BeginDialogAsync(NeedId, new JsonObject { [NeedsKey] = feeling[NeedsKey]?.DeepClone() ?? new JsonArray() }, cancellationToken);
    }

    private Task<DialogTurnResult> AskRequestStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values["need"] = (string)step.Result!;
        return step.BeginDialogAsync(RequestId, null, cancellationToken);
    }

    private Task<DialogTurnResult> ReviewStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var parts = new JsonObject
        {
            ["observation"] = (string)step.Values["observation"]!,
            ["feeling"] = (string)step.Values["feeling"]!,
            ["need"] = (string)step.Values["need"]!,
            ["request"] = (string)step.Result!,
        };
        return step.ReplaceDialogAsync(ReviewId, parts, cancellationToken);
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

    // ---- What happened: a validator turns back judgements and absolutes, then moves on after the last try.

    private Task<DialogTurnResult> AskObservationStepAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        AskTextAsync(step, ObservationTextId, MessageFactory.Text(_content.Observation.Prompt), _content.Observation.Retry, cancellationToken);

    private async Task<DialogTurnResult> EndObservationStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await SayIfMovedOnAsync(step, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(_writer.Observation((string)step.Result!), cancellationToken).ConfigureAwait(false);
    }

    private Task<bool> ObservationValidatorAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        if (!prompt.Recognized.Succeeded)
        {
            return Task.FromResult(false);
        }

        var check = _analyzer.CheckObservation(prompt.Recognized.Value);
        return AcceptOrHintAsync(prompt, check.Ok, check.Hint, cancellationToken);
    }

    // ---- The feeling: a family then a word, or any word typed; a faux feeling, a thought or a blur gets gentle suggestions.

    private Task<DialogTurnResult> AskFeelingFamilyStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if ((step.Options as JsonObject)?[OfferedKey] is JsonArray offered)
        {
            // The hint already asks the question ("do you feel lonely, sad or hurt?"); the words are its buttons.
            var words = offered.Select(w => (string)w!).ToList();
            step.Values[OfferedKey] = new JsonArray(words.Select(w => (JsonNode?)w).ToArray());
            return AskPickAsync(step, (string)((JsonObject)step.Options!)[HintKey]!, words.Select(w => new Choice(w)), cancellationToken);
        }

        var families = _analyzer.FeelingFamilies.Select(f => new Choice(f.Key) { Title = f.Label });
        return AskPickAsync(step, _content.Feeling.Prompt, families, cancellationToken);
    }

    private Task<DialogTurnResult> AskFeelingWordStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var text = (string)step.Result!;
        if (ValueOf(step, OfferedKey) is null && Picked(text, _analyzer.FeelingFamilies.Select(f => new Choice(f.Key) { Title = f.Label })) is { } key)
        {
            var words = _analyzer.FeelingFamilies.First(f => f.Key == key).Words.Take(_content.Feeling.ShowWords).ToList();
            step.Values[OfferedKey] = new JsonArray(words.Select(w => (JsonNode?)w).ToArray());
            return AskPickAsync(step, _content.Feeling.FamilyPrompt, words.Select(w => new Choice(w)), cancellationToken);
        }

        return step.NextAsync(text, cancellationToken);
    }

    private async Task<DialogTurnResult> CheckFeelingStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var text = (string)step.Result!;
        var needs = (step.Options as JsonObject)?[NeedsKey]?.DeepClone() as JsonArray ?? [];
        var offered = (ValueOf(step, OfferedKey) as JsonArray)?.Select(w => (string)w!).ToList() ?? [];
        if (Picked(text, offered.Select(w => new Choice(w))) is { } word)
        {
            return await EndFeelingAsync(step, word, needs, cancellationToken).ConfigureAwait(false);
        }

        var check = _analyzer.CheckFeeling(text);
        switch (check.Verdict)
        {
            case FeelingVerdict.Real:
                return await EndFeelingAsync(step, _writer.Feelings(check.RealFeelings.Select(f => f.Word).ToList()), needs, cancellationToken).ConfigureAwait(false);
            case FeelingVerdict.Unknown:
                // Their own word for it: a feeling the lists don't know is still theirs.
                return await EndFeelingAsync(step, text.Trim(), needs, cancellationToken).ConfigureAwait(false);
        }

        var tries = ((step.Options as JsonObject)?[TriesKey] is JsonValue t && t.TryGetValue<int>(out var n) ? n : 0) + 1;
        if (tries >= _content.MaxTries)
        {
            await step.Context.SendActivityAsync(_content.MovingOn, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await EndFeelingAsync(step, text.Trim(), needs, cancellationToken).ConfigureAwait(false);
        }

        foreach (var likely in check.LikelyNeeds.Where(l => needs.All(x => (string?)x != l)))
        {
            needs.Add(likely);
        }

        return await step.ReplaceDialogAsync(FeelingId, new JsonObject
        {
            [OfferedKey] = new JsonArray(check.LikelyFeelings.Select(f => (JsonNode?)f).ToArray()),
            [HintKey] = check.Hint,
            [NeedsKey] = needs,
            [TriesKey] = tries,
        }, cancellationToken).ConfigureAwait(false);
    }

    private static Task<DialogTurnResult> EndFeelingAsync(WaterfallStepContext step, string feeling, JsonArray needs, CancellationToken cancellationToken) =>
        step.EndDialogAsync(new JsonObject { [FeelingKey] = feeling, [NeedsKey] = needs }, cancellationToken);

    // ---- The need: suggestions from a faux feeling, else a group then a need, or the user's own words.

    private Task<DialogTurnResult> AskNeedGroupStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var suggested = ((step.Options as JsonObject)?[NeedsKey] as JsonArray)?.Select(n => (string)n!).ToList() ?? [];
        if (suggested.Count > 0)
        {
            step.Values[OfferedKey] = new JsonArray(suggested.Select(n => (JsonNode?)n).ToArray());
            return AskPickAsync(step, _content.Need.SuggestedPrompt, suggested.Select(n => new Choice(n)), cancellationToken);
        }

        return AskPickAsync(step, _content.Need.Prompt, _analyzer.NeedGroups.Select(g => new Choice(g.Key) { Title = g.Label }), cancellationToken);
    }

    private Task<DialogTurnResult> AskNeedWordStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var text = (string)step.Result!;
        if (ValueOf(step, OfferedKey) is null && Picked(text, _analyzer.NeedGroups.Select(g => new Choice(g.Key) { Title = g.Label })) is { } key)
        {
            var needs = _analyzer.NeedGroups.First(g => g.Key == key).Needs.Take(_content.Need.ShowNeeds).ToList();
            step.Values[OfferedKey] = new JsonArray(needs.Select(n => (JsonNode?)n).ToArray());
            return AskPickAsync(step, _content.Need.GroupPrompt, needs.Select(n => new Choice(n)), cancellationToken);
        }

        return step.NextAsync(text, cancellationToken);
    }

    private Task<DialogTurnResult> EndNeedStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var text = (string)step.Result!;
        var offered = (ValueOf(step, OfferedKey) as JsonArray)?.Select(n => (string)n!).ToList() ?? [];
        return step.EndDialogAsync(Picked(text, offered.Select(n => new Choice(n))) ?? _writer.Need(text), cancellationToken);
    }

    // ---- The request: specific and doable; character wishes and "stop …" are turned back with a hint.

    private Task<DialogTurnResult> AskRequestTextStepAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        AskTextAsync(step, RequestTextId, MessageFactory.Text(_content.Request.Prompt), _content.Request.Retry, cancellationToken);

    private async Task<DialogTurnResult> EndRequestStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await SayIfMovedOnAsync(step, cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(_writer.Request((string)step.Result!), cancellationToken).ConfigureAwait(false);
    }

    private Task<bool> RequestValidatorAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        if (!prompt.Recognized.Succeeded)
        {
            return Task.FromResult(false);
        }

        // Checked as it will read in the statement, so "put our phones away at dinner" counts once it is asked as a question.
        var check = _analyzer.CheckRequest(_writer.Request(prompt.Recognized.Value!));
        return AcceptOrHintAsync(prompt, check.Ok, check.Hint, cancellationToken);
    }

    // ---- Review: the statement as a card, change one part, or save it.

    private async Task<DialogTurnResult> ShowStatementStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var text = StatementOf((JsonObject)step.Options!);
        step.Values["text"] = text;
        var card = JourneyCards.Summary(step.Context.Activity.ChannelId, _content.Statement.Intro, _content.Statement.Title, [new CardSection(null, text)]);
        await step.Context.SendActivityAsync(card, cancellationToken).ConfigureAwait(false);
        return await AskChoiceAsync(step, _content.Review.Prompt, _content.Review.Retry, _content.Review.Choices, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SaveOrChangeStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var choice = ((FoundChoice)step.Result!).Value;
        step.Values["action"] = choice;
        if (choice != ReframeContent.SaveKey)
        {
            var partDialog = choice switch
            {
                "observation" => ObservationId,
                "feeling" => FeelingId,
                "need" => NeedId,
                _ => RequestId,
            };
            return await step.BeginDialogAsync(partDialog, null, cancellationToken).ConfigureAwait(false);
        }

        var parts = (JsonObject)step.Options!;
        var profile = await _state.Profile.GetAsync(step.Context, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        profile.Toolkit.Statements.Add(new SavedStatement
        {
            Observation = (string)parts["observation"]!,
            Feeling = (string)parts["feeling"]!,
            Need = (string)parts["need"]!,
            Request = (string)parts["request"]!,
            Text = (string)step.Values["text"]!,
            SavedAt = _clock.GetUtcNow(),
        });
        await step.Context.SendActivityAsync(_content.Saved, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await AskChoiceAsync(step, _content.Next.Prompt, _content.Next.Retry, _content.Next.Choices, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After saving: ends with where to go next. After a change: shows the statement again with the new part.</summary>
    private Task<DialogTurnResult> AfterReviewStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var action = (string)step.Values["action"]!;
        if (action == ReframeContent.SaveKey)
        {
            return step.EndDialogAsync(((FoundChoice)step.Result!).Value, cancellationToken);
        }

        var parts = (JsonObject)((JsonObject)step.Options!).DeepClone();
        parts[action] = step.Result is JsonObject feeling ? feeling[FeelingKey]!.DeepClone() : (string)step.Result!;
        return step.ReplaceDialogAsync(ReviewId, parts, cancellationToken);
    }

    private string StatementOf(JsonNode parts) =>
        _writer.Statement((string)parts["observation"]!, (string)parts["feeling"]!, (string)parts["need"]!, (string)parts["request"]!);

    // ---- Shared helpers.

    private static object? ValueOf(WaterfallStepContext step, string key) => step.Values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Accepts a good answer; after the last try accepts any answer (and says so next); otherwise shows the hint.</summary>
    private async Task<bool> AcceptOrHintAsync(PromptValidatorContext<string> prompt, bool ok, string? hint, CancellationToken cancellationToken)
    {
        if (ok)
        {
            return true;
        }

        if (prompt.AttemptCount >= _content.MaxTries)
        {
            prompt.Context.TurnState[MovedOnKey] = true;
            return true;
        }

        if (hint is not null)
        {
            await prompt.Context.SendActivityAsync(hint, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private async Task SayIfMovedOnAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Context.TurnState.Remove(MovedOnKey))
        {
            await step.Context.SendActivityAsync(_content.MovingOn, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Free text with buttons: a click or a typed title or number picks one; anything else is the user's own words.</summary>
    private static Task<DialogTurnResult> AskPickAsync(WaterfallStepContext step, string text, IEnumerable<Choice> choices, CancellationToken cancellationToken) =>
        AskTextAsync(step, TextId, ChoiceFactory.ForChannel(step.Context.Activity.ChannelId, choices.ToList(), text), null, cancellationToken);

    /// <summary>The key of the choice <paramref name="text"/> names exactly or by position; looser matches count as the user's own words.</summary>
    private static string? Picked(string text, IEnumerable<Choice> choices)
    {
        var list = choices.ToList();
        return ChoiceRecognizer.Recognize(text, list) is { Score: >= 1.0 } found ? found.Value : null;
    }

    private static Task<DialogTurnResult> AskTextAsync(WaterfallStepContext step, string promptId, Activity prompt, string? retry, CancellationToken cancellationToken) =>
        step.PromptAsync(promptId, new PromptOptions { Prompt = prompt, RetryPrompt = retry is null ? null : MessageFactory.Text(retry) }, cancellationToken);

    private static Task<DialogTurnResult> AskChoiceAsync(WaterfallStepContext step, string prompt, string retry, IEnumerable<ChoiceItem> choices, CancellationToken cancellationToken) =>
        step.PromptAsync(ChoiceId, new PromptOptions
        {
            Prompt = MessageFactory.Text(prompt),
            RetryPrompt = MessageFactory.Text(retry),
            Choices = choices.Select(c => c.ToChoice()).ToList(),
        }, cancellationToken);
}
