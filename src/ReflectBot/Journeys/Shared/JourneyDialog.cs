using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Journeys;

/// <summary>
/// The base of every journey's dialogs (CoreBot's <c>CancelAndHelpDialog</c> idea): the prompts they all use and
/// the helpers that ask with them, so a journey dialog reads as its steps. Help, menu, cancel and the safety
/// interruptions are handled once, above every journey, by the main dialog (see <see cref="Bots.BotPipeline"/>).
/// </summary>
public abstract class JourneyDialog : ComponentDialog
{
    /// <summary>Free text (the user's own words).</summary>
    protected const string TextPromptId = "text";

    /// <summary>One of a list of choices, by button, number, title or synonym.</summary>
    protected const string ChoicePromptId = "choice";

    protected JourneyDialog(string dialogId)
        : base(dialogId)
    {
        AddDialog(new TextPrompt(TextPromptId));
        AddDialog(new ChoicePrompt(ChoicePromptId));
    }

    /// <summary>Asks to pick one of <paramref name="choices"/>; the step after gets a <see cref="FoundChoice"/>.</summary>
    protected static Task<DialogTurnResult> AskChoiceAsync(DialogContext dc, string prompt, string retry, IEnumerable<ChoiceItem> choices, CancellationToken cancellationToken) =>
        dc.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text(prompt),
            RetryPrompt = MessageFactory.Text(retry),
            Choices = [.. choices.Select(c => c.ToChoice())],
        }, cancellationToken);

    /// <summary>Asks for text with <paramref name="promptId"/> (a validated text prompt, or the plain one).</summary>
    protected static Task<DialogTurnResult> AskTextAsync(DialogContext dc, string prompt, string? retry, CancellationToken cancellationToken, string promptId = TextPromptId) =>
        AskTextAsync(dc, MessageFactory.Text(prompt), retry, cancellationToken, promptId);

    protected static Task<DialogTurnResult> AskTextAsync(DialogContext dc, Activity prompt, string? retry, CancellationToken cancellationToken, string promptId = TextPromptId) =>
        dc.PromptAsync(promptId, new PromptOptions { Prompt = prompt, RetryPrompt = retry is null ? null : MessageFactory.Text(retry) }, cancellationToken);

    /// <summary>Free text with buttons: a click or a typed title or number picks one; anything else is the user's own words.</summary>
    protected static Task<DialogTurnResult> AskPickAsync(DialogContext dc, string text, IEnumerable<Choice> choices, CancellationToken cancellationToken) =>
        AskTextAsync(dc, ChoiceFactory.ForChannel(dc.Context.Activity.ChannelId, [.. choices], text), null, cancellationToken);

    /// <summary>The key of the choice <paramref name="text"/> names exactly or by position; looser matches count as the user's own words.</summary>
    protected static string? Picked(string text, IEnumerable<Choice> choices) =>
        ChoiceRecognizer.Recognize(text, [.. choices]) is { Score: >= 1.0 } found ? found.Value : null;

    protected static Task SayAsync(DialogContext dc, string text, CancellationToken cancellationToken) =>
        dc.Context.SendActivityAsync(text, cancellationToken: cancellationToken);
}
