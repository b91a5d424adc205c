using Microsoft.Extensions.Options;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.State;

namespace ReflectBot.Safety;

/// <summary>
/// The one-time disclaimer for someone whose very first message was a crisis or a check-in. Their first turn
/// gets only the safety reply (a greeting and a privacy notice would bury "are you safe right now?"), so the
/// disclaimer follows once the safety conversation ends.
/// </summary>
public sealed class DeferredWelcome(ReflectBotState state, CommonContent common, IOptions<ReflectBotOptions> options)
{
    private readonly string _retentionDays = options.Value.RetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task SendIfNeededAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var profile = await state.Profile.GetAsync(turnContext, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        if (profile.Welcomed)
        {
            return;
        }

        await turnContext.SendActivityAsync(ContentText.Fill(common.Disclaimer, ("retentionDays", _retentionDays)), cancellationToken: cancellationToken).ConfigureAwait(false);
        profile.Welcomed = true;
    }
}
