using System.Globalization;

namespace LoadDriver;

/// <summary>
/// Reads a server's resident memory (VmRSS in /proc/PID/status) and CPU time (utime+stime in /proc/PID/stat).
/// Linux only; on anything else, or once the process is gone, readings are null.
/// </summary>
public sealed class ProcessSampler(int pid)
{
    // USER_HZ: the unit of /proc/PID/stat times. It is 100 on every Linux the project runs on.
    private const double ClockTicksPerSecond = 100;

    public int Pid { get; } = pid;

    public long? PeakRssBytes { get; private set; }

    public long? LastRssBytes { get; private set; }

    public void SampleMemory()
    {
        if (ReadRssBytes() is { } rss)
        {
            LastRssBytes = rss;
            PeakRssBytes = Math.Max(PeakRssBytes ?? 0, rss);
        }
    }

    public long? ReadRssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                // "VmRSS:	   51234 kB"
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public TimeSpan? ReadCpuTime()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            // The command name is parenthesised and may hold spaces: fields are counted after its closing ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the name: state is field 3 of the man page, so utime (14) and stime (15) sit at 11 and 12 here.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
