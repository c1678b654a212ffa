using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.WebChat;

/// <summary>The split web chat (page, chat.js, chat.css under a CSP without inline script) in the visitor's language.</summary>
public sealed class WebChatLanguageTests
{
    [Fact]
    public async Task In_English_the_page_and_the_texts_chat_js_shows_are_English_and_the_CSP_stays_strict()
    {
        await using var browser = await WebChatBrowser.StartAsync();
        var page = browser.Page;
        var response = await browser.OpenAsync("/chat?taal=en");

        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByPlaceholder("Type a message")).ToBeVisibleAsync();
        // chat.js reads its texts from the body's data attributes: the default name is English, and so is a map button.
        await Expect(page.Locator("#name")).ToHaveValueAsync("Visitor");
        Assert.Equal("Choose on the map", await page.EvaluateAsync<string>("() => document.body.dataset.tPickOnMap"));
        Assert.Equal("Map data © Kadaster", await page.EvaluateAsync<string>("() => document.body.dataset.tilesAttribution"));
        Assert.DoesNotContain("{{", await page.ContentAsync());
        Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());
    }
}
