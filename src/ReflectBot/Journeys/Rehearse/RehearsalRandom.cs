using Microsoft.Extensions.Options;

namespace ReflectBot.Journeys.Rehearse;

/// <summary>Settings of the rehearsal (section <c>Rehearsal</c>).</summary>
public sealed class RehearsalOptions
{
    /// <summary>Seed for choosing partner lines and tips; null (the default) seeds from the clock. Tests set it.</summary>
    public int? Seed { get; set; }
}

/// <summary>
/// The rehearsal's source of variety. One instance per bot; seedable so a test can replay a rehearsal exactly.
/// </summary>
public sealed class RehearsalRandom(IOptions<RehearsalOptions> options)
{
    private readonly Random _random = options.Value.Seed is { } seed ? new Random(seed) : new Random();
    private readonly Lock _lock = new();

    /// <summary>A number from 0 up to but not including <paramref name="maxExclusive"/>.</summary>
    public int Next(int maxExclusive)
    {
        // Turns of different conversations run in parallel; Random is not thread-safe.
        lock (_lock)
        {
            return _random.Next(maxExclusive);
        }
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
