using Microsoft.Extensions.Options;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Journeys.Referral;
using ReflectBot.Safety;
using ReflectBot.State;
using Topics = ReflectBot.Journeys.Referral.ReferralContent.Topics;

namespace ReflectBot.Journeys.Referral;

/// <summary>
/// "Find a therapist": the kinds of help, how to choose, how to raise it with a partner, where to look for the
/// person's country, and adding "find a therapist" to their plan. The person picks topics in any order until
/// they are done; at the end, if it is not in their plan yet, the bot offers to add it.
/// Reached from the menu, from "I want a therapist" at any point, from the signs summary and after repeated check-ins.
/// </summary>
public sealed class TherapyReferralDialog : ComponentDialog
{
    public const string DialogId = "therapyReferral";

    /// <summary>The main-menu key of this branch.</summary>
    public const string MenuKey = "therapist";

    /// <summary>Begin option when the bot suggested the conversation itself (a softer opening).</summary>
    public const string OfferedOption = "offered";

    /// <summary>The plan strategy key of the step this conversation adds.</summary>
    public const string ProfessionalHelpStrategy = "professional-help";

    private const string TopicsDialogId = "referral.topics";
    private const string TopicPromptId = "referral.topic";
    private const string PlanConfirmId = "referral.addToPlan";
    private const string AgainOption = "again";

    private readonly ReferralContent _content;
    private readonly TherapistDirectories _directories;
    private readonly ReflectBotState _state;
    private readonly TimeProvider _clock;
    private readonly string _defaultLocale;

    public TherapyReferralDialog(ReferralContent content, TherapistDirectories directories, ReflectBotState state, IOptions<ReflectBotOptions> options, TimeProvider clock)
        : base(DialogId)
    {
        _content = content;
        _directories = directories;
        _state = state;
        _clock = clock;
        _defaultLocale = options.Value.DefaultLocale;

        AddDialog(new WaterfallDialog(TopicsDialogId)
            .AddStep(AskTopicStepAsync, "askTopic")
            .AddStep(ShowTopicStepAsync, "showTopic")
            .AddStep(AfterPlanOfferStepAsync, "afterPlanOffer"));
        AddDialog(new ChoicePrompt(TopicPromptId));
        AddDialog(new ConfirmPrompt(PlanConfirmId));
        InitialDialogId = TopicsDialogId;
    }

    private async Task<DialogTurnResult> AskTopicStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var option = step.Options as string;
        var text = option == AgainOption ? _content.Again : option == OfferedOption ? _content.IntroOffered : _content.Intro;
        return await step.PromptAsync(TopicPromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text(text),
            RetryPrompt = MessageFactory.Text(_content.Retry),
            Choices = [.. _content.TopicChoices],
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ShowTopicStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var topic = (step.Result as FoundChoice)?.Value ?? Topics.Done;
        var context = step.Context;
        switch (topic)
        {
            case Topics.Kinds or Topics.Choose or Topics.Partner:
                var list = _content.ListFor(topic);
                await context.SendActivityAsync(list.Heading + "\n\n" + string.Join("\n", list.Items), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case Topics.Where:
                await context.SendActivityAsync(WhereToLook(context.Activity.Locale), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case Topics.Plan:
                var added = await AddToPlanAsync(context, cancellationToken).ConfigureAwait(false);
                await context.SendActivityAsync(added ? _content.Plan.Added : _content.Plan.Already, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            default:
                if (await HasTherapistStepAsync(context, cancellationToken).ConfigureAwait(false))
                {
                    await context.SendActivityAsync(_content.Bye, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
                }

                return await step.PromptAsync(PlanConfirmId, new PromptOptions { Prompt = MessageFactory.Text(_content.Plan.Offer) }, cancellationToken).ConfigureAwait(false);
        }

        return await step.ReplaceDialogAsync(TopicsDialogId, AgainOption, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AfterPlanOfferStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        if (step.Result is true)
        {
            await AddToPlanAsync(context, cancellationToken).ConfigureAwait(false);
            await context.SendActivityAsync(_content.Plan.Added, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await context.SendActivityAsync(_content.Plan.Declined, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await context.SendActivityAsync(_content.Bye, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The directories for the person's country, with the note that a doctor can help too.</summary>
    internal string WhereToLook(string? locale)
    {
        var set = _directories.For(locale, _defaultLocale);
        var lines = set.Directories.Select(d => ContentText.Fill(
            _content.Where.Item,
            ("name", d.Name),
            ("website", d.Note is null ? d.Website : ContentText.Fill(_content.Where.WithNote, ("website", d.Website), ("note", d.Note)))));
        return _content.Where.Heading + "\n\n" + string.Join("\n", lines) + "\n\n" + _content.Where.FallbackNote;
    }

    /// <summary>Appends a new plan with the one "find a therapist" step, unless one is already planned. True when added.</summary>
    private async Task<bool> AddToPlanAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        var profile = await _state.Profile.GetAsync(context, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        if (HasTherapistStep(profile))
        {
            return false;
        }

        profile.Toolkit.Plans.Add(new SavedPlan
        {
            Steps = [new PlanStep { Strategy = ProfessionalHelpStrategy, What = _content.Plan.Step }],
            SavedAt = _clock.GetUtcNow(),
        });
        return true;
    }

    private async Task<bool> HasTherapistStepAsync(ITurnContext context, CancellationToken cancellationToken) =>
        HasTherapistStep(await _state.Profile.GetAsync(context, () => new UserProfile(), cancellationToken).ConfigureAwait(false));

    private static bool HasTherapistStep(UserProfile profile) =>
        profile.Toolkit.Plans.Exists(p => p.Steps.Exists(s => s.Strategy == ProfessionalHelpStrategy));
}
