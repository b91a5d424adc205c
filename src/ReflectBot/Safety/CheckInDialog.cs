using Microsoft.Extensions.Options;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using ReflectBot.Journeys.Referral;
using ReflectBot.State;
using Answers = ReflectBot.Safety.SafetyContent.Answers;

namespace ReflectBot.Safety;

/// <summary>
/// The gentle check-in after a message with distress but no risk words (or a denied risk phrase). It asks
/// "how are you doing right now?" and waits for the answer on top of whatever was running: okay carries on, struggling gets a line to talk to, "I don't feel safe" leads to the
/// full crisis reply. Every <see cref="SafetyOptions.CheckInsBeforeTherapistOffer"/> check-ins it offers to look at
/// finding a therapist together.
/// </summary>
public sealed class CheckInDialog(CrisisReplies replies, ReflectBotState state, IOptions<SafetyOptions> options) : Dialog(DialogId)
{
    public const string DialogId = "safety.checkIn";

    /// <summary>Key under which this dialog is registered as a (hidden) main-menu branch, to begin it on an empty stack.</summary>
    public const string BranchKey = "check-in";

    private const string StageKey = "stage";
    private const string OfferKey = "offer";
    private const string AskingHow = "how";
    private const string AskingOffer = "offer";

    private readonly int _offerEvery = Math.Max(1, options.Value.CheckInsBeforeTherapistOffer);

    private SafetyContent Content => replies.Content;

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var profile = await state.Profile.GetAsync(dc.Context, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        profile.CheckIns++;
        var instanceState = dc.ActiveDialog!.State;
        instanceState[StageKey] = AskingHow;
        instanceState[OfferKey] = profile.CheckIns % _offerEvery == 0;
        await dc.Context.SendActivityAsync(replies.CheckIn(dc.Context.Activity.ChannelId), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        if (!dc.Context.Activity.IsType(ActivityTypes.Message))
        {
            return EndOfTurn;
        }

        var instanceState = dc.ActiveDialog!.State;
        var text = PromptInput.GetText(dc.Context.Activity);
        var locale = dc.Context.Activity.Locale;
        if (instanceState.TryGetValue(StageKey, out var stage) && stage is AskingOffer)
        {
            switch (ChoiceRecognizer.Recognize(text, Content.TherapistOfferChoices)?.Value)
            {
                case Answers.Yes:
                    return await dc.ReplaceDialogAsync(TherapyReferralDialog.DialogId, TherapyReferralDialog.OfferedOption, cancellationToken).ConfigureAwait(false);
                case Answers.No:
                    await dc.Context.SendActivityAsync(replies.Message(Content.CheckIn.TherapistDeclined, SafetyCategory.CheckIn, locale), cancellationToken).ConfigureAwait(false);
                    return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
                default:
                    await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
                    return EndOfTurn;
            }
        }

        var answer = ChoiceRecognizer.Recognize(text, Content.CheckInChoices)?.Value;
        if (answer == Answers.NotSafe)
        {
            return await dc.ReplaceDialogAsync(CrisisDialog.DialogId, new CrisisStart(SafetyCategory.Emergency, SendReply: true), cancellationToken).ConfigureAwait(false);
        }

        // Anything else they wrote is something they shared: thank them rather than insist on a button.
        var reply = answer switch
        {
            Answers.Ok => Content.CheckIn.Ok,
            Answers.Struggling => Content.CheckIn.Struggling,
            _ => Content.CheckIn.Shared,
        };
        await dc.Context.SendActivityAsync(replies.Message(reply, SafetyCategory.CheckIn, locale), cancellationToken).ConfigureAwait(false);

        if (instanceState.TryGetValue(OfferKey, out var offer) && offer is true)
        {
            instanceState[StageKey] = AskingOffer;
            await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var channelId = turnContext.Activity.ChannelId;
        var question = instance.State.TryGetValue(StageKey, out var stage) && stage is AskingOffer
            ? replies.Question(SafetyCategory.CheckIn, channelId, Content.CheckIn.TherapistOffer, Content.TherapistOfferChoices)
            : replies.CheckIn(channelId);
        return turnContext.SendActivityAsync(question, cancellationToken);
    }

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }
}
