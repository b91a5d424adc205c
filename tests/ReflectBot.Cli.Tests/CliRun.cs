using System.Diagnostics;

namespace ReflectBot.Cli.Tests;

/// <summary>A temporary working folder per test, and ways to run the terminal app in it.</summary>
public sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Folder = Path.Combine(Path.GetTempPath(), "reflectbot-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "data", "reflectbot.db");

    /// <summary>The app's entry point in this process, with the store in this run's folder.</summary>
    public async Task<(int ExitCode, string Output, string Error)> InProcessAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(
            [.. args, $"--Storage:ConnectionString=Data Source={DatabasePath}"],
            new StringReader(input),
            output,
            error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The built app as its own process (<c>dotnet ReflectBot.Cli.dll</c>) with piped input, working in this run's folder.</summary>
    public async Task<(int ExitCode, string Output, string Error)> ProcessAsync(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The app as built beside the tests (the project reference copies it, its runtime config and the content).</summary>
    private static string AppDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "ReflectBot.Cli.dll");
            Assert.True(File.Exists(path), $"{path} is missing");
            Assert.True(File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), "the app's runtimeconfig.json is not beside the tests");
            return path;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A store still closing on a slow machine; the temp folder is cleaned up eventually.
        }
    }
}
