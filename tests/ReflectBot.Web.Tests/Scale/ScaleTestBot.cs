using System.Collections.Concurrent;
using System.Globalization;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Web.Tests.Scale;

/// <summary>What every instance's <see cref="ScaleTestBot"/> did, shared by the hosts of one test.</summary>
internal sealed class TurnRecorder
{
    private readonly ConcurrentDictionary<string, int> _running = new();
    private int _maxRunningPerConversation;

    /// <summary>Time between reading and writing state: a wide window for overlapping turns to collide in.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(20);

    public ConcurrentQueue<TurnRecord> Turns { get; } = new();

    /// <summary>Set when the first turn has read its state (so a test can send the next message mid-turn).</summary>
    public TaskCompletionSource FirstTurnStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxRunningPerConversation => Volatile.Read(ref _maxRunningPerConversation);

    public void Enter(string conversationId)
    {
        var now = _running.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunningPerConversation)) < now && Interlocked.CompareExchange(ref _maxRunningPerConversation, now, seen) != seen)
        {
        }
    }

    public void Leave(string conversationId) => _running.AddOrUpdate(conversationId, 0, (_, n) => n - 1);
}

internal sealed record TurnRecord(string Instance, string ConversationId, string? Text, int Attempt, int ConversationCount, int UserCount, DateTimeOffset Started, DateTimeOffset Ended);

/// <summary>
/// Counts messages per conversation and per user in state (read, wait, write back with the ETag it read) and
/// answers "conversation N, user M". A lost write shows up as a repeated or missing number.
/// </summary>
internal sealed class ScaleTestBot(IStorage storage, TurnRecorder recorder, string instance) : IBot
{
    private readonly ConversationState _conversation = new(storage);
    private readonly UserState _user = new(storage);

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (!turnContext.Activity.IsType(ActivityTypes.Message))
        {
            return;
        }

        var conversationId = turnContext.Activity.Conversation!.Id!;
        var started = DateTimeOffset.UtcNow;
        recorder.Enter(conversationId);
        try
        {
            var conversationCounter = _conversation.CreateProperty<int>("count");
            var userCounter = _user.CreateProperty<int>("count");
            var c = await conversationCounter.GetAsync(turnContext, () => 0, cancellationToken) + 1;
            var u = await userCounter.GetAsync(turnContext, () => 0, cancellationToken) + 1;
            recorder.FirstTurnStarted.TrySetResult();
            await Task.Delay(recorder.Delay, cancellationToken);
            await conversationCounter.SetAsync(turnContext, c, cancellationToken);
            await userCounter.SetAsync(turnContext, u, cancellationToken);
            await _conversation.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
            await _user.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
            await turnContext.SendActivityAsync(string.Create(CultureInfo.InvariantCulture, $"conversation {c}, user {u}"), cancellationToken: cancellationToken);
            var attempt = turnContext.TurnState.TryGetValue(CloudAdapter.TurnAttemptKey, out var a) ? (int)a : 1;
            recorder.Turns.Enqueue(new TurnRecord(instance, conversationId, turnContext.Activity.Text, attempt, c, u, started, DateTimeOffset.UtcNow));
        }
        finally
        {
            recorder.Leave(conversationId);
        }
    }
}
