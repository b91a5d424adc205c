// bench/LoadDriver: simulated users running scripted conversations against a bot, or `report` to
// turn saved results into the markdown table. Usage: DriverOptions.Usage.
using System.Net;
using LoadDriver;

if (args.Length > 0 && args[0] == "report")
{
    return Report(args.Skip(1).ToList());
}

if (args.Length > 0 && args[0] == "fuzz")
{
    return await Fuzzer.RunAsync(args.Skip(1).ToList());
}

if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(DriverOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

DriverOptions options;
ConversationScript script;
try
{
    options = DriverOptions.Parse(args);
    script = ConversationScript.Load(options.ScriptPath!);
}
catch (Exception e) when (e is ArgumentException or FormatException or IOException)
{
    Console.Error.WriteLine($"LoadDriver: {e.Message}");
    Console.Error.WriteLine("run with --help for the options");
    return 2;
}

if (options.Mode == DriverMode.DirectLine && !script.Turns[0].IsJoin)
{
    Console.Error.WriteLine($"LoadDriver: {script.Name}: over Direct Line the script must begin with @join (starting the conversation)");
    return 2;
}

using var handler = new SocketsHttpHandler
{
    // One keep-alive connection per simulated user and target, as many as the users need.
    MaxConnectionsPerServer = int.MaxValue,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
    ConnectTimeout = options.Timeout,
    UseCookies = false,
    UseProxy = false,
    AutomaticDecompression = DecompressionMethods.None,
};
using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
client.DefaultRequestHeaders.ExpectContinue = false;

var runId = DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Environment.ProcessId;
using ITransport transport = options.Mode == DriverMode.Api
    ? new ApiMessagesTransport(client, options.Targets, options.ChannelId, options.Timeout, runId)
    : new DirectLineTransportClient(client, options, runId);

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

IdleSockets? idleSockets = null;
if (options.Mode == DriverMode.DirectLine && options.IdleSockets + options.SlowSockets > 0)
{
    idleSockets = await IdleSockets.OpenAsync(client, options, runId, interrupted.Token);
    Console.Error.WriteLine($"LoadDriver: {idleSockets.Summarize().OpenAtEnd} idle/slow sockets open beside the load");
}

var run = new LoadRun(options, script, transport);
var result = await run.RunAsync(interrupted.Token);
if (idleSockets is not null)
{
    result = result with { IdleSockets = idleSockets.Summarize() };
    await idleSockets.DisposeAsync();
}

Console.Write(Reports.Summary(result));
if (options.JsonPath is not null)
{
    Reports.Save(result, options.JsonPath);
}

if (options.Strict && !result.Clean)
{
    Console.Error.WriteLine("LoadDriver: --strict: the run had errors or lost, duplicated or misrouted replies");
    return 1;
}

return 0;

static int Report(List<string> args)
{
    var baseline = "echo";
    var peer = "js-peer";
    var files = new List<string>();
    for (var i = 0; i < args.Count; i++)
    {
        switch (args[i])
        {
            case "--baseline" when i + 1 < args.Count:
                baseline = args[++i];
                break;
            case "--peer" when i + 1 < args.Count:
                peer = args[++i];
                break;
            default:
                files.Add(args[i]);
                break;
        }
    }

    if (files.Count == 0)
    {
        Console.Error.WriteLine("usage: LoadDriver report [--baseline LABEL] [--peer LABEL] RESULT.json...");
        return 2;
    }

    Console.Write(Reports.Table(files.Select(Reports.Load).ToList(), baseline, peer));
    return 0;
}
