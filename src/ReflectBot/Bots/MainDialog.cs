using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Bots;

/// <summary>
/// The root of every conversation: the main menu, the branch it starts, and back to the menu.
/// Interruptions (global commands, safety, referral ...) get each message before the active dialog.
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    public const string MenuDialogId = "menu";
    public const string MenuPromptId = "menuChoice";
    private const string AgainOption = "again";

    private readonly CommonContent _content;
    private readonly IReadOnlyList<IInterruption> _interruptions;
    private readonly List<ChoiceItem> _menu;
    private readonly Dictionary<string, Dialog> _branches;

    public MainDialog(CommonContent content, MainMenu menu, IEnumerable<IMenuBranch> branches, BotPipeline pipeline)
        : base(nameof(MainDialog))
    {
        _content = content;
        _interruptions = pipeline.Interruptions;
        // As with DI itself, the last registration for a key wins (tests and deployments can replace a branch).
        _branches = branches.GroupBy(b => b.MenuKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Dialog, StringComparer.Ordinal);
        _menu = [.. menu.Entries.Where(m => _branches.ContainsKey(m.Key))];

        AddDialog(new WaterfallDialog(MenuDialogId).AddStep(ShowMenuStepAsync).AddStep(StartBranchStepAsync).AddStep(LoopStepAsync));
        AddDialog(new ChoicePrompt(MenuPromptId));
        foreach (var branch in _branches.Values.Distinct())
        {
            AddDialog(branch);
        }

        InitialDialogId = MenuDialogId;
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        foreach (var interruption in _interruptions)
        {
            if (await interruption.TryInterruptAsync(innerDc, cancellationToken).ConfigureAwait(false) is { } handled)
            {
                return handled;
            }
        }

        return await base.OnContinueDialogAsync(innerDc, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The menu never ends by itself: when the stack empties (cancel inside a branch), show it again.</summary>
    protected override async Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        await outerDc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        return await outerDc.BeginDialogAsync(Id, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ShowMenuStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        // A branch can start the menu with a key (e.g. the signs summary leading on to reframing).
        var option = (string?)step.Options;
        if (option is not null && _branches.ContainsKey(option))
        {
            return await step.NextAsync(new FoundChoice { Value = option }, cancellationToken).ConfigureAwait(false);
        }

        var text = option == AgainOption ? _content.Menu.AfterBranch : _content.Menu.Prompt;
        return await step.PromptAsync(MenuPromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text(text),
            RetryPrompt = MessageFactory.Text(_content.Menu.Retry),
            Choices = _menu.Select(m => m.ToChoice()).ToList(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> StartBranchStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is FoundChoice { Value: var key } && _branches.TryGetValue(key, out var dialog))
        {
            return await step.BeginDialogAsync(dialog.Id, null, cancellationToken).ConfigureAwait(false);
        }

        return await step.NextAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> LoopStepAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        // A branch may hand over to another one by ending with that branch's menu key.
        step.ReplaceDialogAsync(MenuDialogId, step.Result is string next && _branches.ContainsKey(next) ? next : AgainOption, cancellationToken);
}
