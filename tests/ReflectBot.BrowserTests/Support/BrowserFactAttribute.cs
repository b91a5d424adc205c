namespace ReflectBot.BrowserTests.Support;

/// <summary>
/// A test that needs the Debian Chromium at <see cref="Browsers.ChromiumPath"/>. Skipped, saying why, only when it
/// is missing: the README's test command installs it, so in CI these tests always run.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Browsers.ChromiumPath))
        {
            Skip = $"{Browsers.ChromiumPath} is missing: run scripts/install-test-deps.sh (apt-get install chromium) to run the browser tests.";
        }
    }
}
