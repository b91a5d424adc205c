using Microsoft.Extensions.Options;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Schema;
using ReflectBot.Safety;
using ReflectBot.State;

namespace ReflectBot.Bots;

/// <summary>
/// ReflectBot's activity handler: greets new users once, runs the main dialog for every message and card
/// action, and saves state at the end of the turn.
/// </summary>
public sealed class ReflectBotHandler(
    ReflectBotState state,
    MainDialog mainDialog,
    CommonContent content,
    IOptions<ReflectBotOptions> options,
    TimeProvider clock,
    FirstMessageRouting firstMessageRouting) : ActivityHandler
{
    private readonly ReflectBotOptions _options = options.Value;

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await state.SaveAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        // A message the safety middleware flagged is never turned away for its length: it has had its reply.
        if ((activity.Text?.Length ?? 0) > _options.MaxMessageLength && !SafetyTurn.IsFlagged(turnContext))
        {
            await turnContext.SendActivityAsync(content.TooLong, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var profile = await TouchProfileAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (!profile.Welcomed && !SafetyTurn.ReplySent(turnContext))
        {
            // Someone who writes before any join event (Teams without install events, a bare API call) still
            // sees the disclaimer once. After a first message that got a crisis reply, the crisis conversation
            // shows it when it ends (DeferredWelcome), so nothing buries "are you safe right now?".
            await WelcomeAsync(turnContext, profile, cancellationToken).ConfigureAwait(false);
        }

        // A crisis, "delete my data" or "I want a therapist" as the first message opens that conversation, not the menu.
        if (await firstMessageRouting.TryBeginAsync(turnContext, mainDialog, state.DialogState, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await RunMainDialogAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        GreetAsync(turnContext, cancellationToken);

    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        GreetAsync(turnContext, cancellationToken);

    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        // Web Chat pages often announce themselves with this event instead of (or as well as) a join.
        if (turnContext.Activity.Name == "webchat/join")
        {
            await GreetAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Greets on join: the disclaimer once per user, and the menu once per conversation. Channels repeat join
    /// events (the Teams emulator on every reload), so a conversation that already has a dialog running is left alone.
    /// </summary>
    private async Task GreetAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var dialogState = await state.DialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken).ConfigureAwait(false);
        if (dialogState.DialogStack.Count > 0)
        {
            return;
        }

        var profile = await TouchProfileAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (profile.Welcomed)
        {
            await turnContext.SendActivityAsync(content.Welcome.Returning, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WelcomeAsync(turnContext, profile, cancellationToken).ConfigureAwait(false);
        }

        await RunMainDialogAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    private async Task WelcomeAsync(ITurnContext turnContext, UserProfile profile, CancellationToken cancellationToken)
    {
        var disclaimer = ContentText.Fill(content.Welcome.Disclaimer, ("retentionDays", _options.RetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await turnContext.SendActivitiesAsync([MessageFactory.Text(content.Welcome.Greeting), MessageFactory.Text(disclaimer)], cancellationToken).ConfigureAwait(false);
        profile.Welcomed = true;
    }

    private Task RunMainDialogAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        mainDialog.RunAsync(turnContext, state.DialogState, cancellationToken, onStackReset: (tc, ct) =>
            // The saved conversation did not fit this version of the bot: say so before the fresh menu.
            tc.SendActivityAsync(content.StackReset, cancellationToken: ct));

    /// <summary>Records this visit (for the retention sweep) and which conversations the user has.</summary>
    private async Task<UserProfile> TouchProfileAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var profile = await state.Profile.GetAsync(turnContext, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        profile.FirstSeen ??= now;

        // Only touch the date once a day: an unchanged profile is not written back every turn.
        if (profile.LastSeen is not { } last || now - last > TimeSpan.FromDays(1))
        {
            profile.LastSeen = now;
        }

        var conversationKey = state.ConversationState.StorageKeyFor(turnContext);
        if (!profile.ConversationKeys.Contains(conversationKey))
        {
            profile.ConversationKeys.Add(conversationKey);
        }

        return profile;
    }
}
