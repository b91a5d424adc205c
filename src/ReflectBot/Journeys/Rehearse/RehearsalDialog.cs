using System.Text.Json.Nodes;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.State;

namespace ReflectBot.Journeys.Rehearse;

/// <summary>
/// Rehearse a hard conversation: pick a topic and how the partner tends to react, role-play it (see
/// <see cref="RolePlayDialog"/>), then see a scorecard and maybe save it to the toolkit.
/// </summary>
public sealed class RehearsalDialog : ComponentDialog
{
    public const string MenuKey = "rehearse";

    private const string FlowId = "rehearsal.flow";
    private const string TopicPromptId = "rehearsal.topic";
    private const string OwnTopicPromptId = "rehearsal.ownTopic";
    private const string StylePromptId = "rehearsal.style";
    private const string SavePromptId = "rehearsal.save";

    private const string TopicKey = "topic";
    private const string OwnTopicKey = "ownTopic";
    private const string StyleKey = "style";
    private const string TallyKey = "tally";

    private readonly RehearsalContent _content;
    private readonly ReflectBotState _state;
    private readonly TimeProvider _clock;

    // Reads the topic the first message already named ("help me practise talking to my husband about couples therapy").
    private readonly Understanding.Recognition.UtteranceRecognizer? _recognizer;

    public RehearsalDialog(RehearsalContent content, RolePlayDialog rolePlay, ReflectBotState state, TimeProvider clock, Understanding.Recognition.UtteranceRecognizer? recognizer = null)
        : base(nameof(RehearsalDialog))
    {
        _recognizer = recognizer;
        _content = content;
        _state = state;
        _clock = clock;

        AddDialog(new WaterfallDialog(FlowId)
            .AddStep(AskTopicStepAsync)
            .AddStep(AskOwnTopicStepAsync)
            .AddStep(AskStyleStepAsync)
            .AddStep(RolePlayStepAsync)
            .AddStep(ScorecardStepAsync)
            .AddStep(SaveStepAsync));
        AddDialog(new ChoicePrompt(TopicPromptId));
        AddDialog(new TextPrompt(OwnTopicPromptId));
        AddDialog(new ChoicePrompt(StylePromptId));
        AddDialog(new ConfirmPrompt(SavePromptId));
        AddDialog(rolePlay);
        InitialDialogId = FlowId;
    }

    private async Task<DialogTurnResult> AskTopicStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(_content.Intro, cancellationToken: cancellationToken).ConfigureAwait(false);

        // Named already in the message that started this: don't ask again.
        if (_recognizer?.Recognize(step.Context) is { Entities.Topic: { } named } recognized
            && recognized.Is(Understanding.Recognition.IntentNames.StartRehearse)
            && _content.Topic.Choices.Any(t => t.Key == named))
        {
            if (named == RehearsalContent.OwnTopicKey && recognized.Entities.TopicWords is { } words)
            {
                step.Values[OwnTopicKey] = words;
            }

            return await step.NextAsync(new FoundChoice { Value = named, Score = 1 }, cancellationToken).ConfigureAwait(false);
        }

        return await step.PromptAsync(TopicPromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text(_content.Topic.Prompt),
            RetryPrompt = MessageFactory.Text(_content.Topic.Retry),
            Choices = _content.Topic.Choices.Select(t => new Choice(t.Key) { Title = t.Title, Synonyms = [.. t.Synonyms] }).ToList(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskOwnTopicStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var topic = step.Result is FoundChoice { Value: var key } ? key : _content.Topic.Choices[0].Key;
        step.Values[TopicKey] = topic;
        if (topic != RehearsalContent.OwnTopicKey)
        {
            return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (step.Values.TryGetValue(OwnTopicKey, out var named) && named is string words)
        {
            return await step.NextAsync(words, cancellationToken).ConfigureAwait(false);
        }

        return await step.PromptAsync(OwnTopicPromptId, new PromptOptions { Prompt = MessageFactory.Text(_content.Topic.OwnPrompt) }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskStyleStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is string own)
        {
            step.Values[OwnTopicKey] = own;
        }

        return await step.PromptAsync(StylePromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text(_content.Style.Prompt),
            RetryPrompt = MessageFactory.Text(_content.Style.Retry),
            Choices = _content.Style.Choices.Select(s => new Choice(s.Key) { Title = s.Title, Synonyms = [.. s.Synonyms] }).ToList(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> RolePlayStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var style = _content.StyleOf(step.Result is FoundChoice { Value: var key } ? key : _content.Style.Choices[0].Key);
        step.Values[StyleKey] = style.Key;
        var setup = ContentText.Fill(_content.Setup, ("topic", TopicAbout(step.Values)), ("style", style.Describe));
        await step.Context.SendActivityAsync(setup, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await step.BeginDialogAsync(RolePlayDialog.DialogId, RolePlayDialog.Start(style.Key), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ScorecardStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var tallyState = step.Result as JsonObject ?? [];
        var tally = RehearsalTally.Over(tallyState);
        if (tally.Lines == 0)
        {
            await step.Context.SendActivityAsync(_content.NothingSaid, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        step.Values[TallyKey] = tallyState.DeepClone();
        await step.Context.SendActivityAsync(tally.Scorecard(_content), cancellationToken: cancellationToken).ConfigureAwait(false);
        return await step.PromptAsync(SavePromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text(_content.Scorecard.Save.Prompt),
            MaxAttempts = 2,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SaveStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is true && step.Values.TryGetValue(TallyKey, out var saved) && saved is JsonObject tallyState)
        {
            var profile = await _state.Profile.GetAsync(step.Context, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
            var style = _content.StyleOf(TextOf(step.Values, StyleKey) ?? "");
            profile.Toolkit.Scorecards.Add(RehearsalTally.Over(tallyState).ToSaved(TopicTitle(step.Values), style.Key, _content, _clock.GetUtcNow()));
            await step.Context.SendActivityAsync(_content.Scorecard.Save.Saved, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await step.Context.SendActivityAsync(_content.Scorecard.Save.NotSaved, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The topic as the toolkit lists it: its menu title, or the user's own sentence.</summary>
    private string TopicTitle(IDictionary<string, object?> values) =>
        TextOf(values, OwnTopicKey) ?? (_content.TopicOf(TextOf(values, TopicKey) ?? "") ?? _content.Topic.Choices[0]).Title;

    /// <summary>How the setup and the saved scorecard describe the topic; the user's own words for their own topic.</summary>
    private string TopicAbout(IDictionary<string, object?> values)
    {
        var key = TextOf(values, TopicKey) ?? "";
        var topic = _content.TopicOf(key) ?? _content.Topic.Choices[0];
        return ContentText.Fill(topic.About, ("topic", TextOf(values, OwnTopicKey) ?? ""));
    }

    private static string? TextOf(IDictionary<string, object?> values, string key) => values.TryGetValue(key, out var value) ? value as string : null;
}
