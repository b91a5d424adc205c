using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReflectBot.BrowserTests.Support;

/// <summary>
/// The web chat page in a fresh browser context, with every request beyond the page's own origin (and any others
/// the test names) blocked and recorded, and console errors (CSP refusals among them) kept for the test to check.
/// The chat is looked for in the page itself, or in a frame once <see cref="UseFrame"/> says which.
/// </summary>
public sealed class ChatPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private ILocator _chat;

    private ChatPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        _chat = page.Locator(":root");
    }

    public IPage Page { get; }

    public ConcurrentQueue<string> OffOriginRequests { get; } = new();

    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    public static Task<ChatPage> OpenAsync(IBrowser browser, Uri origin, string path = "/", string locale = "en-US") =>
        OpenAsync(browser, new Uri(origin, path), [origin], locale);

    /// <param name="origins">Where the page may send requests: the origins of the bot and of the site embedding it.</param>
    public static async Task<ChatPage> OpenAsync(IBrowser browser, Uri address, IReadOnlyList<Uri> origins, string locale = "en-US")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        context.SetDefaultTimeout(Browsers.ExpectTimeoutMs);

        // The first load parses a 3.9 MB bundle; on a busy two-core machine that alone can take many seconds.
        context.SetDefaultNavigationTimeout(Browsers.NavigationTimeoutMs);
        var page = await context.NewPageAsync();
        var chat = new ChatPage(context, page);
        var allowed = origins.Select(o => o.GetLeftPart(UriPartial.Authority) + "/").ToList();
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (allowed.Any(o => url.StartsWith(o, StringComparison.OrdinalIgnoreCase)) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal))
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
        await page.GotoAsync(address.ToString());
        return chat;
    }

    /// <summary>From now on, the chat is the one inside the frame <paramref name="selector"/> finds (open shadow roots are searched too).</summary>
    public void UseFrame(string selector) => _chat = Page.FrameLocator(selector).Locator(":root");

    /// <summary>The chat's document: the page's, or the frame's after <see cref="UseFrame"/>.</summary>
    public ILocator Chat => _chat;

    /// <summary>Everything Web Chat shows in bubbles (bot and user), one locator per bubble.</summary>
    public ILocator Bubbles => _chat.Locator(".webchat__bubble__content");

    public ILocator BotBubbles => _chat.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content");

    public ILocator UserBubbles => _chat.Locator(".webchat__bubble--from-user .webchat__bubble__content");

    /// <summary>A suggested-action button under the last message (Web Chat repeats it in a hidden live region).</summary>
    public ILocator SuggestedAction(string title) =>
        _chat.GetByRole(AriaRole.Toolbar, new LocatorGetByRoleOptions { Name = "Suggested actions" })
            .GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = title, Exact = true });

    public ILocator SendBox => _chat.Locator("[data-id=\"webchat-sendbox-input\"]");

    /// <summary>Waits until a bot bubble containing <paramref name="text"/> is on screen (longer when a frame and its bundle load first).</summary>
    public Task ExpectBotSaysAsync(string text, float? timeoutMs = null) =>
        Expect(BotBubbles.Filter(new LocatorFilterOptions { HasTextRegex = Typographic(text) }).Last).ToBeVisibleAsync(new() { Timeout = timeoutMs });

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
