using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReflectBot.BrowserTests.Support;

/// <summary>
/// The web chat page in a fresh browser context, with every request beyond the page's own origin blocked and
/// recorded, and console errors (CSP refusals among them) kept for the test to check.
/// </summary>
public sealed class ChatPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private ChatPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    public ConcurrentQueue<string> OffOriginRequests { get; } = new();

    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    public static async Task<ChatPage> OpenAsync(IBrowser browser, Uri origin, string path = "/", string locale = "en-US")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        context.SetDefaultTimeout(Browsers.ExpectTimeoutMs);

        // The first load parses a 3.9 MB bundle; on a busy two-core machine that alone can take many seconds.
        context.SetDefaultNavigationTimeout(Browsers.NavigationTimeoutMs);
        var page = await context.NewPageAsync();
        var chat = new ChatPage(context, page);
        var self = origin.GetLeftPart(UriPartial.Authority);
        await page.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith(self, StringComparison.OrdinalIgnoreCase) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                chat.OffOriginRequests.Enqueue(url);
                await route.AbortAsync();
            }
        });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                chat.ConsoleErrors.Enqueue(message.Text);
            }
        };
        await page.GotoAsync(new Uri(origin, path).ToString());
        return chat;
    }

    /// <summary>Everything Web Chat shows in bubbles (bot and user), one locator per bubble.</summary>
    public ILocator Bubbles => Page.Locator(".webchat__bubble__content");

    public ILocator BotBubbles => Page.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content");

    public ILocator UserBubbles => Page.Locator(".webchat__bubble--from-user .webchat__bubble__content");

    /// <summary>A suggested-action button under the last message (Web Chat repeats it in a hidden live region).</summary>
    public ILocator SuggestedAction(string title) =>
        Page.GetByRole(AriaRole.Toolbar, new PageGetByRoleOptions { Name = "Suggested actions" })
            .GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = title, Exact = true });

    public ILocator SendBox => Page.Locator("[data-id=\"webchat-sendbox-input\"]");

    /// <summary>Waits until a bot bubble containing <paramref name="text"/> is on screen.</summary>
    public Task ExpectBotSaysAsync(string text) =>
        Expect(BotBubbles.Filter(new LocatorFilterOptions { HasTextRegex = Typographic(text) }).Last).ToBeVisibleAsync();

    /// <summary>
    /// Web Chat's Markdown turns straight quotes into curly ones ("I'm" shows as "I’m"), so a bot line is matched
    /// with either kind of quote.
    /// </summary>
    public static Regex Typographic(string text) =>
        new(Regex.Escape(text).Replace("'", "['‘’]", StringComparison.Ordinal).Replace("\"", "[\"“”]", StringComparison.Ordinal));

    public async Task SendAsync(string text)
    {
        await SendBox.FillAsync(text);
        await SendBox.PressAsync("Enter");
        await Expect(UserBubbles.Filter(new LocatorFilterOptions { HasText = text }).Last).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
