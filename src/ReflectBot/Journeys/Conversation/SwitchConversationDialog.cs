using ReflectBot.Content;
using ReflectBot.Bots;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Journeys.Conversation;

/// <summary>
/// In the middle of one conversation someone asks for another ("I want to tell my wife I feel lonely" during the
/// signs checklist): the bot asks before leaving, and on "no" the first conversation asks its question again.
/// Begun with the menu key of the conversation asked for.
/// </summary>
public sealed class SwitchConversationDialog : HandOverDialog
{
    public const string DialogId = "understanding.switch";
    private const string FlowId = "understanding.switch.flow";
    private const string ConfirmId = "understanding.switch.confirm";

    private readonly SmallTalkContent _content;
    private readonly MainMenu _menu;

    public SwitchConversationDialog(SmallTalkContent content, MainMenu menu)
        : base(DialogId)
    {
        _content = content;
        _menu = menu;
        AddDialog(new WaterfallDialog(FlowId).AddStep(AskStepAsync, "ask").AddStep(SwitchStepAsync, "switch"));
        AddDialog(new ConfirmPrompt(ConfirmId) { ConfirmChoices = Tuple.Create(new Choice("yes") { Title = content.Switch.Yes }, new Choice("no") { Title = content.Switch.No }) });
        InitialDialogId = FlowId;
    }

    private async Task<DialogTurnResult> AskStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var key = (string)step.Options!;
        var title = _menu.Find(key)?.Title ?? key;
        return await step.PromptAsync(ConfirmId, new PromptOptions
        {
            Prompt = MessageFactory.Text(ContentText.Fill(_content.Switch.Prompt, ("title", title))),
            MaxAttempts = 2,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SwitchStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is true)
        {
            return await HandOverAsync(step, (string)step.Options!, cancellationToken).ConfigureAwait(false);
        }

        // Back to where they were: the conversation underneath asks its question again.
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }
}
