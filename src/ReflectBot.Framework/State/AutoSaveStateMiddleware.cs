using ReflectBot.Framework.Builder;

namespace ReflectBot.Framework.State;

/// <summary>Several bot states loaded and saved together (conversation and user state, say).</summary>
public class BotStateSet
{
    public BotStateSet(params BotState[] botStates)
    {
        ArgumentNullException.ThrowIfNull(botStates);
        BotStates = [.. botStates];
    }

    public IList<BotState> BotStates { get; set; }

    public BotStateSet Add(BotState botState)
    {
        BotStates.Add(botState ?? throw new ArgumentNullException(nameof(botState)));
        return this;
    }

    public Task LoadAllAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default) =>
        Task.WhenAll(BotStates.Select(s => s.LoadAsync(turnContext, force, cancellationToken)));

    /// <summary>Saves each state in turn, in the order they were added.</summary>
    public async Task SaveAllChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        foreach (var state in BotStates)
        {
            await state.SaveChangesAsync(turnContext, force, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Saves the given states after the rest of the turn has run, as the SDK's middleware of the same name.</summary>
public class AutoSaveStateMiddleware : IMiddleware
{
    public AutoSaveStateMiddleware(params BotState[] botStates) => BotStateSet = new BotStateSet(botStates);

    public AutoSaveStateMiddleware(BotStateSet botStateSet) => BotStateSet = botStateSet ?? throw new ArgumentNullException(nameof(botStateSet));

    public BotStateSet BotStateSet { get; set; }

    public AutoSaveStateMiddleware Add(BotState botState)
    {
        BotStateSet.Add(botState);
        return this;
    }

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        await next(cancellationToken).ConfigureAwait(false);
        await BotStateSet.SaveAllChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
    }
}
