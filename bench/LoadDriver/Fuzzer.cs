using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadDriver;

/// <summary>
/// <c>LoadDriver fuzz</c>: seeded malformed requests at every route a client can reach (<c>/api/messages</c>, the web
/// chat token and every <c>/v3/directline</c> route), built from a handful of real conversations by breaking one or
/// more parts: method, credential, conversation id, query, body, content type. Every answer must be a status below 500,
/// in time; afterwards each target must still hold a normal conversation. The same seed gives the same requests.
/// </summary>
public sealed class Fuzzer
{
    public const string Usage = """
        LoadDriver fuzz: malformed requests at every route; exit 1 on any 5xx, any request that hangs, or a server that
        no longer holds a normal conversation afterwards.

          LoadDriver fuzz --target URL [--target URL] --dl-secret SECRET [--requests 10000] [--seed 17]
                          [--concurrency 8] [--timeout 10] [--json FILE]
        """;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] Watermarks = ["", "-1", "0", "7", "99999999999999999999", "abc", "1e9", "%00", "' or 1=1", new string('9', 5000)];

    private readonly List<Uri> _targets;
    private readonly string _secret;
    private readonly int _requests;
    private readonly int _seed;
    private readonly int _concurrency;
    private readonly TimeSpan _timeout;
    private readonly string? _jsonPath;

    private Fuzzer(List<Uri> targets, string secret, int requests, int seed, int concurrency, TimeSpan timeout, string? jsonPath)
    {
        _targets = targets;
        _secret = secret;
        _requests = requests;
        _seed = seed;
        _concurrency = concurrency;
        _timeout = timeout;
        _jsonPath = jsonPath;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var targets = new List<Uri>();
        string? secret = Environment.GetEnvironmentVariable("DIRECTLINE_SECRET");
        int requests = 10_000, seed = 17, concurrency = 8, timeoutSeconds = 10;
        string? json = null;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--target":
                        var uri = new Uri(Value());
                        targets.Add(uri.IsLoopback ? new Uri(uri.GetLeftPart(UriPartial.Authority) + "/") : throw new ArgumentException("--target: loopback only"));
                        break;
                    case "--dl-secret": secret = Value(); break;
                    case "--requests": requests = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--concurrency": concurrency = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--timeout": timeoutSeconds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--json": json = Value(); break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }

            if (targets.Count == 0 || string.IsNullOrEmpty(secret) || requests <= 0 || concurrency <= 0 || timeoutSeconds <= 0)
            {
                throw new ArgumentException("--target and --dl-secret are required; counts must be above 0");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
        {
            Console.Error.WriteLine($"LoadDriver fuzz: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        return await new Fuzzer(targets, secret, requests, seed, concurrency, TimeSpan.FromSeconds(timeoutSeconds), json).RunAsync().ConfigureAwait(false);
    }

    private async Task<int> RunAsync()
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, UseProxy = false, ConnectTimeout = _timeout, MaxConnectionsPerServer = _concurrency * 2 };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var seeds = new List<Seed>();
        foreach (var target in _targets)
        {
            seeds.Add(await StartAsync(http, target, "fuzz-seed-" + seeds.Count).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{target} would not start a conversation before fuzzing."));
        }

        var random = new Random(_seed);
        var plans = Enumerable.Range(0, _requests).Select(i => Plan(random, seeds, i)).ToList();
        var outcomes = new Outcome[plans.Count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, _concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < plans.Count)
            {
                outcomes[index] = await SendAsync(http, plans[index]).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        // Still alive and still right: a normal conversation on every target after the barrage.
        var healthy = new List<string>();
        var allHealthy = true;
        foreach (var target in _targets)
        {
            var seed = await StartAsync(http, target, "fuzz-after").ConfigureAwait(false);
            var ok = seed is not null && await PostAndHearBackAsync(http, target, seed).ConfigureAwait(false);
            healthy.Add($"{target} {(ok ? "answers a normal conversation" : "NO LONGER ANSWERS")}");
            allHealthy &= ok;
        }

        var result = new FuzzResult
        {
            Seed = _seed,
            Requests = plans.Count,
            Seconds = Math.Round(elapsed.TotalSeconds, 1),
            ByStatus = outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            ByRoute = outcomes.Zip(plans).GroupBy(p => p.Second.Route).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            ServerErrors = outcomes.Count(o => o.Status.StartsWith('5')),
            Hangs = outcomes.Count(o => o.Status == "hang"),
            SlowestMs = Math.Round(outcomes.Max(o => o.Milliseconds), 1),
            Samples = outcomes.Zip(plans).Where(p => p.First.Status.StartsWith('5') || p.First.Status == "hang").Take(10)
                .Select(p => $"{p.Second.Method} {p.Second.Route} ({p.Second.Breaks}): {p.First.Status}").ToList(),
            AfterwardsHealthy = allHealthy,
        };

        Console.WriteLine($"== fuzz: {result.Requests} malformed requests, seed {result.Seed}, {_concurrency} at a time, {result.Seconds:0.0} s ==");
        Console.WriteLine($"answers: {string.Join("  ", result.ByStatus.Select(s => $"{s.Key}×{s.Value}"))}");
        Console.WriteLine($"routes: {string.Join("  ", result.ByRoute.Select(s => $"{s.Key}×{s.Value}"))}");
        Console.WriteLine($"5xx: {result.ServerErrors}, hangs (> {_timeout.TotalSeconds:0} s): {result.Hangs}, slowest answer {result.SlowestMs:0} ms");
        foreach (var sample in result.Samples)
        {
            Console.WriteLine($"  e.g. {sample}");
        }

        foreach (var line in healthy)
        {
            Console.WriteLine($"afterwards: {line}");
        }

        if (_jsonPath is not null)
        {
            await File.WriteAllTextAsync(_jsonPath, JsonSerializer.Serialize(result, FuzzJsonContext.Default.FuzzResult)).ConfigureAwait(false);
        }

        var clean = result.ServerErrors == 0 && result.Hangs == 0 && result.AfterwardsHealthy;
        Console.WriteLine($"verdict: {(clean ? "clean" : "NOT CLEAN")}");
        return clean ? 0 : 1;
    }

    /// <summary>A real conversation on one target, to break pieces of.</summary>
    private sealed record Seed(Uri Target, string ConversationId, string Token);

    /// <summary>One request to send: which route it aims at and what was broken, for the report.</summary>
    private sealed record Request(Uri Target, string Method, string Route, string PathAndQuery, string? Bearer, byte[]? Body, string? ContentType, string Breaks);

    private readonly record struct Outcome(string Status, double Milliseconds);

    private async Task<Seed?> StartAsync(HttpClient http, Uri target, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "v3/directline/conversations"))
        {
            Content = new StringContent($"{{\"user\":{{\"id\":\"{user}\"}}}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secret);
        using var timeout = new CancellationTokenSource(_timeout * 3);
        using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false));
        return new Seed(target, ActivityJson.String(document.RootElement, "conversationId")!, ActivityJson.String(document.RootElement, "token")!);
    }

    private async Task<bool> PostAndHearBackAsync(HttpClient http, Uri target, Seed seed)
    {
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        ActivityJson.WriteDirectLineMessage(body, "help", "fuzz-after", "fuzz-after-1");
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"v3/directline/conversations/{seed.ConversationId}/activities"))
        {
            Content = new ByteArrayContent(body.WrittenSpan.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", seed.Token);
        using var timeout = new CancellationTokenSource(_timeout * 3);
        using var posted = await http.SendAsync(post, timeout.Token).ConfigureAwait(false);
        if (!posted.IsSuccessStatusCode)
        {
            return false;
        }

        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri(target, $"v3/directline/conversations/{seed.ConversationId}/activities"));
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", seed.Token);
        using var answer = await http.SendAsync(read, timeout.Token).ConfigureAwait(false);
        var text = await answer.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        return answer.IsSuccessStatusCode && text.Contains("\"replyToId\"", StringComparison.Ordinal);
    }

    private async Task<Outcome> SendAsync(HttpClient http, Request plan)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(plan.Method), new Uri(plan.Target, plan.PathAndQuery));
            if (plan.Bearer is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + plan.Bearer);
            }

            if (plan.Body is not null)
            {
                request.Content = new ByteArrayContent(plan.Body);
                if (plan.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", plan.ContentType);
                }
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null, timeout.Token).ConfigureAwait(false);
            return new Outcome(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new Outcome("hang", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (HttpRequestException)
        {
            // The server cut the connection (a body past the limit it would not read): a refusal, not a failure.
            return new Outcome("closed", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>One seeded request: a route with real pieces, then one to three of them broken.</summary>
    private Request Plan(Random random, List<Seed> seeds, int index)
    {
        var seed = seeds[random.Next(seeds.Count)];
        var other = seeds[random.Next(seeds.Count)];
        var (method, route, path, bearer, body) = random.Next(10) switch
        {
            0 => ("POST", "/api/messages", "api/messages", (string?)null, (byte[]?)ApiActivity(random, seed)),
            1 => ("POST", "/api/webchat/token", "api/webchat/token", null, null),
            2 => ("POST", "tokens/generate", "v3/directline/tokens/generate", _secret, Encoding.UTF8.GetBytes("{\"user\":{\"id\":\"u\"}}")),
            3 => ("POST", "tokens/refresh", "v3/directline/tokens/refresh", seed.Token, null),
            4 => ("POST", "conversations", "v3/directline/conversations", seed.Token, Encoding.UTF8.GetBytes("{}")),
            5 => ("GET", "conversations/{id}", $"v3/directline/conversations/{seed.ConversationId}", seed.Token, null),
            6 => ("POST", "conversations/{id}/activities", $"v3/directline/conversations/{seed.ConversationId}/activities", seed.Token, DirectLineActivity(random)),
            7 => ("GET", "conversations/{id}/activities", $"v3/directline/conversations/{seed.ConversationId}/activities?watermark={Pick(random, Watermarks)}", seed.Token, null),
            8 => ("POST", "conversations/{id}/upload", $"v3/directline/conversations/{seed.ConversationId}/upload?userId=u", seed.Token, RandomBytes(random, 2048)),
            _ => ("GET", "conversations/{id}/stream", $"v3/directline/conversations/{seed.ConversationId}/stream?t={Uri.EscapeDataString(seed.Token)}", (string?)null, (byte[]?)null),
        };
        string? contentType = body is null ? null : "application/json";
        var breaks = new List<string>();
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(7))
            {
                case 0:
                    method = Pick(random, Methods);
                    breaks.Add("method");
                    break;
                case 1:
                    bearer = Pick(random, [null, "", "garbage", "a.b", _secret, seed.Token[..(seed.Token.Length / 2)], Flip(random, seed.Token), other.Token, new string('x', 10_000), "токен"]);
                    breaks.Add("credential");
                    break;
                case 2:
                    path = path.Replace(seed.ConversationId, Pick(random, ["", "x", new string('c', 3000), "%00", "..%2F..%2Fetc", "%F0%9F%92%A5", other.ConversationId + "%7C0000001", "a|b"]), StringComparison.Ordinal);
                    breaks.Add("conversation id");
                    break;
                case 3:
                    body = MalformedBody(random);
                    breaks.Add("body");
                    break;
                case 4:
                    contentType = Pick(random, [null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/json; charset=utf-16", "???"]);
                    body ??= Encoding.UTF8.GetBytes("{}");
                    breaks.Add("content type");
                    break;
                case 5:
                    path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "watermark=" + Uri.EscapeDataString(Pick(random, Watermarks)) + "&t=" + Uri.EscapeDataString(Pick(random, ["", "junk", seed.Token]));
                    breaks.Add("query");
                    break;
                default:
                    body = RandomBytes(random, random.Next(2) == 0 ? 300 * 1024 : 64);
                    breaks.Add(body.Length > 1024 ? "oversized body" : "random bytes");
                    break;
            }
        }

        if (method is "GET" or "HEAD" or "OPTIONS" && random.Next(3) > 0)
        {
            body = null;
        }

        return new Request(seeds[index % seeds.Count].Target, method, route, path, bearer, body, contentType, string.Join("+", breaks));
    }

    /// <summary>
    /// An activity for /api/messages whose serviceUrl is broken, or (the well-formed case) the dead loopback one with
    /// expectReplies: a valid activity with a live-looking but dead serviceUrl and normal delivery is not malformed, and
    /// the bot rightly spends its connector retries on it (bench/README.md, "Malformed requests").
    /// </summary>
    private static byte[] ApiActivity(Random random, Seed seed)
    {
        var serviceUrl = Pick(random, [ActivityJson.ServiceUrl, "javascript:alert(1)", "ftp://x", "", "http://[::1", "http://127.0.0.1:9/\u0000", "/relative"]);
        var deliveryMode = serviceUrl == ActivityJson.ServiceUrl ? "expectReplies" : Pick(random, ["expectReplies", "normal", "", "x"]);
        var json = $"{{\"type\":\"message\",\"id\":\"fuzz-{random.Next()}\",\"channelId\":\"emulator\",\"serviceUrl\":{JsonSerializer.Serialize(serviceUrl, FuzzJsonContext.Default.String)}," +
                   $"\"deliveryMode\":\"{deliveryMode}\",\"from\":{{\"id\":\"fuzz-user\"}},\"conversation\":{{\"id\":\"fuzz-{seed.ConversationId}\"}},\"text\":\"help\"}}";
        return Encoding.UTF8.GetBytes(json);
    }

    private static byte[] DirectLineActivity(Random random) => Encoding.UTF8.GetBytes(Pick(random,
    [
        "{\"type\":\"message\",\"text\":\"help\",\"from\":{\"id\":\"u\"}}",
        "{\"type\":\"message\",\"text\":{\"nested\":true},\"from\":\"u\"}",
        "{\"type\":5,\"text\":\"x\"}",
        "{\"type\":\"message\",\"timestamp\":\"not a date\",\"id\":123,\"text\":\"hi\"}",
        "{\"type\":\"event\",\"name\":\"webchat/join\",\"value\":{\"a\":[1,2,{\"b\":null}]}}",
        "{\"type\":\"message\",\"attachments\":[{\"contentType\":null,\"content\":[]}],\"channelData\":{\"clientActivityID\":[]}}",
        "{\"type\":\"message\",\"text\":\"\\u0000\\ud800\",\"locale\":\"" + new string('x', 500) + "\"}",
        "{\"type\":\"invoke\",\"name\":\"adaptiveCard/action\",\"value\":{\"action\":\"x\"}}",
    ]));

    private static byte[] MalformedBody(Random random) => random.Next(9) switch
    {
        0 => [],
        1 => Encoding.UTF8.GetBytes("{"),
        2 => Encoding.UTF8.GetBytes("null"),
        3 => Encoding.UTF8.GetBytes("[]"),
        4 => Encoding.UTF8.GetBytes(new string('[', 20_000)),
        5 => [0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE],
        6 => Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('ä', 200_000) + "\"}"),
        7 => Encoding.UTF8.GetBytes("{\"user\":{\"id\":\"with spaces and \\n newline\"},\"locale\":12}"),
        _ => Encoding.UTF8.GetBytes("{\"type\":\"message\",\"value\":" + string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500) + "}"),
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Flip(Random random, string token)
    {
        var chars = token.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];
}

public sealed record FuzzResult
{
    public required int Seed { get; init; }
    public required int Requests { get; init; }
    public required double Seconds { get; init; }
    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }
    public required IReadOnlyDictionary<string, int> ByRoute { get; init; }
    public required int ServerErrors { get; init; }
    public required int Hangs { get; init; }
    public required double SlowestMs { get; init; }
    public required IReadOnlyList<string> Samples { get; init; }
    public required bool AfterwardsHealthy { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FuzzResult))]
[JsonSerializable(typeof(string))]
internal sealed partial class FuzzJsonContext : JsonSerializerContext;
