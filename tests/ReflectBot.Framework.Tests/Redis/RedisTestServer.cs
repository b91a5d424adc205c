using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReflectBot.Framework.Tests.Redis;

/// <summary>Drives scripts/redis-test-server.sh so tests can start and stop real redis-server instances.</summary>
internal static class RedisTestServer
{
    /// <summary>Long enough for the script's first-time apt-get install of redis-server.</summary>
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    public static async Task<string> StartAsync(int port) => (await RunScriptAsync("start", port)).Trim();

    public static Task StopAsync(int port) => RunScriptAsync("stop", port);

    /// <summary>A port nothing listens on right now, so parallel test runs on one machine do not share servers.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunScriptAsync(string action, int port)
    {
        var script = FindScript();
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {action} {port} did not finish within {ScriptTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{script} {action} {port} failed with exit code {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "redis-test-server.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scripts/redis-test-server.sh not found above " + AppContext.BaseDirectory);
    }
}
