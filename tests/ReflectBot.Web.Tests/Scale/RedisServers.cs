using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReflectBot.Web.Tests.Scale;

/// <summary>Starts and stops real redis-server processes through scripts/redis-test-server.sh.</summary>
internal static class RedisServers
{
    /// <summary>Long enough for the script's first-time apt-get install of redis-server.</summary>
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    public static async Task<string> StartAsync(int port) => (await RunScriptAsync("start", port)).Trim();

    public static Task StopAsync(int port) => RunScriptAsync("stop", port);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunScriptAsync(string action, int port)
    {
        var script = FindScript();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
            throw new InvalidOperationException($"{script} {action} {port} failed with exit code {process.ExitCode}: {await stderr}");
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

/// <summary>
/// The shared redis-server: the one named by REFLECTBOT_TEST_REDIS (scripts/test.sh starts it), or one started
/// here on a free port. Tests keep apart by using fresh conversation and user ids.
/// </summary>
public sealed class SharedRedisFixture : IAsyncLifetime
{
    private int? _ownedPort;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("REFLECTBOT_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(configured))
        {
            var port = RedisServers.FreePort();
            ConnectionString = await RedisServers.StartAsync(port);
            _ownedPort = port;
        }
        else
        {
            ConnectionString = configured.Trim();
        }
    }

    public async Task DisposeAsync()
    {
        if (_ownedPort is { } port)
        {
            await RedisServers.StopAsync(port);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ScaleRedisCollection : ICollectionFixture<SharedRedisFixture>
{
    public const string Name = "Scale Redis";
}
