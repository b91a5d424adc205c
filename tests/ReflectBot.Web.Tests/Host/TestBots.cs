using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Web.Tests.Host;

/// <summary>Says "echo: ..." and remembers every activity it was given.</summary>
internal sealed class RecordingEchoBot : ActivityHandler
{
    public List<Activity> Seen { get; } = [];

    public override Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        lock (Seen)
        {
            Seen.Add(turnContext.Activity);
        }

        return base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync($"echo: {turnContext.Activity.Text}", cancellationToken: cancellationToken);
}

/// <summary>
/// Counts messages in conversation state (read, pause, write back with the ETag it read) and answers with the
/// new count. Two overlapping turns of one conversation would collide on the ETag, so it proves ordering.
/// </summary>
internal sealed class CountingBot(IStorage storage) : ActivityHandler
{
    private readonly ConversationState _state = new(storage);
    private int _running;
    private int _maxRunning;

    public int MaxConcurrentTurns => Volatile.Read(ref _maxRunning);

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunning)) < now && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }

        try
        {
            var counter = _state.CreateProperty<int>("counter");
            var count = await counter.GetAsync(turnContext, () => 0, cancellationToken) + 1;
            await Task.Delay(5, cancellationToken);
            await counter.SetAsync(turnContext, count, cancellationToken);
            await _state.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
            await turnContext.SendActivityAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
