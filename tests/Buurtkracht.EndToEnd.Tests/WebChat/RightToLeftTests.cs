using Buurtkracht.Core.Members;
using Buurtkracht.EndToEnd.Tests.Beheer;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.WebChat;

/// <summary>Arabic in a real browser: the page turns right to left, and numbers and references inside Arabic text stay whole.</summary>
public sealed class RightToLeftTests
{
    [Fact]
    public async Task Choosing_Arabic_turns_the_web_chat_right_to_left_with_numbers_isolated()
    {
        await using var browser = await WebChatBrowser.StartAsync(412, 860);
        var page = browser.Page;
        await browser.OpenAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");

        await browser.SayAsync("/taal");
        var ask = browser.BotMessages("private").Last;
        await ask.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await Expect(browser.BotMessages("private").Last).ToHaveTextAsync("حسناً، سأكتب لك من الآن بالعربية.");

        // The page follows the person's language once it is loaded again.
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await Expect(browser.Tab("محادثة خاصة")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByPlaceholder("اكتب رسالة")).ToBeVisibleAsync();
        Assert.Equal("rtl", await page.Locator("#panel-private [role=log]").EvaluateAsync<string>("e => getComputedStyle(e).direction"));

        await browser.SayAsync("/privacy", label: "رسالة");
        var privacy = browser.BotMessages("private").Filter(new() { HasText = "الخصوصية في بوت Buurtkracht" });
        await Expect(privacy).ToHaveCountAsync(1);
        var text = await privacy.InnerTextAsync();
        // Every filled-in value (days, months, the contact) sits between U+2068 and U+2069.
        Assert.Matches("\u2068\\d+\u2069 يوماً", text);
        Assert.Contains("\u2068", text);
        // A user's message is still at the end of the line: the start in Arabic is the right.
        var box = await browser.UserMessages("private").Last.BoundingBoxAsync();
        var log = await page.Locator("#panel-private [role=log]").BoundingBoxAsync();
        Assert.True(box!.X < log!.X + log.Width / 2, "in right-to-left the person's own messages sit on the left");

        await page.ScreenshotAsync(new() { Path = "/tmp/webchat-rtl.png" });
    }

    [Fact]
    public async Task The_dashboard_is_right_to_left_for_an_Arabic_viewer_and_left_to_right_for_Dutch()
    {
        await using var site = await BeheerSite.StartAsync();
        var arabic = await site.MemberWithRoleAsync("701", "Sara", Role.Coordinator, language: "ar");
        var dutch = await site.MemberWithRoleAsync("702", "Joke", Role.Coordinator);

        var page = await site.LoginAsAsync(arabic);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await page.ScreenshotAsync(new() { Path = "/tmp/beheer-rtl.png" });

        var other = await site.LoginAsAsync(dutch);
        await Expect(other.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
    }
}
