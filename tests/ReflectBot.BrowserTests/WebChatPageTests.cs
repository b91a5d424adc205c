using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReflectBot.BrowserTests.Support;
using ReflectBot.Content;
using ReflectBot.Journeys.Signs;
using static Microsoft.Playwright.Assertions;

namespace ReflectBot.BrowserTests;

/// <summary>One host and one Chromium for the class; a fresh browser context per test.</summary>
public sealed class WebChatFixture : IAsyncLifetime
{
    private LaunchedBrowser? _browser;

    public WebHost Host { get; } = new();

    public IBrowser Browser => _browser!.Browser;

    public CommonContent Content => Host.Services.GetRequiredService<CommonContent>();

    public async Task InitializeAsync() => _browser = await LaunchedBrowser.LaunchIfInstalledAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        await Host.DisposeAsync();
    }
}

/// <summary>
/// The web chat page in headless Chromium with the real Web Chat bundle, talking to the bot's own Direct Line.
/// Each stage leaves a screenshot under TestResults/screenshots/.
/// </summary>
public sealed class WebChatPageTests(WebChatFixture fixture) : IClassFixture<WebChatFixture>
{
    [BrowserFact]
    public async Task The_page_greets_the_visitor_in_teal_with_the_avatar_and_asks_nothing_of_other_origins()
    {
        await using var chat = await ChatPage.OpenAsync(fixture.Browser, fixture.Host.Address);

        await chat.ExpectBotSaysAsync(fixture.Content.Welcome.Greeting);
        await chat.ExpectBotSaysAsync(fixture.Content.Menu.Prompt);
        await Expect(chat.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("ReflectBot"));
        await Expect(chat.Page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
        await Expect(chat.Page.Locator("#webchat img[src='/img/avatar.svg']").First).ToBeVisibleAsync();
        await Expect(chat.Page.Locator(".site-header")).ToHaveCSSAsync("background-color", "rgb(31, 122, 122)");
        await Expect(chat.BotBubbles.First).ToHaveCSSAsync("background-color", "rgb(241, 248, 247)");
        await Artifacts.ScreenshotAsync(chat.Page, "01-welcome");

        Assert.Empty(chat.OffOriginRequests);
        Assert.Empty(chat.ConsoleErrors);
    }

    [BrowserFact]
    public async Task A_menu_button_a_typed_answer_and_a_card_take_the_visitor_into_the_signs_check()
    {
        var signs = fixture.Host.Services.GetRequiredService<SignsContent>();
        var menuTitle = signs.Menu.Title;
        var partner = signs.Who.Choices.Single(w => w.Key == "partner");
        await using var chat = await ChatPage.OpenAsync(fixture.Browser, fixture.Host.Address);
        await chat.ExpectBotSaysAsync(fixture.Content.Menu.Prompt);

        // The menu comes as suggested-action buttons.
        await chat.SuggestedAction(menuTitle).ClickAsync();
        await chat.ExpectBotSaysAsync(signs.Who.Prompt);
        await Artifacts.ScreenshotAsync(chat.Page, "02-menu-choice");

        // A typed answer to the prompt brings the checklist card.
        await chat.SendAsync("my partner");
        var card = chat.Page.Locator(".ac-adaptiveCard")
            .Filter(new LocatorFilterOptions { HasTextRegex = ChatPage.Typographic(ContentText.Fill(signs.Signs.Checklist.Title, ("inWhom", partner.InWhom))) }).Last;
        await Expect(card).ToBeVisibleAsync();

        // Labels show their numbers as typed: Web Chat's Markdown would otherwise turn "2. …" into a list that drops the "2.".
        await Expect(card.GetByText($"2. {signs.Signs.Items[1].Title}", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(card.GetByText($"10. {signs.Signs.Items[9].Title}", new() { Exact = true })).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Checkbox, new() { Name = signs.Signs.Items[0].Title }).CheckAsync();
        await card.GetByRole(AriaRole.Checkbox, new() { Name = signs.Signs.Items[1].Title }).CheckAsync();
        await Artifacts.ScreenshotAsync(chat.Page, "02-card");

        await card.GetByRole(AriaRole.Button, new() { Name = signs.Signs.Checklist.Submit, Exact = true }).ClickAsync();
        await chat.ExpectBotSaysAsync(signs.Duration.Prompt);
        await Artifacts.ScreenshotAsync(chat.Page, "02-card-submitted");
        Assert.Empty(chat.OffOriginRequests);
        Assert.Empty(chat.ConsoleErrors);
    }

    [BrowserFact]
    public async Task Need_help_now_opens_from_the_keyboard_shows_local_crisis_lines_and_gives_focus_back()
    {
        await using var chat = await ChatPage.OpenAsync(fixture.Browser, fixture.Host.Address);
        var page = chat.Page;
        await chat.ExpectBotSaysAsync(fixture.Content.Welcome.Greeting);
        await page.Locator("body").FocusAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to the chat" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var helpNow = page.GetByRole(AriaRole.Button, new() { Name = "Need help now?" });
        await Expect(helpNow).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Help right now" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("988");
        await Expect(dialog.GetByRole(AriaRole.Link, new() { Name = "911" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "04-need-help-now");

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(helpNow).ToBeFocusedAsync();
        Assert.Empty(chat.OffOriginRequests);
    }

    [BrowserFact]
    public async Task A_crisis_message_is_answered_with_the_crisis_lines_at_once()
    {
        await using var chat = await ChatPage.OpenAsync(fixture.Browser, fixture.Host.Address);
        await chat.ExpectBotSaysAsync(fixture.Content.Menu.Prompt);

        await chat.SendAsync("I don't want to be alive anymore");

        // The US set from dialogs/safety/crisis-lines.yaml: the 988 Lifeline and the emergency number.
        await chat.ExpectBotSaysAsync("988");
        await Artifacts.ScreenshotAsync(chat.Page, "03-crisis");
        Assert.Empty(chat.OffOriginRequests);
    }
}
