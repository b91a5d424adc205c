namespace ReflectBot.Framework.Tests.State;

/// <summary>A clock the test moves by hand, so retention tests do not wait days.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
