using Microsoft.Playwright;

namespace ReflectBot.BrowserTests.Support;

/// <summary>Screenshots of each stage, kept under TestResults/screenshots/ at the repository root.</summary>
public static class Artifacts
{
    public static string ScreenshotDirectory { get; } = Path.Combine(RepoRoot(), "TestResults", "screenshots");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReflectBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ReflectBot.sln above {AppContext.BaseDirectory}.");
    }
}
