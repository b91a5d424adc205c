using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReflectBot.BrowserTests.Support;
using ReflectBot.Content;
using ReflectBot.Journeys.Signs;
using static Microsoft.Playwright.Assertions;

namespace ReflectBot.BrowserTests.Teams;

/// <summary>The bot on Kestrel with no MicrosoftAppId, the Agents Playground pointed at it, one Chromium.</summary>
public sealed class PlaygroundFixture : IAsyncLifetime
{
    private LaunchedBrowser? _browser;

    public WebHost Bot { get; } = new();

    public AgentsPlayground? Playground { get; private set; }

    public IBrowser Browser => _browser!.Browser;

    public CommonContent Content => Bot.Services.GetRequiredService<CommonContent>();

    public async Task InitializeAsync()
    {
        if (!File.Exists(Browsers.ChromiumPath))
        {
            return;
        }

        Assert.True(File.Exists(AgentsPlayground.CliPath), "The Agents Playground is missing: run scripts/install-test-deps.sh (npm ci in clients/).");
        Playground = await AgentsPlayground.StartAsync(new Uri(Bot.Address, "/api/messages"));
        _browser = await LaunchedBrowser.LaunchIfInstalledAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (Playground is not null)
        {
            await Playground.DisposeAsync();
        }

        await Bot.DisposeAsync();
    }
}

/// <summary>
/// ReflectBot in Microsoft's Teams emulator, driven through its own web UI: the welcome after install, a typed
/// message, a menu choice made with an Adaptive Card button and a card submission. Screenshots go to
/// TestResults/screenshots/teams-*.png.
/// </summary>
public sealed class AgentsPlaygroundTests(PlaygroundFixture fixture) : IClassFixture<PlaygroundFixture>
{
    [BrowserFact]
    public async Task In_the_Teams_emulator_the_bot_welcomes_answers_a_typed_message_a_card_choice_and_a_card_submission()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        context.SetDefaultTimeout(Browsers.ExpectTimeoutMs);
        var page = await context.NewPageAsync();

        // The emulator asks a CDN for fonts; fail those at once instead of waiting for the closed network.
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith("http://127.0.0.1", StringComparison.Ordinal)
            || route.Request.Url.StartsWith("http://localhost", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync(fixture.Playground!.Address.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = Browsers.NavigationTimeoutMs });

        await Expect(BotLine(page, fixture.Content.Welcome.Greeting)).ToBeVisibleAsync();
        await Expect(BotLine(page, fixture.Content.Menu.Prompt)).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "teams-01-welcome");

        await SendAsync(page, "help");
        await Expect(BotLine(page, fixture.Content.Help)).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "teams-02-typed-message");

        // Teams shows choices as Adaptive Cards: the menu choice is an Action.Submit button.
        var signs = fixture.Bot.Services.GetRequiredService<SignsContent>();
        var menuTitle = signs.Menu.Title;
        await CardButton(page, menuTitle).ClickAsync();
        await Expect(BotLine(page, signs.Who.Prompt)).ToBeVisibleAsync();
        await CardButton(page, signs.Who.Choices.Single(w => w.Key == "partner").Title).ClickAsync();
        await Artifacts.ScreenshotAsync(page, "teams-03-menu-choice");

        // A card submission: tick two signs on the checklist card and press Done.
        var checklist = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = signs.Signs.Checklist.Submit }).Last;
        await Expect(checklist).ToBeVisibleAsync();
        await Expect(checklist.GetByText($"2. {signs.Signs.Items[1].Title}", new() { Exact = true })).ToBeVisibleAsync();
        await checklist.GetByRole(AriaRole.Checkbox, new() { Name = signs.Signs.Items[0].Title }).CheckAsync();
        await checklist.GetByRole(AriaRole.Checkbox, new() { Name = signs.Signs.Items[1].Title }).CheckAsync();
        await checklist.GetByRole(AriaRole.Button, new() { Name = signs.Signs.Checklist.Submit, Exact = true }).ClickAsync();
        await Expect(BotLine(page, signs.Duration.Prompt)).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "teams-04-card-submitted");
    }

    /// <summary>A button on the most recent card that has it.</summary>
    private static ILocator CardButton(IPage page, string title) =>
        page.Locator(".ac-adaptiveCard").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = title, Exact = true }).Last;

    /// <summary>A line of a bot message or card in the chat (the log panel only shows shortened copies).</summary>
    private static ILocator BotLine(IPage page, string text) =>
        page.Locator("p").Filter(new LocatorFilterOptions { HasText = text }).Last;

    private static async Task SendAsync(IPage page, string text)
    {
        var box = page.Locator("[data-lexical-editor=\"true\"]");
        await box.ClickAsync();
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Enter");
    }
}
