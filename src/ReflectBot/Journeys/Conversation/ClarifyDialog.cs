using System.Text.Json.Nodes;
using ReflectBot.Bots;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Journeys.Conversation;

/// <summary>
/// "Did you mean one of these?": when a message leans towards two or three conversations without settling on one,
/// the bot offers them by their menu titles, with "something else" last (back to the menu). Begun with the menu keys.
/// </summary>
public sealed class ClarifyDialog : HandOverDialog
{
    public const string DialogId = "understanding.clarify";
    private const string FlowId = "understanding.clarify.flow";
    private const string ChoiceId = "understanding.clarify.choice";
    private const string SomethingElseKey = "somethingElse";

    private readonly SmallTalkContent _content;
    private readonly MainMenu _menu;

    public ClarifyDialog(SmallTalkContent content, MainMenu menu)
        : base(DialogId)
    {
        _content = content;
        _menu = menu;
        AddDialog(new WaterfallDialog(FlowId).AddStep(AskStepAsync, "ask").AddStep(ChosenStepAsync, "chosen"));
        AddDialog(new ChoicePrompt(ChoiceId));
        InitialDialogId = FlowId;
    }

    /// <summary>Options for <see cref="DialogContext.BeginDialogAsync"/>: the menu keys to offer, best first.</summary>
    public static JsonArray Options(IEnumerable<string> menuKeys) => new([.. menuKeys.Select(k => JsonValue.Create(k))]);

    private async Task<DialogTurnResult> AskStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var keys = (step.Options as JsonArray)?.Select(k => k?.GetValue<string>()).OfType<string>().ToList() ?? [];
        var choices = _menu.Entries.Where(m => keys.Contains(m.Key))
            .OrderBy(m => keys.IndexOf(m.Key))
            .Select(m => new Choice(m.Key) { Title = m.Title, Synonyms = [.. m.Synonyms] })
            .Append(new Choice(SomethingElseKey) { Title = _content.Unsure.SomethingElse })
            .ToList();
        return await step.PromptAsync(ChoiceId, new PromptOptions
        {
            Prompt = MessageFactory.Text(_content.Unsure.Prompt),
            Choices = choices,
            MaxAttempts = 1,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ChosenStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is FoundChoice { Value: var key } && key != SomethingElseKey)
        {
            return await HandOverAsync(step, key, cancellationToken).ConfigureAwait(false);
        }

        // "Something else", or no answer: the menu underneath shows itself again.
        return await step.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }
}
