using Microsoft.Extensions.DependencyInjection;

namespace ReflectBot.Tests.Journey.Support;

/// <summary>A clock that shows one moment until moved, so "tomorrow" and saved dates are the same on every run.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>Wednesday 11 November 2026, 15:30 UTC.</summary>
    public static readonly DateTimeOffset Wednesday = new(2026, 11, 11, 15, 30, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Registers a fixed clock in place of the system clock.</summary>
    public static Action<IServiceCollection> On(DateTimeOffset now) => services => services.AddSingleton<TimeProvider>(new FixedClock(now));
}
