using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReflectBot.Framework.State;
using ReflectBot.Privacy;
using ReflectBot.Tests.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Privacy;

/// <summary>Data nobody has touched for RetentionDays is removed by the background sweep.</summary>
public class RetentionTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static BotTestHost HostWith(ManualTimeProvider clock, MemoryStorage storage, string? retentionDays = null) =>
        new(
            storage: storage,
            configureServices: s => s.AddSingleton<TimeProvider>(clock),
            settings: retentionDays is null ? null : new Dictionary<string, string?> { ["ReflectBot:RetentionDays"] = retentionDays });

    private static async Task TalkAsAsync(BotTestHost host, string userId, string conversationId)
    {
        host.Adapter.Conversation.User = new Framework.Schema.ChannelAccount { Id = userId, Role = Framework.Schema.RoleTypes.User };
        host.Adapter.Conversation.Conversation = new Framework.Schema.ConversationAccount { Id = conversationId };
        await host.Flow().Send("hi").Send("therapist").Send("add it to my plan").StartTestAsync();
        while (host.Adapter.GetNextReply() is not null)
        {
        }
    }

    [Fact]
    public async Task The_sweep_removes_users_silent_for_longer_than_the_retention_period_and_keeps_the_rest()
    {
        var clock = new ManualTimeProvider(Start);
        var storage = new MemoryStorage(clock);
        using var host = HostWith(clock, storage);
        await TalkAsAsync(host, "old-user", "old-conversation");
        clock.Advance(TimeSpan.FromDays(80));
        await TalkAsAsync(host, "recent-user", "recent-conversation");
        clock.Advance(TimeSpan.FromDays(11));

        var deleted = await host.Get<RetentionSweep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.DoesNotContain(storage.Keys, k => k.Contains("old-", StringComparison.Ordinal));
        Assert.Contains(storage.Keys, k => k.EndsWith("/users/recent-user", StringComparison.Ordinal));
        Assert.Contains(storage.Keys, k => k.EndsWith("/conversations/recent-conversation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_background_service_sweeps_at_start_and_then_on_its_interval()
    {
        var clock = new ManualTimeProvider(Start);
        var storage = new MemoryStorage(clock);
        using var host = HostWith(clock, storage, retentionDays: "30");
        await TalkAsAsync(host, "user-a", "conversation-a");
        var service = host.Services.GetServices<IHostedService>().OfType<RetentionSweepService>().Single();

        await service.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => clock.PendingTimers == 1, "the service to sleep after its first sweep");
        Assert.Equal(2, storage.Count);

        clock.Advance(TimeSpan.FromDays(31));
        await WaitUntilAsync(() => storage.Count == 0, "the sweep after 31 days");

        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_visit_keeps_the_data_alive()
    {
        var clock = new ManualTimeProvider(Start);
        var storage = new MemoryStorage(clock);
        using var host = HostWith(clock, storage);
        await TalkAsAsync(host, "user-a", "conversation-a");
        clock.Advance(TimeSpan.FromDays(60));
        await host.Flow().Send("menu").StartTestAsync();
        clock.Advance(TimeSpan.FromDays(60));

        await host.Get<RetentionSweep>().RunOnceAsync(CancellationToken.None);

        Assert.Contains(storage.Keys, k => k.EndsWith("/users/user-a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retention_of_zero_never_sweeps_everything_away()
    {
        var clock = new ManualTimeProvider(Start);
        var storage = new MemoryStorage(clock);
        using var host = HostWith(clock, storage, retentionDays: "0");
        await TalkAsAsync(host, "user-a", "conversation-a");
        clock.Advance(TimeSpan.FromDays(5000));

        Assert.Equal(0, await host.Get<RetentionSweep>().RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, storage.Count);
    }

    [Fact]
    public async Task A_store_without_maintenance_is_left_to_expire_data_itself()
    {
        using var host = new BotTestHost(storage: new ThrowingStorage(() => new InvalidOperationException("must not be called")));
        var sweep = host.Get<RetentionSweep>();
        Assert.False(sweep.IsSupported);
        Assert.Equal(0, await sweep.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_disclaimer_says_what_the_bot_is_not_what_is_kept_and_for_how_long()
    {
        using var host = new BotTestHost(settings: new Dictionary<string, string?> { ["ReflectBot:RetentionDays"] = "45" });
        await host.Flow().Send("hi").AssertReply(_ => { }).AssertReply(a =>
        {
            Assert.Contains("not a therapist", a.Text);
            Assert.Contains("not an emergency service", a.Text);
            Assert.Contains("I keep your answers and saved notes", a.Text);
            Assert.Contains("deleted after 45 days", a.Text);
            Assert.Contains("delete my data", a.Text);
        }).StartTestAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
