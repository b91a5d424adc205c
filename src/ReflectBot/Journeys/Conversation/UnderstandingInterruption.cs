using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ReflectBot.Bots;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Journeys.Learn;
using ReflectBot.Journeys.Rehearse;
using ReflectBot.Journeys.Toolkit;
using ReflectBot.Privacy;
using ReflectBot.Safety;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Journeys.Conversation;

/// <summary>
/// Acts on what the recognizer read in a message, at the menu and inside any question: small talk gets a short warm
/// reply and the question again; "I don't know" gets a gentler version of the question; goodbye ends kindly (what was
/// saved stays saved); a question is answered from learn.yaml and the conversation carries on; asking for another
/// conversation starts it at the menu and is confirmed first mid-conversation; a description of the situation is
/// reflected with offers; something out of scope gets an honest "I don't know about that".
/// It never takes a message that the waiting prompt itself accepts (a button, a number, a listed choice, a yes to a
/// yes/no question), and it leaves free-text answers alone unless the message is clearly small talk or a question.
/// Runs after the crisis, delete-my-data, therapist and global-command interruptions.
/// </summary>
public sealed partial class UnderstandingInterruption : IInterruption
{
    private const string MemoryKey = "understanding";
    private const string DontKnowAtKey = "dontKnowAt";
    private const string FrustratedKey = "frustrated";

    private readonly UtteranceRecognizer _recognizer;
    private readonly SmallTalkContent _smallTalk;
    private readonly CommonContent _common;
    private readonly MainMenu _menu;
    private readonly OpenQuestions _questions;
    private readonly int _retentionDays;

    public UnderstandingInterruption(UtteranceRecognizer recognizer, SmallTalkContent smallTalk, CommonContent common, MainMenu menu, OpenQuestions questions, IOptions<ReflectBotOptions> options)
    {
        _recognizer = recognizer;
        _smallTalk = smallTalk;
        _common = common;
        _menu = menu;
        _questions = questions;
        _retentionDays = options.Value.RetentionDays;
    }

    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var context = innerDc.Context;
        var text = context.Activity.Text;
        if (string.IsNullOrWhiteSpace(text) || innerDc.ActiveDialog is null)
        {
            return null;
        }

        var recognized = _recognizer.Recognize(context);
        if (recognized.Certainty is Certainty.Answer or Certainty.Unknown)
        {
            return null;
        }

        var waiting = ActiveDialogs.Innermost(innerDc);
        var atMenu = waiting?.Id == MainDialog.MenuPromptId;
        var prompt = ActiveDialogs.PromptOptionsOf(waiting);
        if (AnswersPrompt(text, waiting, prompt, recognized))
        {
            return null;
        }

        // A conversation of our own (Learn, a clarifying question) reads its own answers; in a role-play every
        // message is a line to the partner, "thanks" and "I don't know" included.
        if (waiting is not null && !atMenu && (OwnPrompt(waiting.Id) || waiting.Id == RolePlayDialog.DialogId))
        {
            return null;
        }

        // The safety and delete-my-data conversations read every answer themselves.
        if (innerDc.ActiveDialog.Id is CrisisDialog.DialogId or CheckInDialog.DialogId or DeleteMyDataDialog.DialogId)
        {
            return null;
        }

        var freeText = waiting?.Version?.StartsWith(nameof(TextPrompt), StringComparison.Ordinal) == true;
        var intent = recognized.Intent;
        if (recognized.Certainty == Certainty.Unsure)
        {
            return atMenu ? await ClarifyAsync(innerDc, recognized, cancellationToken).ConfigureAwait(false) : null;
        }

        switch (intent)
        {
            case IntentNames.Greeting:
                return await ReplyAndAskAgainAsync(innerDc, atMenu ? _smallTalk.Greeting.Reply : _smallTalk.Greeting.InPrompt, cancellationToken).ConfigureAwait(false);
            case IntentNames.Thanks:
                return await ReplyAndAskAgainAsync(innerDc, atMenu ? _smallTalk.Thanks.Reply : _smallTalk.Thanks.InPrompt, cancellationToken).ConfigureAwait(false);
            case IntentNames.Capabilities:
                return await ReplyAndAskAgainAsync(innerDc, atMenu ? _smallTalk.Capabilities.Reply : _smallTalk.Capabilities.InPrompt, cancellationToken).ConfigureAwait(false);
            case IntentNames.Privacy:
                var privacy = atMenu ? _smallTalk.Privacy.Reply : _smallTalk.Privacy.InPrompt;
                return await ReplyAndAskAgainAsync(innerDc, ContentText.Fill(privacy, ("retentionDays", _retentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken).ConfigureAwait(false);
            case IntentNames.Help:
                return await ReplyAndAskAgainAsync(innerDc, _common.Help, cancellationToken).ConfigureAwait(false);
            case IntentNames.Frustration:
                var again = Remember(innerDc, FrustratedKey, "yes") && _smallTalk.Frustration.Again is { } second;
                var frustration = again ? _smallTalk.Frustration.Again! : atMenu ? _smallTalk.Frustration.Reply : _smallTalk.Frustration.InPrompt;
                return await ReplyAndAskAgainAsync(innerDc, frustration, cancellationToken).ConfigureAwait(false);
            case IntentNames.DontKnow:
                return await DontKnowAsync(innerDc, atMenu, waiting, prompt, cancellationToken).ConfigureAwait(false);
            case IntentNames.Goodbye:
                return await GoodbyeAsync(innerDc, atMenu, cancellationToken).ConfigureAwait(false);
            case IntentNames.GoBack when atMenu:
                return await ReplyAndAskAgainAsync(innerDc, _smallTalk.GoBack.Reply, cancellationToken).ConfigureAwait(false);
            case IntentNames.Affirm when atMenu:
                return await ReplyAndAskAgainAsync(innerDc, _smallTalk.Affirm, cancellationToken).ConfigureAwait(false);
            case IntentNames.Deny when atMenu:
                return await ReplyAndAskAgainAsync(innerDc, _smallTalk.Deny, cancellationToken).ConfigureAwait(false);
            case IntentNames.Cancel:
                return await BackToMenuAsync(innerDc, _common.Cancelled, cancellationToken).ConfigureAwait(false);
            case IntentNames.StartOver:
                return await BackToMenuAsync(innerDc, _common.StartingOver, cancellationToken).ConfigureAwait(false);
            case IntentNames.Menu:
                return await BackToMenuAsync(innerDc, null, cancellationToken).ConfigureAwait(false);
            case IntentNames.DeleteMyData:
                // The conversation asks to confirm before anything is erased.
                return await innerDc.BeginDialogAsync(DeleteMyDataDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
            case IntentNames.MyToolkit when !freeText:
                await innerDc.BeginDialogAsync(nameof(ToolkitDialog), null, cancellationToken).ConfigureAwait(false);
                return Dialog.EndOfTurn;
            case IntentNames.LearnQuestion:
                return atMenu
                    ? await StartAsync(innerDc, LearnDialog.MenuKey, cancellationToken).ConfigureAwait(false)
                    : await innerDc.BeginDialogAsync(nameof(LearnDialog), LearnDialog.AsideOption, cancellationToken).ConfigureAwait(false);
            case IntentNames.ShareSituation when atMenu:
                return await innerDc.BeginDialogAsync(ShareSituationDialog.DialogId, recognized.Entities.Who == EntityExtractor.Self ? ShareSituationDialog.SelfOption : null, cancellationToken).ConfigureAwait(false);
            case IntentNames.ShareSituation when !freeText:
                var share = recognized.Entities.Who == EntityExtractor.Self ? _smallTalk.ShareSituation.ReplySelf : _smallTalk.ShareSituation.Reply;
                return await ReplyAndAskAgainAsync(innerDc, share, cancellationToken).ConfigureAwait(false);
            case IntentNames.None:
                return await ReplyAndAskAgainAsync(innerDc, atMenu ? _smallTalk.OutOfScope.Reply : _smallTalk.OutOfScope.InPrompt, cancellationToken).ConfigureAwait(false);
        }

        if (MenuKeyOf(intent) is { } key)
        {
            if (atMenu)
            {
                return await StartAsync(innerDc, key, cancellationToken).ConfigureAwait(false);
            }

            // Free text is an answer in its own right ("I want to tell him I feel lonely" may be the draft itself).
            if (!freeText && !InConversation(innerDc, key))
            {
                return await innerDc.BeginDialogAsync(SwitchConversationDialog.DialogId, key, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    /// <summary>The main-menu key that starts <paramref name="intent"/>'s conversation, when it is deployed.</summary>
    private string? MenuKeyOf(string intent) =>
        RecognitionModel.IntentByMenuKey.FirstOrDefault(p => p.Value == intent).Key is { } key && _menu.Find(key) is not null ? key : null;

    private static bool OwnPrompt(string id) =>
        id.StartsWith("understanding.", StringComparison.Ordinal) || id.StartsWith("learn.", StringComparison.Ordinal);

    /// <summary>Whether the conversation asked for is the one already running.</summary>
    private static bool InConversation(DialogContext innerDc, string key) =>
        innerDc.ActiveDialog?.Id is { } id && id.StartsWith(key, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the waiting prompt takes this message as its answer. A list of choices takes a choice it recognises (and
    /// a few stray words, which it asks again for); any other prompt (free text, a number, yes or no, a card) takes
    /// everything but clear small talk, control and well-answered questions.
    /// </summary>
    private static bool AnswersPrompt(string text, DialogInstance? waiting, PromptOptions? prompt, RecognizedMessage recognized)
    {
        var kind = waiting?.Version ?? "";
        if (kind.StartsWith(nameof(ChoicePrompt), StringComparison.Ordinal) && prompt?.Choices is { Count: > 0 } choices)
        {
            // A choice named outright or by number is the answer. One that only shares a word or two with the message
            // ("what can you do?" and the menu's "what can I do") gives way to a message read word for word, and at the
            // menu also to a confident reading or an off-topic one.
            if (ChoiceRecognizer.Recognize(text, choices) is { } found)
            {
                var loose = !NamedOutright(text, choices[found.Index]);
                var atMenu = waiting?.Id == MainDialog.MenuPromptId;
                return !(loose && (recognized.Certainty == Certainty.Exact
                    || (atMenu && (recognized.Certainty is Certainty.Sure or Certainty.OutOfScope))));
            }

            return recognized.Certainty == Certainty.OutOfScope && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3;
        }

        return recognized.Intent switch
        {
            // Greetings and thanks only word for word: "Sunday evening" answers "when?".
            IntentNames.Greeting or IntentNames.Thanks or IntentNames.Goodbye => recognized.Certainty != Certainty.Exact,
            IntentNames.DontKnow or IntentNames.Frustration or IntentNames.Capabilities or IntentNames.Privacy or IntentNames.Help
                or IntentNames.Cancel or IntentNames.StartOver or IntentNames.Menu or IntentNames.DeleteMyData => !recognized.IsConfident,

            // A question interrupts only when an entry answers it well and it is not said to "you", the way a draft
            // would be ("why don't you ever call me?").
            IntentNames.LearnQuestion => !recognized.IsConfident || recognized.Learn.Count == 0 || recognized.Learn[0].Probability < 0.5f || SaidToThem().IsMatch(text),
            _ => true,
        };
    }

    /// <summary>The message is the choice's value, title or a synonym (case and punctuation aside), or its number.</summary>
    private static bool NamedOutright(string text, Choice choice)
    {
        var said = Phrase.Normalize(text);
        return said.Length > 0 && (char.IsDigit(said[0])
            || new[] { choice.Value, choice.Title ?? "" }.Concat(choice.Synonyms ?? []).Any(n => Phrase.Normalize(n) == said));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*you\b|\b(why|how come)\s+(do|does|don'?t|can'?t|won'?t|didn'?t|are|aren'?t|would|wouldn'?t)?\s*you\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SaidToThem();

    private static async Task<DialogTurnResult> ReplyAndAskAgainAsync(DialogContext innerDc, string reply, CancellationToken cancellationToken)
    {
        await innerDc.Context.SendActivityAsync(reply, cancellationToken: cancellationToken).ConfigureAwait(false);
        await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        return Dialog.EndOfTurn;
    }

    /// <summary>The gentler version of the open question (with its buttons), or a general reassurance; the second time at the same question, it is left for now.</summary>
    private async Task<DialogTurnResult> DontKnowAsync(DialogContext innerDc, bool atMenu, DialogInstance? waiting, PromptOptions? prompt, CancellationToken cancellationToken)
    {
        var dontKnow = _smallTalk.DontKnow;
        if (atMenu)
        {
            return await ReplyAndAskAgainAsync(innerDc, dontKnow.Reply, cancellationToken).ConfigureAwait(false);
        }

        var question = _questions.Find(prompt?.Prompt?.Text);
        var where = question is { } q ? $"{q.Conversation}/{q.Question}" : waiting?.Id ?? "";
        if (Remember(innerDc, DontKnowAtKey, where))
        {
            return await BackToMenuAsync(innerDc, dontKnow.Again, cancellationToken).ConfigureAwait(false);
        }

        var gentler = question is { } named ? dontKnow.For(named.Conversation, named.Question) : null;
        if (gentler is null)
        {
            return await ReplyAndAskAgainAsync(innerDc, dontKnow.InPrompt, cancellationToken).ConfigureAwait(false);
        }

        // The gentler question takes the place of the original, with the same buttons.
        var activity = prompt?.Choices is { Count: > 0 } choices
            ? ChoiceFactory.Render(prompt.Style ?? ListStyle.Auto, choices, gentler, channelId: innerDc.Context.Activity.ChannelId)
            : MessageFactory.Text(gentler);
        activity.InputHint ??= Framework.Schema.InputHints.ExpectingInput;
        await innerDc.Context.SendActivityAsync(activity, cancellationToken).ConfigureAwait(false);
        return Dialog.EndOfTurn;
    }

    /// <summary>Ends what was under way kindly; the toolkit and everything saved stay as they are.</summary>
    private async Task<DialogTurnResult> GoodbyeAsync(DialogContext innerDc, bool atMenu, CancellationToken cancellationToken)
    {
        await innerDc.Context.SendActivityAsync(atMenu ? _smallTalk.Goodbye.Reply : _smallTalk.Goodbye.InPrompt, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = innerDc.Parent ?? innerDc;
        await root.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    private static async Task<DialogTurnResult> BackToMenuAsync(DialogContext innerDc, string? acknowledgement, CancellationToken cancellationToken)
    {
        await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        if (acknowledgement is not null)
        {
            await innerDc.Context.SendActivityAsync(acknowledgement, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await innerDc.BeginDialogAsync(MainDialog.MenuDialogId, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a conversation from the menu; it reads what this message already said (who, topic, goal).</summary>
    private static async Task<DialogTurnResult> StartAsync(DialogContext innerDc, string key, CancellationToken cancellationToken)
    {
        await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        return await innerDc.BeginDialogAsync(MainDialog.MenuDialogId, key, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult?> ClarifyAsync(DialogContext innerDc, RecognizedMessage recognized, CancellationToken cancellationToken)
    {
        var keys = recognized.Alternatives.Take(2).Select(a => MenuKeyOf(a.Intent)).OfType<string>().Distinct().ToList();
        if (keys.Count == 0)
        {
            return null;
        }

        return await innerDc.BeginDialogAsync(ClarifyDialog.DialogId, ClarifyDialog.Options(keys), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Notes <paramref name="value"/> under <paramref name="key"/> in the main dialog's state (never message text) and
    /// says whether it was already there: how "again" replies know it is the second time.
    /// </summary>
    private static bool Remember(DialogContext innerDc, string key, string value)
    {
        if (innerDc.Parent?.ActiveDialog is not { } main)
        {
            return false;
        }

        if (!main.State.TryGetValue(MemoryKey, out var held) || held is not JsonObject memory)
        {
            main.State[MemoryKey] = memory = [];
        }

        var seen = memory[key]?.GetValue<string>() == value;
        memory[key] = value;
        return seen;
    }
}
