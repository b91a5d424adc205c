using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ReflectBot.Web.Tests.Deployment;

/// <summary>Runs package.sh the way an operator would and opens the zip it makes.</summary>
public sealed class TeamsPackageScriptTests : IDisposable
{
    private const string BotId = "3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60";

    private readonly string workDirectory = Directory.CreateTempSubdirectory("reflectbot-teams-").FullName;

    public void Dispose() => Directory.Delete(workDirectory, recursive: true);

    [Fact]
    public async Task Package_holds_manifest_and_icons_at_the_zip_root()
    {
        var zipPath = Path.Combine(workDirectory, "app.zip");

        var result = await RunPackageScript([BotId, zipPath]);

        Assert.True(result.ExitCode == 0, $"package.sh failed ({result.ExitCode}): {result.StdErr}");
        Assert.Equal(zipPath, result.StdOut.Trim().Split('\n')[^1]);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(
            ["color.png", "manifest.json", "outline.png"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(File.ReadAllBytes(RepoFiles.Teams("color.png")), ReadAll(zip, "color.png"));
        Assert.Equal(File.ReadAllBytes(RepoFiles.Teams("outline.png")), ReadAll(zip, "outline.png"));
    }

    [Fact]
    public async Task Packaged_manifest_carries_the_bot_id_and_no_placeholders()
    {
        var zipPath = Path.Combine(workDirectory, "app.zip");

        var result = await RunPackageScript([BotId, zipPath]);

        Assert.True(result.ExitCode == 0, $"package.sh failed ({result.ExitCode}): {result.StdErr}");
        using var zip = ZipFile.OpenRead(zipPath);
        var text = System.Text.Encoding.UTF8.GetString(ReadAll(zip, "manifest.json"));
        Assert.DoesNotContain("${{", text, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(BotId, manifest["id"]!.GetValue<string>()); // Teams app id defaults to the bot id
        Assert.Equal(BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("ReflectBot", manifest["name"]!["short"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bot_domain_and_app_id_come_from_the_environment()
    {
        const string appId = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
        var zipPath = Path.Combine(workDirectory, "app.zip");

        var result = await RunPackageScript(
            [BotId, zipPath],
            new Dictionary<string, string> { ["BOT_DOMAIN"] = "reflectbot.azurewebsites.net", ["TEAMS_APP_ID"] = appId });

        Assert.True(result.ExitCode == 0, $"package.sh failed ({result.ExitCode}): {result.StdErr}");
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = JsonNode.Parse(ReadAll(zip, "manifest.json"))!.AsObject();
        Assert.Equal(appId, manifest["id"]!.GetValue<string>());
        Assert.Equal(BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(["reflectbot.azurewebsites.net"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()).ToArray());
        Assert.Equal("https://reflectbot.azurewebsites.net/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f6")] // one digit short
    [InlineData("{3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60}")]
    [InlineData("3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60/g")] // would break the sed substitution
    [InlineData("")]
    public async Task A_bot_id_that_is_not_a_guid_is_refused(string badId)
    {
        var zipPath = Path.Combine(workDirectory, "app.zip");

        var result = await RunPackageScript([badId, zipPath]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("GUID", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath), "a zip was written for a bad id");
    }

    [Fact]
    public async Task A_bot_domain_with_a_scheme_is_refused()
    {
        var zipPath = Path.Combine(workDirectory, "app.zip");

        var result = await RunPackageScript([BotId, zipPath], new Dictionary<string, string> { ["BOT_DOMAIN"] = "https://example.com" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(File.Exists(zipPath));
    }

    [Fact]
    public async Task Running_without_a_bot_id_prints_usage_and_fails()
    {
        var result = await RunPackageScript([]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("usage", result.StdErr, StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] ReadAll(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the package");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private async Task<(int ExitCode, string StdOut, string StdErr)> RunPackageScript(
        string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDirectory,
        };
        start.ArgumentList.Add(RepoFiles.Teams("package.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Tests must not pick up an operator's own settings from the shell.
        start.Environment.Remove("BOT_DOMAIN");
        start.Environment.Remove("TEAMS_APP_ID");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
