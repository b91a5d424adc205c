using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReflectBot.BrowserTests.Support;

/// <summary>
/// Microsoft's Agents Playground (the local Teams emulator from npm) pointed at a bot's /api/messages, on a free
/// port, with no browser of its own and no telemetry. Its HOME and TMPDIR are a scratch folder, because its
/// telemetry SDK writes queue files there even when switched off.
/// </summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _scratch;

    private AgentsPlayground(Process process, string scratch, Uri address)
    {
        _process = process;
        _scratch = scratch;
        Address = address;
    }

    public static string CliPath { get; } = Path.Combine(Artifacts.RepoRoot(), "clients", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    public Uri Address { get; }

    public static async Task<AgentsPlayground> StartAsync(Uri botMessagesEndpoint)
    {
        var port = FreePort();
        var scratch = Directory.CreateTempSubdirectory("reflectbot-playground-").FullName;
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { CliPath, "start", "-e", botMessagesEndpoint.ToString(), "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dt" },
            WorkingDirectory = scratch,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = scratch;
        start.Environment["TMPDIR"] = scratch;
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");

        // Drain its output so a chatty emulator never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var playground = new AgentsPlayground(process, scratch, new Uri($"http://127.0.0.1:{port}/"));
        await playground.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        return playground;
    }

    private async Task WaitUntilListeningAsync(TimeSpan patience)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Agents Playground exited with code {_process.ExitCode}.");
            }

            try
            {
                if ((await http.GetAsync(Address)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The Agents Playground did not answer on {Address} within {patience.TotalSeconds} s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // cli.js starts the server as a child process: end the whole tree it started.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
