using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using ReflectBot;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;
using ReflectBot.Web;
using ReflectBot.Web.DirectLine;
using ReflectBot.Web.Teams;

namespace TurnProfiler;

/// <summary>
/// Builds the real web host (same registrations as ReflectBot.Web's Program, in-memory store, no sockets) and
/// drives scripted conversations through it one turn at a time on one thread, so the time and the bytes
/// allocated belong to that turn alone. Two ways in:
/// <list type="bullet">
/// <item><c>stages</c>: the three steps of BotEndpoints' handler called directly (JSON read, the adapter's turn,
/// reply serialisation), each timed on its own.</item>
/// <item><c>http</c>: the whole ASP.NET Core pipeline through TestServer (routing, the endpoint, its body reading
/// and writing), plus TestServer's own in-memory HTTP, which the real host does not pay.</item>
/// </list>
/// </summary>
internal static class Profiler
{
    private const string ServiceUrl = "http://127.0.0.1:9/";

    private static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(Options.Usage);
            return 2;
        }

        var scripts = options.Scripts.Select(Script.Load).ToList();
        await using var host = await StartHostAsync(options.DumpState is not null);
        var adapter = host.Services.GetRequiredService<CloudAdapter>();
        var bot = host.Services.GetRequiredService<IBot>();
        var client = host.GetTestClient();
        var driver = new Driver(adapter, bot, client, options.Mode);
        if (options.DumpState is { } dumpPath)
        {
            // Every stored document after every turn of one conversation per script, for comparing two builds.
            await using var dump = new StreamWriter(dumpPath);
            var storage = (ReflectBot.Framework.State.MemoryStorage)host.Services.GetRequiredService<ReflectBot.Framework.State.IStorage>();
            foreach (var script in scripts)
            {
                await driver.RunConversationAsync(script, record: false, afterTurn: async line =>
                {
                    var items = await storage.ReadAsync(storage.Keys.Order(StringComparer.Ordinal).ToArray());
                    foreach (var (key, item) in items)
                    {
                        await dump.WriteLineAsync($"{script.Name} turn {line + 1} {key}\n{item.Json}");
                    }
                });
            }

            Console.WriteLine($"state after each turn written to {dumpPath}");
            return 0;
        }

        // Warm-up: JIT, tiering (PGO needs a few thousand calls per method) and the content caches.
        for (var i = 0; i < options.Warmup; i++)
        {
            foreach (var script in scripts)
            {
                await driver.RunConversationAsync(script, record: false);
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        using var allocationTypes = options.AllocationTypes ? new AllocationTypes() : null;
        allocationTypes?.Start();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var conversations = 0;
        while (conversations < options.Conversations || (options.Seconds > 0 && wall.Elapsed.TotalSeconds < options.Seconds))
        {
            foreach (var script in scripts)
            {
                await driver.RunConversationAsync(script, record: true);
            }

            conversations++;
        }

        wall.Stop();
        allocationTypes?.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        driver.Report(Console.Out, options, conversations, wall.Elapsed, cpu, GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2);
        allocationTypes?.Report(Console.Out, driver.Turns);
        ReportStoredState(host.Services.GetRequiredService<ReflectBot.Framework.State.IStorage>());
        return driver.Failures == 0 ? 0 : 1;
    }

    /// <summary>How big the saved documents are: each turn reads, parses and writes them back.</summary>
    private static void ReportStoredState(ReflectBot.Framework.State.IStorage storage)
    {
        if (storage is not ReflectBot.Framework.State.MemoryStorage memory)
        {
            return;
        }

        var keys = memory.Keys.ToArray();
        var items = storage.ReadAsync(keys).GetAwaiter().GetResult();
        foreach (var group in items.GroupBy(kv => kv.Key.Contains("/users/", StringComparison.Ordinal) ? "user" : "conversation"))
        {
            var lengths = group.Select(kv => kv.Value.Json.Length).Order().ToArray();
            Console.WriteLine($"stored {group.Key} documents: {lengths.Length}, chars p50 {lengths[lengths.Length / 2]}, max {lengths[^1]}");
        }
    }

    private static async Task<WebApplication> StartHostAsync(bool fixedClock)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            // As the deployed appsettings.json; the console is the host's own log sink too.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });

        if (fixedClock)
        {
            // Dumped state is then the same on every run, so two builds' documents can be compared with diff.
            builder.Services.AddSingleton<TimeProvider>(new FixedClock());
        }

        // Program.cs of ReflectBot.Web, line for line.
        builder.Services.AddBotHost(builder.Configuration);
        builder.Services.AddReflectBot(builder.Configuration);
        builder.Services.AddTeamsCardActions();
        builder.Services.AddDirectLine(builder.Configuration);
        var app = builder.Build();
        app.UseBotExceptionHandler();
        app.MapBotEndpoints();
        app.MapDirectLine();
        await app.StartAsync();
        return app;
    }

    private sealed class Driver(CloudAdapter adapter, IBot bot, HttpClient client, string mode)
    {
        private readonly Dictionary<(string Script, int Line), LineStats> _lines = [];
        private readonly Stage _read = new("JSON read (activity)");
        private readonly Stage _turn = new("adapter turn (middleware, bot, state)");
        private readonly Stage _write = new("reply serialisation");
        private readonly Stage _http = new("whole request via TestServer");
        private readonly ClaimsIdentity _identity = new();
        private long _conversation;
        private long _activity;

        public int Failures { get; private set; }

        public int Turns => _lines.Values.Sum(l => l.Count);

        public async Task RunConversationAsync(Script script, bool record, Func<int, Task>? afterTurn = null)
        {
            var n = Interlocked.Increment(ref _conversation);
            var conversationId = "prof-conv-" + n.ToString(CultureInfo.InvariantCulture);
            var userId = "prof-user-" + n.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < script.Turns.Count; i++)
            {
                var turn = script.Turns[i];
                var body = ActivityBody(turn, conversationId, userId, "a" + (++_activity).ToString(CultureInfo.InvariantCulture));
                var (micros, bytes, replies) = mode == "http" ? await HttpTurnAsync(body, record) : await StagedTurnAsync(body, record);
                if (replies == 0)
                {
                    Failures++;
                }

                if (afterTurn is not null)
                {
                    await afterTurn(i);
                }

                if (record)
                {
                    if (!_lines.TryGetValue((script.Name, i), out var stats))
                    {
                        _lines[(script.Name, i)] = stats = new LineStats(script.Name, i, turn.Text ?? "@join");
                    }

                    stats.Add(micros, bytes, replies);
                }
            }
        }

        private async Task<(double Micros, long Bytes, int Replies)> StagedTurnAsync(byte[] body, bool record)
        {
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            var t0 = Stopwatch.GetTimestamp();
            var activity = JsonSerializer.Deserialize(body, SchemaJson.Default.Activity)!;
            var t1 = Stopwatch.GetTimestamp();
            var a1 = GC.GetAllocatedBytesForCurrentThread();
            var result = await adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, CancellationToken.None, _identity);
            var t2 = Stopwatch.GetTimestamp();
            var a2 = GC.GetAllocatedBytesForCurrentThread();
            var json = result.SerializeBody();
            var bytes = json is null ? [] : Encoding.UTF8.GetBytes(json);
            var t3 = Stopwatch.GetTimestamp();
            var a3 = GC.GetAllocatedBytesForCurrentThread();
            if (record)
            {
                _read.Add(t1 - t0, a1 - a0);
                _turn.Add(t2 - t1, a2 - a1);
                _write.Add(t3 - t2, a3 - a2);
            }

            var replies = result.Body is ExpectedReplies r ? r.Activities.Count(x => x.IsType(ActivityTypes.Message)) : 0;
            _ = bytes;
            return (Stopwatch.GetElapsedTime(t0, t3).TotalMicroseconds, a3 - a0, replies);
        }

        private async Task<(double Micros, long Bytes, int Replies)> HttpTurnAsync(byte[] body, bool record)
        {
            // TestServer may continue on the thread pool: count the whole process's allocations.
            var a0 = GC.GetTotalAllocatedBytes(precise: true);
            var t0 = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(BotEndpoints.MessagesPath, content);
            var reply = await response.Content.ReadAsByteArrayAsync();
            var t1 = Stopwatch.GetTimestamp();
            var a1 = GC.GetTotalAllocatedBytes(precise: true);
            if (record)
            {
                _http.Add(t1 - t0, a1 - a0);
            }

            var replies = 0;
            if (response.IsSuccessStatusCode && reply.Length > 0)
            {
                using var doc = JsonDocument.Parse(reply);
                foreach (var a in doc.RootElement.GetProperty("activities").EnumerateArray())
                {
                    if (a.GetProperty("type").GetString() == ActivityTypes.Message)
                    {
                        replies++;
                    }
                }
            }

            return (Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds, a1 - a0, replies);
        }

        /// <summary>The activity the load driver sends (bench/LoadDriver/ActivityJson.cs), expectReplies.</summary>
        private static byte[] ActivityBody(ScriptTurn turn, string conversationId, string userId, string activityId)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("type", turn.IsJoin ? "conversationUpdate" : "message");
                json.WriteString("id", activityId);
                json.WriteString("timestamp", DateTimeOffset.UtcNow);
                json.WriteString("channelId", "bench");
                json.WriteString("serviceUrl", ServiceUrl);
                json.WriteString("deliveryMode", "expectReplies");
                json.WriteString("locale", "en-US");
                json.WriteStartObject("from");
                json.WriteString("id", userId);
                json.WriteString("role", "user");
                json.WriteEndObject();
                json.WriteStartObject("recipient");
                json.WriteString("id", "bot");
                json.WriteString("role", "bot");
                json.WriteEndObject();
                json.WriteStartObject("conversation");
                json.WriteString("id", conversationId);
                json.WriteEndObject();
                if (turn.IsJoin)
                {
                    json.WriteStartArray("membersAdded");
                    json.WriteStartObject();
                    json.WriteString("id", userId);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteString("text", turn.Text);
                    json.WriteString("textFormat", "plain");
                }

                json.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        public void Report(TextWriter o, Options options, int conversations, TimeSpan wall, TimeSpan cpu, int gen0, int gen2)
        {
            var turns = _lines.Values.Sum(l => l.Count);
            o.WriteLine($"TurnProfiler: mode {mode}, scripts {string.Join(", ", options.Scripts.Select(Path.GetFileName))}, " +
                $"{conversations} conversation(s) per script after {options.Warmup} warm-up, {turns} turns, .NET {Environment.Version}, " +
                $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
            o.WriteLine($"process CPU {cpu.TotalMilliseconds / turns * 1000:F1} µs/turn, wall {wall.TotalMilliseconds / turns * 1000:F1} µs/turn, " +
                $"{turns / wall.TotalSeconds:F0} turns/s on one thread; GCs: {gen0} gen0, {gen2} gen2; failures {Failures}");
            o.WriteLine();
            o.WriteLine("| stage | mean µs | p50 µs | p90 µs | KB allocated |");
            o.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var stage in mode == "http" ? [_http] : new[] { _read, _turn, _write })
            {
                o.WriteLine(stage.Row());
            }

            o.WriteLine();
            o.WriteLine("| script | line | text | mean µs | p50 µs | KB allocated | replies |");
            o.WriteLine("|---|---:|---|---:|---:|---:|---:|");
            foreach (var line in _lines.Values.OrderBy(l => l.Script, StringComparer.Ordinal).ThenBy(l => l.Line))
            {
                o.WriteLine(line.Row());
            }

            foreach (var group in _lines.Values.GroupBy(l => l.Script))
            {
                var count = group.Sum(l => l.Count);
                o.WriteLine($"{group.Key}: mean {group.Sum(l => l.TotalMicros) / count:F1} µs, {group.Sum(l => l.TotalBytes) / count / 1024.0:F1} KB per turn over {count} turns");
            }
        }
    }

    private sealed class Stage(string name)
    {
        private readonly List<double> _micros = [];
        private long _bytes;

        public void Add(long ticks, long bytes)
        {
            _micros.Add(ticks * 1_000_000.0 / Stopwatch.Frequency);
            _bytes += bytes;
        }

        public string Row()
        {
            if (_micros.Count == 0)
            {
                return $"| {name} | - | - | - | - |";
            }

            var sorted = _micros.Order().ToArray();
            return $"| {name} | {sorted.Average():F1} | {sorted[sorted.Length / 2]:F1} | {sorted[(int)(sorted.Length * 0.9)]:F1} | {_bytes / (double)sorted.Length / 1024:F1} |";
        }
    }

    private sealed class LineStats(string script, int line, string text)
    {
        private readonly List<double> _micros = [];

        public string Script { get; } = script;
        public int Line { get; } = line;
        public int Count => _micros.Count;
        public double TotalMicros { get; private set; }
        public long TotalBytes { get; private set; }
        private int _replies = -1;

        public void Add(double micros, long bytes, int replies)
        {
            _micros.Add(micros);
            TotalMicros += micros;
            TotalBytes += bytes;
            _replies = _replies == -1 || _replies == replies ? replies : -2;
        }

        public string Row()
        {
            var sorted = _micros.Order().ToArray();
            var shown = text.Length > 40 ? text[..37] + "..." : text;
            return $"| {Script} | {Line + 1} | {shown} | {TotalMicros / Count:F1} | {sorted[sorted.Length / 2]:F1} | {TotalBytes / (double)Count / 1024:F1} | {(_replies == -2 ? "varies" : _replies.ToString(CultureInfo.InvariantCulture))} |";
        }
    }
}

internal sealed class FixedClock : TimeProvider
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}

internal sealed record ScriptTurn(string? Text)
{
    public bool IsJoin => Text is null;
}

/// <summary>A bench/scripts file: one turn a line, <c>@join</c> for the join, <c>=&gt; N</c> counts ignored, <c>#</c> comments.</summary>
internal sealed record Script(string Name, List<ScriptTurn> Turns)
{
    public static Script Load(string path)
    {
        var turns = new List<ScriptTurn>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            var text = (arrow >= 0 ? line[..arrow] : line).Trim();
            turns.Add(new ScriptTurn(text == "@join" ? null : text));
        }

        return new Script(Path.GetFileNameWithoutExtension(path), turns);
    }
}

internal sealed class Options
{
    public const string Usage = """
        TurnProfiler [--mode stages|http] [--conversations N] [--warmup N] [--seconds S] [--script FILE]...
          --mode           stages (default): JSON read, adapter turn and reply serialisation timed apart;
                           http: the whole request through the ASP.NET Core pipeline on TestServer
          --conversations  measured conversations per script (default 300)
          --warmup         warm-up conversations per script (default 300)
          --seconds        keep going for at least S seconds (for a profiler to sample; default 0)
          --script         a bench/scripts file (repeatable; default reflectbot.txt and journey.txt)
          --dump-state     write every stored document after every turn of one conversation per script to FILE
                           (fixed clock; for diffing two builds) and stop
          --alloc-types    also list the types allocated, from the runtime's AllocationTick samples (slows turns)
        """;

    public string Mode { get; private set; } = "stages";
    public int Conversations { get; private set; } = 300;
    public int Warmup { get; private set; } = 300;
    public double Seconds { get; private set; }
    public List<string> Scripts { get; } = [];
    public bool AllocationTypes { get; private set; }
    public string? DumpState { get; private set; }

    public static Options? Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--mode": o.Mode = Next(); break;
                case "--conversations": o.Conversations = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": o.Warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seconds": o.Seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--script": o.Scripts.Add(Next()); break;
                case "--alloc-types": o.AllocationTypes = true; break;
                case "--dump-state": o.DumpState = Next(); break;
                default: return null;
            }
        }

        if (o.Mode is not ("stages" or "http"))
        {
            return null;
        }

        if (o.Scripts.Count == 0)
        {
            var dir = FindScripts();
            o.Scripts.Add(Path.Combine(dir, "reflectbot.txt"));
            o.Scripts.Add(Path.Combine(dir, "journey.txt"));
        }

        return o;
    }

    private static string FindScripts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "scripts");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("bench/scripts not found above " + AppContext.BaseDirectory);
    }
}
