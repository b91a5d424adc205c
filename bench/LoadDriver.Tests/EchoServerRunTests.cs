using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LoadDriver.Tests;

/// <summary>bench/EchoServer on a real loopback socket (Kestrel), so both transports run as in a bench.</summary>
public sealed class EchoServerFixture : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public EchoServerFixture()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("DirectLine:Secret", Secret));
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Kestrel reports the bound address, possibly as "localhost" or "[::]": aim at IPv4 loopback explicitly.
        BaseUrl = $"http://127.0.0.1:{new Uri(address).Port}/";
    }

    public const string Secret = "test-secret";

    public string BaseUrl { get; }

    public void Dispose() => _factory.Dispose();
}

public class EchoServerRunTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    private static readonly ConversationScript Script = ConversationScript.Parse("echo.txt",
    [
        "@join => 1",
        "Plan next steps => 1",
        "Share the chores => 1",
        "yes",
    ]);

    [Fact]
    public async Task Api_mode_runs_whole_conversations_with_one_echo_per_turn()
    {
        var result = await RunAsync("--conversations", "30", "--users", "5");

        Assert.True(result.Clean, Reports.Summary(result));
        Assert.Equal(30, result.ConversationsCompleted);
        Assert.Equal(120, result.Turns);
        Assert.All(result.ReplyCounts, t => Assert.Equal(new Dictionary<int, long> { [1] = 30 }, t.Counts));
        Assert.True(result.LatencyMs.P50 > 0 && result.LatencyMs.P50 <= result.LatencyMs.P99);
    }

    [Fact]
    public async Task Api_mode_alternating_between_two_targets_still_checks_every_reply()
    {
        // The same server twice under two loopback names: requests alternate, replies must still match.
        var port = new Uri(server.BaseUrl).Port;
        var options = DriverOptions.Parse(["--target", server.BaseUrl, "--target", $"http://localhost:{port}/", "--script", "x",
            "--warmup", "0", "--conversations", "10", "--users", "3"]);

        var result = await RunAsync(options);

        Assert.True(result.Clean, Reports.Summary(result));
        Assert.Equal(10, result.ConversationsCompleted);
    }

    [Fact]
    public async Task Api_mode_counts_a_missing_endpoint_as_errors()
    {
        var options = DriverOptions.Parse(["--target", server.BaseUrl, "--script", "x", "--warmup", "0", "--conversations", "3", "--users", "1"]);
        using var client = new HttpClient();
        using var transport = new ApiMessagesTransport(client, [new Uri(new Uri(server.BaseUrl), "nowhere/")], "emulator", TimeSpan.FromSeconds(5), "t");

        var result = await new LoadRun(options, Script, transport).RunAsync(CancellationToken.None);

        Assert.Equal(3, result.ConversationsFailed);
        Assert.Equal(new Dictionary<string, long> { ["http-404"] = 3 }, result.ErrorsByKind);
    }

    [Theory]
    [InlineData("ws")]
    [InlineData("poll")]
    public async Task Direct_line_mode_gets_the_welcome_and_every_echo(string transport)
    {
        var result = await RunAsync("--mode", "directline", "--dl-secret", EchoServerFixture.Secret, "--dl-transport", transport,
            "--dl-poll-ms", "20", "--dl-settle-ms", "50", "--conversations", "12", "--users", "4");

        Assert.True(result.Clean, Reports.Summary(result));
        Assert.Equal(12, result.ConversationsCompleted);
        Assert.All(result.ReplyCounts, t => Assert.Equal(new Dictionary<int, long> { [1] = 12 }, t.Counts));
        Assert.Equal(0, result.MissingEchoes);
    }

    [Fact]
    public async Task Direct_line_mode_with_a_wrong_secret_fails_every_start()
    {
        var result = await RunAsync("--mode", "directline", "--dl-secret", "wrong", "--conversations", "2", "--users", "1");

        Assert.Equal(new Dictionary<string, long> { ["http-401"] = 2 }, result.ErrorsByKind);
        Assert.Equal(0, result.ConversationsCompleted);
    }

    private Task<RunResult> RunAsync(params string[] args) =>
        RunAsync(DriverOptions.Parse(["--target", server.BaseUrl, "--script", "x", "--warmup", "0", "--timeout", "10", .. args]));

    private static async Task<RunResult> RunAsync(DriverOptions options)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler);
        using ITransport transport = options.Mode == DriverMode.Api
            ? new ApiMessagesTransport(client, options.Targets, options.ChannelId, options.Timeout, "t")
            : new DirectLineTransportClient(client, options, "t");
        return await new LoadRun(options, Script, transport).RunAsync(CancellationToken.None);
    }
}
