using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Builder;

/// <summary>
/// Dispatches a turn by activity type to typed handlers with the SDK's names and signatures
/// (<c>OnMessageActivityAsync(ITurnContext&lt;IMessageActivity&gt; …)</c>, <c>OnMembersAddedAsync</c> …).
/// Invokes the bot does not handle are answered 501, as in the SDK.
/// </summary>
public class ActivityHandler : IBot
{
    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity is null)
        {
            throw new ArgumentException($"{nameof(turnContext)} must have non-null Activity.");
        }

        if (turnContext.Activity.Type is null)
        {
            throw new ArgumentException($"{nameof(turnContext)}.Activity must have non-null Type.");
        }

        switch (turnContext.Activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(new DelegatingTurnContext<IMessageActivity>(turnContext), cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateActivityAsync(new DelegatingTurnContext<IConversationUpdateActivity>(turnContext), cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateActivityAsync(new DelegatingTurnContext<IInstallationUpdateActivity>(turnContext), cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.MessageReaction:
                await OnMessageReactionActivityAsync(new DelegatingTurnContext<IMessageReactionActivity>(turnContext), cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Event:
                await OnEventActivityAsync(new DelegatingTurnContext<IEventActivity>(turnContext), cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Invoke:
                var invokeResponse = await OnInvokeActivityAsync(new DelegatingTurnContext<IInvokeActivity>(turnContext), cancellationToken).ConfigureAwait(false);
                if (invokeResponse is not null)
                {
                    await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.InvokeResponse, Value = invokeResponse }, cancellationToken).ConfigureAwait(false);
                }

                break;
            case ActivityTypes.EndOfConversation:
                await OnEndOfConversationActivityAsync(new DelegatingTurnContext<IEndOfConversationActivity>(turnContext), cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Typing:
                await OnTypingActivityAsync(new DelegatingTurnContext<ITypingActivity>(turnContext), cancellationToken).ConfigureAwait(false);
                break;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Calls <see cref="OnMembersAddedAsync"/> / <see cref="OnMembersRemovedAsync"/> for members other than the bot.</summary>
    protected virtual Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var botId = activity.Recipient?.Id;
        if (activity.MembersAdded is { Count: > 0 } added && added.Any(m => m.Id != botId))
        {
            return OnMembersAddedAsync(added, turnContext, cancellationToken);
        }

        if (activity.MembersRemoved is { Count: > 0 } removed && removed.Any(m => m.Id != botId))
        {
            return OnMembersRemovedAsync(removed, turnContext, cancellationToken);
        }

        return Task.CompletedTask;
    }

    protected virtual Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMembersRemovedAsync(IList<ChannelAccount> membersRemoved, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Calls <see cref="OnInstallationUpdateAddAsync"/> or <see cref="OnInstallationUpdateRemoveAsync"/> by the action.</summary>
    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Action?.ToLowerInvariant() switch
        {
            "add" or "add-upgrade" => OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            "remove" or "remove-upgrade" => OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Calls <see cref="OnReactionsAddedAsync"/> / <see cref="OnReactionsRemovedAsync"/>.</summary>
    protected virtual async Task OnMessageReactionActivityAsync(ITurnContext<IMessageReactionActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.ReactionsAdded is { } added)
        {
            await OnReactionsAddedAsync(added, turnContext, cancellationToken).ConfigureAwait(false);
        }

        if (turnContext.Activity.ReactionsRemoved is { } removed)
        {
            await OnReactionsRemovedAsync(removed, turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    protected virtual Task OnReactionsAddedAsync(IList<MessageReaction> messageReactions, ITurnContext<IMessageReactionActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnReactionsRemovedAsync(IList<MessageReaction> messageReactions, ITurnContext<IMessageReactionActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Calls <see cref="OnEventAsync"/> (the SDK's token-response events are not used here).</summary>
    protected virtual Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken) =>
        OnEventAsync(turnContext, cancellationToken);

    protected virtual Task OnEventAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The invoke's response (sent back as the HTTP body); by default 501 Not Implemented, as in the SDK.</summary>
    protected virtual Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken) =>
        Task.FromResult<InvokeResponse?>(new InvokeResponse { Status = 501 });

    protected virtual Task OnEndOfConversationActivityAsync(ITurnContext<IEndOfConversationActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTypingActivityAsync(ITurnContext<ITypingActivity> turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;
}
