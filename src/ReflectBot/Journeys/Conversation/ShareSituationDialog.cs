using ReflectBot.Bots;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Journeys.Conversation;

/// <summary>
/// Someone tells the bot what is happening without asking for anything yet ("my husband barely talks to me
/// anymore"): a warm reflection (a different one when it is about their own behaviour), then the conversations that
/// fit, by their menu titles. Begun with <see cref="SelfOption"/> when the message was about the writer.
/// </summary>
public sealed class ShareSituationDialog : HandOverDialog
{
    public const string DialogId = "understanding.share";
    public const string SelfOption = "self";
    private const string FlowId = "understanding.share.flow";
    private const string ChoiceId = "understanding.share.choice";

    private readonly SmallTalkContent _content;
    private readonly MainMenu _menu;

    public ShareSituationDialog(SmallTalkContent content, MainMenu menu)
        : base(DialogId)
    {
        _content = content;
        _menu = menu;
        AddDialog(new WaterfallDialog(FlowId).AddStep(ReflectStepAsync, "reflect").AddStep(ChosenStepAsync, "chosen"));
        AddDialog(new ChoicePrompt(ChoiceId));
        InitialDialogId = FlowId;
    }

    private async Task<DialogTurnResult> ReflectStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var self = (step.Options as string) == SelfOption;
        var share = _content.ShareSituation;
        await step.Context.SendActivityAsync(self ? share.ReplySelf : share.Reply, cancellationToken: cancellationToken).ConfigureAwait(false);
        var offers = self ? share.OffersSelf : share.Offers;
        var choices = _menu.Entries.Where(m => offers.Contains(m.Key))
            .OrderBy(m => offers.ToList().IndexOf(m.Key))
            .Select(m => new Choice(m.Key) { Title = m.Title, Synonyms = [.. m.Synonyms] })
            .ToList();
        return await step.PromptAsync(ChoiceId, new PromptOptions
        {
            Prompt = MessageFactory.Text(share.OfferPrompt),
            Choices = choices,
            MaxAttempts = 1,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ChosenStepAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        step.Result is FoundChoice { Value: var key }
            ? await HandOverAsync(step, key, cancellationToken).ConfigureAwait(false)
            : await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
}
