using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Content;
using ReflectBot.Web.Tests.Deployment;

namespace ReflectBot.Web.Tests.DirectLine;

/// <summary>
/// The real botframework-directlinejs client (what Web Chat runs) against the host on a real Kestrel port,
/// over polling and over the WebSocket: welcome, send, echo, reply, nothing twice.
/// </summary>
public sealed class DirectLineJsClientTests : IDisposable
{
    private readonly DirectLineHost _host = new();

    public DirectLineJsClientTests()
    {
        _host.UseKestrel(0);
        _host.StartServer();
    }

    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task DirectLineJS_gets_the_welcome_sends_a_message_and_sees_it_echoed_and_answered(string mode)
    {
        var content = _host.Services.GetRequiredService<CommonContent>();

        var result = await RunClientAsync(mode);

        Assert.True((bool)result["ok"]!, result.ToJsonString());
        Assert.Equal(content.Welcome.Greeting, (string?)result["welcome"]![0]);
        Assert.Equal(content.Menu.Prompt, (string?)result["welcome"]!.AsArray()[^1]);
        Assert.Equal((string)result["userId"]!, (string?)result["echoFromId"]);
        Assert.Equal($"node-{mode}-1", (string?)result["echoClientActivityID"]);
        Assert.Equal([content.Help, content.Menu.Prompt], result["replies"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(0, (int)result["duplicateIds"]!);
        Assert.Contains("Online", result["statuses"]!.AsArray().Select(s => (string?)s));
    }

    private async Task<JsonObject> RunClientAsync(string mode)
    {
        var modules = Path.Combine(RepoFiles.RootDirectory, "clients", "node_modules");
        Assert.True(Directory.Exists(Path.Combine(modules, "botframework-directlinejs")),
            "clients/node_modules is missing: run scripts/install-test-deps.sh (or cd clients && npm ci --ignore-scripts).");

        var script = Path.Combine(RepoFiles.RootDirectory, "tests", "ReflectBot.Web.Tests", "DirectLine", "node", "directline-client.js");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, _host.KestrelAddress.ToString().TrimEnd('/'), mode },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NODE_PATH"] = modules;

        using var node = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = node.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        var output = (await stdout).Trim();
        Assert.False(string.IsNullOrEmpty(output), $"node printed nothing; stderr: {await stderr}");
        return JsonNode.Parse(output.Split('\n')[^1])!.AsObject();
    }

    public void Dispose() => _host.Dispose();
}
