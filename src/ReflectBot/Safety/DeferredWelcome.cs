using Microsoft.Extensions.Options;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;
using ReflectBot.State;

namespace ReflectBot.Safety;

/// <summary>
/// The one-time disclaimer for someone whose very first message got a crisis reply. That turn carries only the
/// crisis reply (a greeting and a privacy notice would bury "are you safe right now?"), so the crisis conversation
/// takes the disclaimer over (<see cref="TakeOverAsync"/>) and shows it when it ends (<see cref="SendIfOwedAsync"/>).
/// </summary>
public sealed class DeferredWelcome
{
    private readonly ReflectBotState _state;
    private readonly CommonContent _common;
    private readonly string _retentionDays;
    private readonly IStatePropertyAccessor<bool> _owed;

    public DeferredWelcome(ReflectBotState state, CommonContent common, IOptions<ReflectBotOptions> options)
    {
        _state = state;
        _common = common;
        _retentionDays = options.Value.RetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _owed = state.ConversationState.CreateProperty<bool>("safety.disclaimerOwed");
    }

    /// <summary>If the person has not seen the disclaimer, marks it as owed by this conversation (and no longer due at the next message).</summary>
    public async Task TakeOverAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var profile = await _state.Profile.GetAsync(turnContext, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        if (!profile.Welcomed)
        {
            profile.Welcomed = true;
            await _owed.SetAsync(turnContext, true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Shows the disclaimer if it is owed.</summary>
    public async Task SendIfOwedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (!await _owed.GetAsync(turnContext, () => false, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await _owed.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await turnContext.SendActivityAsync(ContentText.Fill(_common.Welcome.Disclaimer, ("retentionDays", _retentionDays)), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
