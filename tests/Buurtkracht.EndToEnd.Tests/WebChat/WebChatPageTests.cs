using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.WebChat;

/// <summary>The page at /chat in a real browser against the real service: what a newcomer does first.</summary>
public sealed class WebChatPageTests
{
    [Fact]
    public async Task A_newcomer_starts_privately_then_links_the_demo_group_with_back_and_stop()
    {
        // A phone's width: most residents will try the bot on one.
        await using var browser = await WebChatBrowser.StartAsync(412, 860);
        var page = browser.Page;
        await browser.OpenAsync();

        // Markup in a name must come back as plain text, never as elements.
        var name = page.GetByRole(AriaRole.Textbox, new() { Name = "Je naam" });
        await Expect(name).ToHaveValueAsync("Bezoeker");
        await name.FillAsync("<i>Anna</i> de Vries");
        await Expect(browser.Tab("Privégesprek")).ToHaveAttributeAsync("aria-selected", "true");

        await browser.SayAsync("/start");
        await Expect(browser.UserMessages("private").Last).ToHaveTextAsync("/start");
        var welcome = browser.BotMessages("private").Filter(new() { HasText = "Welkom bij de bot van Buurtkracht Alblasserdam." });
        await Expect(welcome).ToContainTextAsync("Hoi <i>Anna</i>!");
        await Expect(welcome.Locator("i")).ToHaveCountAsync(0);

        await browser.Tab("Demogroep").ClickAsync();
        await Expect(browser.Panel("group")).ToBeVisibleAsync();
        await Expect(browser.Panel("private")).ToBeHiddenAsync();
        await Expect(browser.BotMessages("group").First).ToContainTextAsync("Hallo allemaal! Ik ben de bot van Buurtkracht Alblasserdam.");

        await browser.SayAsync("/koppel");
        var askBuurt = browser.BotMessages("group").Filter(new() { HasText = "Bij welke buurt hoort deze groep?" });
        await Expect(askBuurt).ToHaveCountAsync(1);
        await askBuurt.Last.GetByRole(AriaRole.Button, new() { Name = "Demobuurt", Exact = true }).ClickAsync();
        await Expect(browser.UserMessages("group").Last).ToHaveTextAsync("Demobuurt");
        var askStreets = browser.BotMessages("group").Filter(new() { HasText = "Welke straten horen bij deze groep?" });
        await Expect(askStreets).ToHaveCountAsync(1);

        await browser.SayAsync("terug");
        await Expect(askBuurt).ToHaveCountAsync(2);
        await askBuurt.Last.GetByRole(AriaRole.Button, new() { Name = "Demobuurt", Exact = true }).ClickAsync();
        await Expect(askStreets).ToHaveCountAsync(2);
        await askStreets.Last.GetByRole(AriaRole.Button, new() { Name = "Overslaan" }).ClickAsync();
        await Expect(browser.UserMessages("group").Last).ToHaveTextAsync("Overslaan");
        // The demo group links to the demo buurt only, and says so.
        await Expect(browser.BotMessages("group").Last).ToContainTextAsync("Gelukt! Deze groep is nu gekoppeld aan Demobuurt.");
        await Expect(browser.BotMessages("group").Last).ToContainTextAsync("Dit is de demogroep");

        await browser.SayAsync("/koppel");
        await Expect(browser.BotMessages("group").Last).ToContainTextAsync("Deze groep is nu gekoppeld aan Demobuurt. Kies een buurt");
        await browser.SayAsync("stop");
        await Expect(browser.BotMessages("group").Last).ToHaveTextAsync("Oké, ik ben gestopt. Er is niets verstuurd. Typ /help als je iets anders wilt doen.");
        await Expect(page.Locator("#offline")).ToBeHiddenAsync();

        await page.ScreenshotAsync(new() { Path = "/tmp/webchat.png" });
    }

    [Fact]
    public async Task Start_links_and_the_start_parameter_open_the_private_chat_and_a_reload_keeps_the_conversation()
    {
        await using var browser = await WebChatBrowser.StartAsync();
        var page = browser.Page;

        await browser.OpenAsync("/chat?start=help");
        await Expect(browser.Tab("Privégesprek")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(browser.UserMessages("private").First).ToHaveTextAsync("/start help");
        await Expect(browser.BotMessages("private").First).ToContainTextAsync("Dit kan ik voor je doen:");
        // Reloading must not send /start again.
        Assert.EndsWith("/chat", page.Url);

        await browser.Tab("Demogroep").ClickAsync();
        await Expect(browser.BotMessages("group").First).ToContainTextAsync("Hallo allemaal!");
        await browser.SayAsync("/taal");
        var link = browser.BotMessages("group").Last.GetByRole(AriaRole.Link, new() { Name = "/chat?start=taal" });
        await link.ClickAsync();
        await Expect(browser.Tab("Privégesprek")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(browser.UserMessages("private").Last).ToHaveTextAsync("/start taal");
        var askLanguage = browser.BotMessages("private").Last;
        await Expect(askLanguage).ToContainTextAsync("In welke taal schrijf ik je?");
        await askLanguage.GetByRole(AriaRole.Button, new() { Name = "Nederlands" }).ClickAsync();
        await Expect(browser.BotMessages("private").Last).ToHaveTextAsync("Prima, ik schrijf je voortaan in het Nederlands.");

        // Who the visitor is, is the server's cookie: HttpOnly, so the page's script neither reads nor sends an id.
        var cookie = Assert.Single(await browser.Context.CookiesAsync(), c => c.Name == "bk_webchat");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.DoesNotContain("bk_webchat", await page.EvaluateAsync<string>("document.cookie"));
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('bk.userId')"));

        // The same browser is the same person: the bot's messages come back, and the group is not greeted twice.
        await page.ReloadAsync();
        await Expect(browser.BotMessages("private")).ToHaveCountAsync(3);
        await browser.Tab("Demogroep").ClickAsync();
        await browser.SayAsync("/privacy");
        await Expect(browser.UserMessages("group").Last).ToHaveTextAsync("/privacy");
        await Expect(browser.BotMessages("group")).ToHaveCountAsync(3);
        await Expect(browser.BotMessages("group").Filter(new() { HasText = "Hallo allemaal!" })).ToHaveCountAsync(1);
    }
}
