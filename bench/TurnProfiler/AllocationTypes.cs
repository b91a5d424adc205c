using System.Diagnostics.Tracing;

namespace TurnProfiler;

/// <summary>
/// Which types a turn allocates: the runtime's AllocationTick event fires about every 100 KB allocated and names
/// the type of the object that crossed the line, so summed over many turns it is a fair sample of bytes by type.
/// </summary>
internal sealed class AllocationTypes : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
        {
            return;
        }

        var typeName = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        var amount = amountIndex >= 0 ? Convert.ToInt64(e.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_gate)
        {
            _bytes[typeName] = _bytes.GetValueOrDefault(typeName) + amount;
        }
    }

    public void Report(TextWriter o, int turns, int top = 30)
    {
        lock (_gate)
        {
            var total = _bytes.Values.Sum();
            o.WriteLine();
            o.WriteLine($"allocated by type (AllocationTick samples), {total / 1024.0 / turns:F1} KB per turn sampled:");
            foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(top))
            {
                o.WriteLine($"  {bytes * 100.0 / total,5:F1}%  {bytes / 1024.0 / turns,6:F2} KB/turn  {type}");
            }
        }
    }
}
