using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReflectBot.BrowserTests.Support;
using ReflectBot.Content;
using static Microsoft.Playwright.Assertions;

namespace ReflectBot.BrowserTests;

/// <summary>
/// Another site (<see cref="HostSite"/>, on its own loopback origins) embedding the bot, which allows only one of
/// them; one Chromium for the class, a fresh context per test.
/// </summary>
public sealed class WidgetFixture : IAsyncLifetime
{
    private LaunchedBrowser? _browser;

    public HostSite Site { get; private set; } = null!;

    public WebHost Bot { get; private set; } = null!;

    public IBrowser Browser => _browser!.Browser;

    public CommonContent Content => Bot.Services.GetRequiredService<CommonContent>();

    public async Task InitializeAsync()
    {
        Site = await HostSite.StartAsync();
        Bot = new WebHost(new Dictionary<string, string?>
        {
            ["WebChat:AllowedOrigins:0"] = Site.AllowedOrigin,
            ["WebChat:QuickExitUrl"] = Site.AllowedOrigin + "/neutral",
        });
        Site.Bot = Bot.Address;
        _browser = await LaunchedBrowser.LaunchIfInstalledAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        await Bot.DisposeAsync();
        await Site.DisposeAsync();
    }

    /// <summary>A page of the site, able to reach only the site's two origins and the bot.</summary>
    public Task<ChatPage> VisitAsync(Uri origin, string path = "/") =>
        ChatPage.OpenAsync(Browser, new Uri(origin, path), [Site.Allowed, Site.Refused, Bot.Address]);
}

/// <summary>
/// The snippet on another site, in headless Chromium with the real Web Chat bundle: the chat button opens the bot's
/// chat in a panel, with the site's colour and language; a crisis gets its lines; quick exit leaves and forgets; a
/// page change keeps the conversation; a site the bot does not allow gets neither the script nor the frame; and the
/// whole thing passes axe-core. Screenshots under TestResults/screenshots/widget-*.
/// </summary>
public sealed class WidgetTests(WidgetFixture fixture) : IClassFixture<WidgetFixture>
{
    private const string Frame = $"iframe[title='{HostSite.ChatTitle}']";

    private static ILocator Launcher(ChatPage visit) =>
        visit.Page.GetByRole(AriaRole.Button, new() { Name = $"Chat with {HostSite.ChatTitle}" });

    private async Task OpenWidgetAsync(ChatPage visit)
    {
        await Launcher(visit).ClickAsync();
        await Expect(Launcher(visit)).ToHaveAttributeAsync("aria-expanded", "true");
        visit.UseFrame(Frame);

        // The frame loads the whole Web Chat bundle first: on a busy two-core machine that alone takes many seconds.
        await visit.ExpectBotSaysAsync(fixture.Content.Welcome.Greeting, Browsers.NavigationTimeoutMs);
    }

    [BrowserFact]
    public async Task The_button_opens_the_real_web_chat_in_the_sites_colours_a_crisis_gets_local_lines_and_quick_exit_leaves_without_a_trace()
    {
        await using var visit = await fixture.VisitAsync(fixture.Site.Allowed);
        await Expect(Launcher(visit)).ToHaveAttributeAsync("aria-expanded", "false");

        await OpenWidgetAsync(visit);
        await Expect(visit.Chat.Locator(".site-header")).ToHaveCSSAsync("background-color", "rgb(91, 42, 134)");
        await Expect(visit.Chat.GetByRole(AriaRole.Heading, new() { Name = HostSite.ChatTitle })).ToBeVisibleAsync();
        await Expect(visit.Chat.GetByRole(AriaRole.Button, new() { Name = "Need help now?" })).ToBeVisibleAsync();
        await Expect(visit.Chat.Locator(".site-footer")).ToContainTextAsync("not an emergency service");
        await Artifacts.ScreenshotAsync(visit.Page, "widget-01-open");

        // The site asked for en-GB: the crisis reply names the UK's lines.
        await visit.SendAsync("I don't want to be alive anymore");
        await visit.ExpectBotSaysAsync("116 123");
        await Artifacts.ScreenshotAsync(visit.Page, "widget-02-crisis");

        await visit.Chat.GetByRole(AriaRole.Button, new() { Name = "Quick exit" }).ClickAsync();
        await visit.Page.WaitForURLAsync(fixture.Site.AllowedOrigin + "/neutral");
        await visit.Page.GoBackAsync();
        Assert.NotEqual(fixture.Site.Allowed.ToString(), visit.Page.Url);

        // Back on the site in the same tab, the chat starts afresh: nothing of the crisis conversation is shown.
        await visit.Page.GotoAsync(fixture.Site.Allowed.ToString());
        await Expect(Launcher(visit)).ToHaveAttributeAsync("aria-expanded", "false");
        await OpenWidgetAsync(visit);
        await Expect(visit.UserBubbles).ToHaveCountAsync(0);
        Assert.Empty(visit.OffOriginRequests);
    }

    [BrowserFact]
    public async Task Moving_to_another_page_of_the_site_keeps_the_conversation_open_where_it_was()
    {
        await using var visit = await fixture.VisitAsync(fixture.Site.Allowed);
        await OpenWidgetAsync(visit);
        await visit.SendAsync("help");
        await visit.ExpectBotSaysAsync(fixture.Content.Menu.Prompt);

        await visit.Page.GetByRole(AriaRole.Link, new() { Name = "Contact" }).ClickAsync();
        await visit.Page.WaitForURLAsync(fixture.Site.AllowedOrigin + "/contact");

        // The panel reopens by itself, with what was said before, and the same conversation goes on.
        await Expect(Launcher(visit)).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(visit.UserBubbles.Filter(new() { HasText = "help" })).ToHaveCountAsync(1);
        await Expect(visit.BotBubbles.Filter(new() { HasTextRegex = ChatPage.Typographic(fixture.Content.Welcome.Greeting) })).ToHaveCountAsync(1);
        await visit.SendAsync("menu");
        await Expect(visit.BotBubbles.Filter(new() { HasTextRegex = ChatPage.Typographic(fixture.Content.Menu.Prompt) })).ToHaveCountAsync(3);
        await Artifacts.ScreenshotAsync(visit.Page, "widget-03-after-navigation");

        // Closing hands focus back to the button.
        await visit.Chat.GetByRole(AriaRole.Button, new() { Name = "Close the chat" }).ClickAsync();
        await Expect(Launcher(visit)).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(Launcher(visit)).ToBeFocusedAsync();
        Assert.Empty(visit.OffOriginRequests);
    }

    [BrowserFact]
    public async Task A_site_the_bot_does_not_allow_gets_neither_the_widget_script_nor_the_chat_in_a_frame_while_an_allowed_one_gets_the_frame()
    {
        await using var visit = await fixture.VisitAsync(fixture.Site.Refused, "/neutral");
        var script = visit.Page.WaitForResponseAsync(r => r.Url.EndsWith("/widget.js", StringComparison.Ordinal));
        await visit.Page.GotoAsync(fixture.Site.Refused.ToString());
        Assert.Equal(403, (await script).Status);
        await visit.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(visit.Page.Locator("[data-reflectbot-widget]")).ToHaveCountAsync(0);

        await visit.Page.GotoAsync(new Uri(fixture.Site.Refused, "/framed").ToString());
        visit.UseFrame(Frame);
        await Expect(visit.Chat.GetByRole(AriaRole.Heading, new() { Name = "This chat is not available on this site" })).ToBeVisibleAsync();
        await Expect(visit.Chat).ToContainTextAsync("WebChat:AllowedOrigins");
        await Expect(visit.Bubbles).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(visit.Page, "widget-04-refused-frame");

        // The same frame on the allowed origin is the chat, and its quick exit takes the whole tab away.
        await visit.Page.GotoAsync(new Uri(fixture.Site.Allowed, "/framed").ToString());
        await visit.ExpectBotSaysAsync(fixture.Content.Welcome.Greeting, Browsers.NavigationTimeoutMs);
        await visit.Chat.GetByRole(AriaRole.Button, new() { Name = "Quick exit" }).ClickAsync();
        await visit.Page.WaitForURLAsync(fixture.Site.AllowedOrigin + "/neutral");
    }

    [BrowserFact]
    public async Task The_site_with_the_widget_open_the_embedded_chat_and_the_bots_own_page_pass_axe()
    {
        await using var visit = await fixture.VisitAsync(fixture.Site.Allowed);
        await OpenWidgetAsync(visit);
        AssertNoViolations("the site with the widget open", await visit.Page.RunAxe());

        await visit.Page.GotoAsync(new Uri(fixture.Bot.Address, $"/embed?mode=widget&title={Uri.EscapeDataString(HostSite.ChatTitle)}&accent=%235B2A86").ToString());
        await visit.Page.Locator(".webchat__bubble").First.WaitForAsync();
        AssertNoViolations("the embedded chat", await visit.Page.RunAxe());

        await visit.Page.GotoAsync(fixture.Bot.Address.ToString());
        await visit.Page.Locator(".webchat__bubble").First.WaitForAsync();
        AssertNoViolations("the bot's own page", await visit.Page.RunAxe());
    }

    private static void AssertNoViolations(string what, AxeResult result)
    {
        var found = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(found.Count == 0, $"axe-core found problems on {what}:\n{string.Join('\n', found)}");
    }
}
