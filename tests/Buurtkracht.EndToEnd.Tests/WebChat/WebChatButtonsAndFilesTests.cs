using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.WebChat;

/// <summary>The web chat page as a keyboard or phone user meets it: answered buttons off, files to download, tappable numbers.</summary>
public sealed class WebChatButtonsAndFilesTests
{
    [Fact]
    public async Task Buttons_of_answered_questions_are_switched_off_and_leave_the_tab_order()
    {
        await using var browser = await WebChatBrowser.StartAsync(390, 844);
        var page = browser.Page;
        await browser.OpenAsync();

        await browser.SayAsync("/taal");
        var first = browser.BotMessages("private").Nth(0);
        await Expect(first).ToContainTextAsync("In welke taal");
        await browser.SayAsync("/taal");
        await Expect(browser.BotMessages("private")).ToHaveCountAsync(2);
        // The first question was answered by typing again: its buttons no longer count.
        foreach (var button in await first.GetByRole(AriaRole.Button).AllAsync()) await Expect(button).ToBeDisabledAsync();
        var second = browser.BotMessages("private").Nth(1);
        await second.GetByRole(AriaRole.Button, new() { Name = "Nederlands" }).ClickAsync();
        await Expect(browser.BotMessages("private").Last).ToHaveTextAsync("Prima, ik schrijf je voortaan in het Nederlands.");
        foreach (var button in await second.GetByRole(AriaRole.Button).AllAsync()) await Expect(button).ToBeDisabledAsync();
        Assert.Equal(0, await page.Locator(".choices button:not([disabled])").CountAsync());

        // Buttons are big enough to tap, and the page has its main landmark with the log's list inside.
        var height = await page.Locator("#tab-private").EvaluateAsync<double>("e => e.getBoundingClientRect().height");
        Assert.True(height >= 44, $"The tab is {height} px high");
        Assert.Equal(1, await page.Locator("main").CountAsync());
        Assert.Equal(2, await page.Locator("[role=log] > ol").CountAsync());
    }

    [Fact]
    public async Task A_file_from_the_bot_is_offered_as_a_download_that_only_its_visitor_can_fetch()
    {
        await using var browser = await WebChatBrowser.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync();
        await browser.SayAsync("/start");
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Welkom");

        // What "Zet in mijn agenda" sends: a caption and an .ics under the data folder.
        var ics = Path.Combine(browser.Host.DataFolder, "agenda", "buurtkoffie.ics");
        Directory.CreateDirectory(Path.GetDirectoryName(ics)!);
        await File.WriteAllTextAsync(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
        long rowId;
        await using (var db = browser.Host.OpenDb())
        {
            var chat = await db.Members.Where(m => m.Channel == ChannelKind.WebChat).Select(m => m.PrivateChatId).SingleAsync();
            var row = Outbox.Enqueue(db, new ChatAddress(ChannelKind.WebChat, chat!), ChatKind.Private,
                new OutgoingMessage { Text = "Open dit bestand om Buurtkoffie in je agenda te zetten.", DocumentPath = ics }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            rowId = row.Id;
        }

        var link = browser.BotMessages("private").Last.GetByRole(AriaRole.Link, new() { Name = "Download buurtkoffie.ics" });
        await Expect(link).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("buurtkoffie.ics", download.SuggestedFilename);
        Assert.StartsWith("BEGIN:VCALENDAR", await File.ReadAllTextAsync((await download.PathAsync())!));

        // Another visitor (another cookie) gets nothing for the same id.
        var stranger = browser.Host.CreateClient();
        await stranger.GetAsync("/chat");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await stranger.GetAsync($"/webchat/api/files/{rowId}")).StatusCode);
    }

    [Fact]
    public async Task Phone_numbers_and_commands_in_a_text_are_tappable()
    {
        await using var browser = await WebChatBrowser.StartAsync();
        await browser.OpenAsync();
        await browser.SayAsync("/melding");
        await browser.BotMessages("private").Last.GetByRole(AriaRole.Button, new() { Name = "Veilig" }).ClickAsync();

        var safety = browser.BotMessages("private").Filter(new() { HasText = "112" }).Last;
        await Expect(safety.GetByRole(AriaRole.Link, new() { Name = "112" })).ToHaveAttributeAsync("href", "tel:112");
        await Expect(safety.GetByRole(AriaRole.Link, new() { Name = "0900-8844" })).ToHaveAttributeAsync("href", "tel:09008844");

        await browser.SayAsync("stop");
        var pointer = browser.BotMessages("private").Last;
        await Expect(pointer).ToContainTextAsync("/help");
        await pointer.GetByRole(AriaRole.Link, new() { Name = "/help" }).ClickAsync();
        await Expect(browser.UserMessages("private").Last).ToHaveTextAsync("/help");
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Dit kan ik voor je doen:");
    }
}
