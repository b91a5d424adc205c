using System.Globalization;
using System.Text.Json.Nodes;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.State;

namespace ReflectBot.Journeys.Plan;

/// <summary>
/// "Plan next steps": the user picks one to three strategies and for each says what exactly, when (read by the
/// <see cref="WhenRecognizer"/>, kept as written when it names no day) and what might get in the way. Ends with a
/// summary card and the plan saved to the user's toolkit.
/// </summary>
public sealed class PlanDialog : ComponentDialog
{
    public const string MenuKey = "plan";

    private const string StepLoopId = "plan.step";
    private const string StrategyId = "plan.strategy";
    private const string TextId = "plan.text";
    private const string AnotherId = "plan.another";
    private const string StepsKey = "steps";

    private readonly PlanContent _content;
    private readonly ReflectBotState _state;
    private readonly TimeProvider _clock;
    private readonly WhenRecognizer _when;

    // Reads a step or an aim the first message already named ("I'd like to make a plan to reconnect").
    private readonly Understanding.Recognition.UtteranceRecognizer? _recognizer;

    public PlanDialog(PlanContent content, ReflectBotState state, TimeProvider clock, Understanding.Recognition.UtteranceRecognizer? recognizer = null)
        : base(nameof(PlanDialog))
    {
        _recognizer = recognizer;
        _content = content;
        _state = state;
        _clock = clock;
        _when = new WhenRecognizer(WhenLexicon.From(content.When.Words));

        // One pass per step of the plan; the steps so far travel in the options from pass to pass.
        AddDialog(new WaterfallDialog(StepLoopId)
            .AddStep(AskStrategyStepAsync)
            .AddStep(AskWhatStepAsync)
            .AddStep(AskWhenStepAsync)
            .AddStep(AskObstacleStepAsync)
            .AddStep(AskAnotherStepAsync)
            .AddStep(NextOrFinishStepAsync));
        AddDialog(new ChoicePrompt(StrategyId));
        AddDialog(new TextPrompt(TextId));
        AddDialog(new ConfirmPrompt(AnotherId) { ConfirmChoices = Tuple.Create(content.Another.Yes.ToChoice("yes"), content.Another.No.ToChoice("no")) });
        InitialDialogId = StepLoopId;
    }

    private async Task<DialogTurnResult> AskStrategyStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var steps = StepsSoFar(step);
        if (steps.Count == 0)
        {
            await step.Context.SendActivityAsync(_content.Intro, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var chosen = steps.Select(s => (string?)s!["strategy"]).ToHashSet();

        // The message that started this named a step outright: begin with it. An aim puts its strategies first.
        var named = steps.Count == 0 && _recognizer?.Recognize(step.Context) is { } recognized && recognized.Is(Understanding.Recognition.IntentNames.StartPlan)
            ? recognized.Entities
            : null;
        if (named?.Step is { } namedStep && _content.Strategy.Choices.Any(s => s.Key == namedStep))
        {
            return await step.NextAsync(new FoundChoice { Value = namedStep, Score = 1 }, cancellationToken).ConfigureAwait(false);
        }

        var suggested = named?.Suggest ?? [];
        return await step.PromptAsync(StrategyId, new PromptOptions
        {
            Prompt = MessageFactory.Text(steps.Count == 0 ? _content.Strategy.Prompt : _content.Strategy.PromptNext),
            RetryPrompt = MessageFactory.Text(_content.Strategy.Retry),
            Choices = _content.Strategy.Choices.Where(s => !chosen.Contains(s.Key))
                .OrderBy(s => suggested.Contains(s.Key) ? suggested.ToList().IndexOf(s.Key) : suggested.Count)
                .Select(s => s.ToChoice()).ToList(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> AskWhatStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var strategy = Strategy(((FoundChoice)step.Result!).Value);
        step.Values["strategy"] = strategy.Key;
        var prompt = ContentText.Fill(_content.What.Prompt, ("strategy", strategy.Title), ("example", strategy.Example));
        return AskTextAsync(step, prompt, _content.What.Retry, cancellationToken);
    }

    private Task<DialogTurnResult> AskWhenStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values["what"] = (string)step.Result!;
        return AskTextAsync(step, _content.When.Prompt, _content.When.Retry, cancellationToken);
    }

    private async Task<DialogTurnResult> AskObstacleStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var zone = WhenRecognizer.ZoneOf(step.Context.Activity.LocalTimezone);
        var when = _when.Recognize((string)step.Result!, _clock.GetUtcNow(), zone);
        step.Values["when"] = when.Text;
        if (when.At is { } at)
        {
            step.Values["whenAt"] = at.ToString("o", CultureInfo.InvariantCulture);
            step.Values["whenHasTime"] = when.HasTime;
        }

        var acknowledgement = when.At is { } moment
            ? ContentText.Fill(_content.When.Recognised, ("when", _content.FormatWhen(moment, when.HasTime)))
            : ContentText.Fill(_content.When.Kept, ("when", when.Text));
        await step.Context.SendActivityAsync(acknowledgement, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await AskTextAsync(step, _content.Obstacle.Prompt, _content.Obstacle.Retry, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskAnotherStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        step.Values["obstacle"] = (string)step.Result!;
        var steps = StepsSoFar(step).Count + 1;
        if (steps >= _content.MaxSteps || steps >= _content.Strategy.Choices.Count)
        {
            return await step.NextAsync(false, cancellationToken).ConfigureAwait(false);
        }

        var left = (_content.MaxSteps - steps).ToString(CultureInfo.InvariantCulture);
        return await step.PromptAsync(AnotherId, new PromptOptions
        {
            Prompt = MessageFactory.Text(ContentText.Fill(_content.Another.Prompt, ("left", left))),
            RetryPrompt = MessageFactory.Text(_content.Another.Retry),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> NextOrFinishStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var steps = new JsonArray(StepsSoFar(step).Select(s => s!.DeepClone()).ToArray());
        steps.Add(new JsonObject
        {
            ["strategy"] = Saved(step, "strategy"),
            ["what"] = Saved(step, "what"),
            ["when"] = Saved(step, "when"),
            ["whenAt"] = Saved(step, "whenAt"),
            ["whenHasTime"] = Saved(step, "whenHasTime"),
            ["obstacle"] = Saved(step, "obstacle"),
        });

        if (step.Result is true)
        {
            return await step.ReplaceDialogAsync(StepLoopId, new JsonObject { [StepsKey] = steps }, cancellationToken).ConfigureAwait(false);
        }

        var plan = new SavedPlan { SavedAt = _clock.GetUtcNow() };
        var sections = new List<CardSection>();
        foreach (var saved in steps.OfType<JsonObject>())
        {
            var whenAt = (string?)saved["whenAt"] is { } iso ? DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : (DateTimeOffset?)null;
            var planStep = new PlanStep
            {
                Strategy = (string)saved["strategy"]!,
                What = (string)saved["what"]!,
                When = (string)saved["when"]!,
                WhenResolved = whenAt,
                Obstacle = (string)saved["obstacle"]!,
            };
            plan.Steps.Add(planStep);
            sections.Add(Section(_content, plan.Steps.Count, planStep, whenAt is not null && (bool?)saved["whenHasTime"] == true));
        }

        var profile = await _state.Profile.GetAsync(step.Context, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        profile.Toolkit.Plans.Add(plan);

        await step.Context.SendActivitiesAsync(
            [
                JourneyCards.Summary(step.Context.Activity.ChannelId, _content.Summary.Intro, _content.Summary.Title, sections),
                MessageFactory.Text(_content.Summary.Saved),
                MessageFactory.Text(_content.Summary.Closing),
            ],
            cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One step of a plan as a card section; the toolkit shows saved plans the same way.</summary>
    public static CardSection Section(PlanContent content, int number, PlanStep step, bool hasTime)
    {
        var title = content.Strategy.Choices.FirstOrDefault(s => s.Key == step.Strategy)?.Title ?? step.Strategy;
        var when = step.WhenResolved is { } at
            ? ContentText.Fill(content.Summary.WhenRecognised, ("text", step.When), ("date", content.FormatWhen(at, hasTime)))
            : step.When;
        return new CardSection(
            ContentText.Fill(content.Summary.Heading, ("number", number.ToString(CultureInfo.InvariantCulture)), ("strategy", title)),
            [
                ContentText.Fill(content.Summary.What, ("what", step.What)),
                ContentText.Fill(content.Summary.When, ("when", when)),
                ContentText.Fill(content.Summary.Obstacle, ("obstacle", step.Obstacle)),
            ]);
    }

    private StrategyChoice Strategy(string key) => _content.Strategy.Choices.First(s => s.Key == key);

    private static List<JsonNode?> StepsSoFar(WaterfallStepContext step) =>
        (step.Options as JsonObject)?[StepsKey] is JsonArray steps ? [.. steps] : [];

    private static JsonNode? Saved(WaterfallStepContext step, string key) =>
        step.Values.TryGetValue(key, out var value) ? value switch { string s => JsonValue.Create(s), bool b => JsonValue.Create(b), _ => null } : null;

    private static Task<DialogTurnResult> AskTextAsync(WaterfallStepContext step, string prompt, string retry, CancellationToken cancellationToken) =>
        step.PromptAsync(TextId, new PromptOptions { Prompt = MessageFactory.Text(prompt), RetryPrompt = MessageFactory.Text(retry) }, cancellationToken);
}
