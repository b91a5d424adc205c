using System.Globalization;

namespace LoadDriver;

public enum DriverMode
{
    /// <summary>POST /api/messages with deliveryMode expectReplies; the replies are the response body.</summary>
    Api,

    /// <summary>Direct Line 3.0: start a conversation, post activities, read replies by polling or WebSocket.</summary>
    DirectLine,
}

public enum DirectLineTransport
{
    WebSocket,
    Poll,
}

/// <summary>Command-line settings of one load run; <see cref="Usage"/> lists them.</summary>
public sealed class DriverOptions
{
    public const string Usage = """
        LoadDriver: simulated users running scripted conversations against a bot.

          LoadDriver --target URL --script FILE [options]
          LoadDriver report [--baseline LABEL] [--peer LABEL] RESULT.json... (prints a markdown table)

        Target and script:
          --target URL           base URL (http://127.0.0.1:3978); repeat to alternate requests between instances
          --script FILE          conversation script (format: bench/README.md, "Scripts")
          --mode api|directline  api: POST /api/messages with expectReplies (default); directline: /v3/directline
          --label NAME           name of this run in reports (default: the first target)
          --channel ID           channelId of posted activities (default emulator)

        Load:
          --users N              concurrent simulated users, each running conversations back to back (default 50)
          --warmup S             seconds of load before measuring starts (default 5)
          --duration S           seconds measured after warm-up (default 20)
          --conversations N      instead of a duration: measure until N conversations started after warm-up end
          --max-seconds S        hard cap on the whole run, warm-up included (default 600)
          --timeout S            per request / per Direct Line turn timeout (default 10)

        Measuring:
          --pid PID              server process whose RSS (/proc/PID/status) is sampled; repeat for several
          --json FILE            also write the result as JSON (for `report`)
          --strict               exit 1 on any error, lost, duplicated or misrouted reply, or inconsistent count

        Direct Line:
          --dl-secret SECRET     Direct Line secret (default: $DIRECTLINE_SECRET)
          --dl-transport ws|poll how replies are read (default ws)
          --dl-poll-ms MS        poll interval (default 100)
          --dl-settle-ms MS      for turns without an expected count: wait this long after the last reply (default 200)
          --dl-spread            with several targets, spread each conversation over them: start on one, stream
                                 from the next, post and poll round-robin (needs a shared store: Storage:Provider=Redis)
          --dl-failover          ride out faults as a resilient client: send a request again (same body, next instance)
                                 after a refused or dropped connection or a 502/503/504, reopen a dropped stream from
                                 its last watermark
          --dl-idle-sockets N    before the load, open N conversations whose sockets sit idle (an empty ping every 20 s,
                                 as Web Chat sends) for the whole run
          --dl-slow-sockets N    and N whose sockets never read what the server sends
        """;

    public List<Uri> Targets { get; } = [];

    public string? ScriptPath { get; set; }

    public DriverMode Mode { get; set; } = DriverMode.Api;

    public string? Label { get; set; }

    public string ChannelId { get; set; } = "emulator";

    public int Users { get; set; } = 50;

    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(20);

    public int? Conversations { get; set; }

    public TimeSpan MaxRun { get; set; } = TimeSpan.FromSeconds(600);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public List<int> Pids { get; } = [];

    public string? JsonPath { get; set; }

    public bool Strict { get; set; }

    public string? DirectLineSecret { get; set; } = Environment.GetEnvironmentVariable("DIRECTLINE_SECRET");

    public DirectLineTransport DirectLineTransport { get; set; } = DirectLineTransport.WebSocket;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Direct Line: every request of a conversation goes to the next target, and its stream to another one.</summary>
    public bool DirectLineSpread { get; set; }

    /// <summary>Direct Line: retry on another instance after a dead one or a 502/503/504, reopen dropped streams.</summary>
    public bool DirectLineFailover { get; set; }

    public int IdleSockets { get; set; }

    public int SlowSockets { get; set; }

    public string EffectiveLabel => Label ?? Targets[0].Authority;

    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DriverOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{name} needs a value");
                }

                return args[++i];
            }

            switch (name)
            {
                case "--target":
                    options.Targets.Add(ParseTarget(Value()));
                    break;
                case "--script":
                    options.ScriptPath = Value();
                    break;
                case "--mode":
                    options.Mode = Value() switch
                    {
                        "api" => DriverMode.Api,
                        "directline" or "dl" => DriverMode.DirectLine,
                        var other => throw new ArgumentException($"--mode: api or directline, not '{other}'"),
                    };
                    break;
                case "--label":
                    options.Label = Value();
                    break;
                case "--channel":
                    options.ChannelId = Value();
                    break;
                case "--users":
                    options.Users = PositiveInt(name, Value());
                    break;
                case "--warmup":
                    options.Warmup = Seconds(name, Value(), allowZero: true);
                    break;
                case "--duration":
                    options.Duration = Seconds(name, Value(), allowZero: false);
                    break;
                case "--conversations":
                    options.Conversations = PositiveInt(name, Value());
                    break;
                case "--max-seconds":
                    options.MaxRun = Seconds(name, Value(), allowZero: false);
                    break;
                case "--timeout":
                    options.Timeout = Seconds(name, Value(), allowZero: false);
                    break;
                case "--pid":
                    options.Pids.Add(PositiveInt(name, Value()));
                    break;
                case "--json":
                    options.JsonPath = Value();
                    break;
                case "--strict":
                    options.Strict = true;
                    break;
                case "--dl-secret":
                    options.DirectLineSecret = Value();
                    break;
                case "--dl-transport":
                    options.DirectLineTransport = Value() switch
                    {
                        "ws" or "websocket" => DirectLineTransport.WebSocket,
                        "poll" => DirectLineTransport.Poll,
                        var other => throw new ArgumentException($"--dl-transport: ws or poll, not '{other}'"),
                    };
                    break;
                case "--dl-poll-ms":
                    options.PollInterval = TimeSpan.FromMilliseconds(PositiveInt(name, Value()));
                    break;
                case "--dl-settle-ms":
                    options.SettleTime = TimeSpan.FromMilliseconds(PositiveInt(name, Value()));
                    break;
                case "--dl-spread":
                    options.DirectLineSpread = true;
                    break;
                case "--dl-failover":
                    options.DirectLineFailover = true;
                    break;
                case "--dl-idle-sockets":
                    options.IdleSockets = PositiveInt(name, Value());
                    break;
                case "--dl-slow-sockets":
                    options.SlowSockets = PositiveInt(name, Value());
                    break;
                default:
                    throw new ArgumentException($"unknown option '{name}'");
            }
        }

        if (options.Targets.Count == 0)
        {
            throw new ArgumentException("--target is required");
        }

        if (options.ScriptPath is null)
        {
            throw new ArgumentException("--script is required");
        }

        if (options.Mode == DriverMode.DirectLine && string.IsNullOrEmpty(options.DirectLineSecret))
        {
            throw new ArgumentException("--mode directline needs --dl-secret (or DIRECTLINE_SECRET)");
        }

        return options;
    }

    private static Uri ParseTarget(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--target: an http(s) base URL, not '{text}'");
        }

        // Load goes to this machine only: a typo must not aim a load test at someone else's server.
        if (!uri.IsLoopback)
        {
            throw new ArgumentException($"--target: only loopback addresses (127.0.0.0/8, localhost, [::1]), not '{uri.Host}'");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name}: a whole number above 0, not '{text}'");

    private static TimeSpan Seconds(string name, string text, bool allowZero) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0))
            ? TimeSpan.FromSeconds(value)
            : throw new ArgumentException($"{name}: seconds{(allowZero ? " (0 or more)" : " above 0")}, not '{text}'");
}
