using Microsoft.Playwright;

namespace ReflectBot.BrowserTests.Support;

/// <summary>Starts the system Chromium through Playwright's bundled driver; no browser download is involved.</summary>
public static class Browsers
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Playwright gives every launch a fresh temporary profile (the --user-data-dir the notes ask for).

    /// <summary>Slow CI machines with two cores: page to greeting takes seconds, not milliseconds.</summary>
    public const float ExpectTimeoutMs = 15_000;

    /// <summary>Opening a page (the Web Chat bundle, the emulator's UI) under load.</summary>
    public const float NavigationTimeoutMs = 60_000;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        playwright.Selectors.SetTestIdAttribute("data-testid");
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                // Nothing but the test's own server resolves, so a stray request fails fast instead of hanging.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            ],
        });
        return (playwright, browser);
    }
}

/// <summary>The system Chromium started through Playwright for one test class; nothing when it is not installed (the tests then skip).</summary>
public sealed class LaunchedBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private LaunchedBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<LaunchedBrowser?> LaunchIfInstalledAsync()
    {
        if (!File.Exists(Browsers.ChromiumPath))
        {
            return null;
        }

        var (playwright, browser) = await Browsers.LaunchAsync();
        return new LaunchedBrowser(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
