using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Content;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.State;
using ReflectBot.Safety;
using Activity = ReflectBot.Framework.Schema.Activity;
using ActivityTypes = ReflectBot.Framework.Schema.ActivityTypes;

namespace ReflectBot.Web.Tests.Host;

/// <summary>
/// The real host and bot with a store that stops answering: the request still comes back within the turn
/// timeout with a short apology (or, for a crisis message, with the crisis reply), and the conversation's next
/// message runs as soon as the store answers again.
/// </summary>
public sealed class TurnTimeoutOverHttpTests
{
    private const int TimeoutSeconds = 1;

    // Generous for a shared machine; "forever" is what the timeout prevents.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(TimeoutSeconds + 8);

    private static BotHostFactory Host(HangingStorage storage) => new(
        services => services.AddSingleton<IStorage>(storage),
        new() { ["ReflectBot:TurnTimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static List<Activity> Messages(List<Activity> replies) => replies.Where(a => a.Type == ActivityTypes.Message).ToList();

    [Fact]
    public async Task A_store_that_never_answers_gets_the_user_an_apology_in_time_and_the_next_message_works()
    {
        var storage = new HangingStorage { Hanging = true };
        await using var host = Host(storage);
        var content = host.Services.GetRequiredService<CommonContent>();
        var client = host.CreateClient();
        var clock = Stopwatch.StartNew();

        var replies = await (await client.PostAsync(Wire.Message("my partner never listens to me"))).RepliesAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(TimeoutSeconds), Bound);
        Assert.Equal(content.TookTooLong, Assert.Single(Messages(replies)).Text);
        Assert.Contains(host.Logs, l => l.Message.Contains($"longer than {TimeoutSeconds} s", StringComparison.Ordinal) && l.Message.Contains("a:conv-1", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, l => l.Message.Contains("never listens", StringComparison.OrdinalIgnoreCase));

        // The store answers again: the same conversation is not locked out, and starts as a first visit (nothing was saved).
        storage.Hanging = false;
        host.Services.GetRequiredService<CloudAdapter>().TurnTimeout = TimeSpan.FromSeconds(30); // a busy machine must not time this one out
        var next = await (await client.PostAsync(Wire.Message("hi"))).RepliesAsync();
        Assert.Contains(Messages(next), m => m.Text?.Contains("not a therapist", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(Messages(next), m => m.Text == content.TookTooLong);
    }

    [Fact]
    public async Task A_crisis_message_with_a_store_that_never_answers_still_gets_the_crisis_reply_and_no_apology()
    {
        var storage = new HangingStorage { Hanging = true };
        await using var host = Host(storage);
        var content = host.Services.GetRequiredService<CommonContent>();
        var clock = Stopwatch.StartNew();

        var replies = Messages(await (await host.CreateClient().PostAsync(Wire.Message("I want to kill myself"))).RepliesAsync());

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Bound);
        Assert.Equal(2, replies.Count);
        Assert.All(replies, m => Assert.Equal("self-harm", CrisisReplies.CategoryOf(m)));
        Assert.Contains("988", replies[0].Text);
        Assert.DoesNotContain(replies, m => m.Text == content.TookTooLong);
    }

    [Fact]
    public async Task The_timeout_is_30_seconds_unless_configured_and_0_turns_it_off()
    {
        await using (var defaults = new BotHostFactory())
        {
            Assert.Equal(TimeSpan.FromSeconds(30), defaults.Services.GetRequiredService<CloudAdapter>().TurnTimeout);
        }

        await using var off = new BotHostFactory(settings: new() { ["ReflectBot:TurnTimeoutSeconds"] = "0" });
        Assert.Null(off.Services.GetRequiredService<CloudAdapter>().TurnTimeout);
    }

    /// <summary>A memory store that, while <see cref="Hanging"/>, never answers and ignores cancellation: the worst case.</summary>
    private sealed class HangingStorage : IStorage
    {
        private readonly MemoryStorage _inner = new();

        public volatile bool Hanging;

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            Hanging ? new TaskCompletionSource<IDictionary<string, object>>().Task : _inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
            Hanging ? new TaskCompletionSource().Task : _inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) =>
            Hanging ? new TaskCompletionSource().Task : _inner.DeleteAsync(keys, cancellationToken);
    }
}
