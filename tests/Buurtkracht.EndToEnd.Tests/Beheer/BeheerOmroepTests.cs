using System.Globalization;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Scheduling;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Buurtkracht.Testing.TelegramUpdates;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>/beheer/omroep in Debian's chromium against a service polling the fake Bot API.</summary>
public sealed class BeheerOmroepTests
{
    private const long Souburgh1 = -100781;
    private const long Souburgh2 = -100782;
    private const long Centrum = -100783;
    private const long Anna = 7201;

    /// <summary>The smallest PNG: one transparent pixel.</summary>
    internal static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Fact]
    public async Task A_broadcast_to_a_buurt_is_previewed_reaches_its_groups_the_report_counts_it_and_a_scheduled_one_is_withdrawn()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var host = new BotHost(BotHost.NewDataFolder(), TelegramBot.Settings(telegram, new Dictionary<string, string?>
        {
            ["Broadcasts:SweepInterval"] = "00:00:01",
        }), kestrel: true);
        await using var site = await BeheerSite.StartAsync(host);
        foreach (var group in new[] { Souburgh1, Souburgh2, Centrum }) telegram.EnqueueUpdate(GroupText(group, Anna, "Hallo buren"));
        await host.WaitForDbAsync(async db => await db.StreetGroups.CountAsync() == 3);
        await host.LinkGroupAsync(Souburgh1.ToString(), "Souburgh");
        await host.LinkGroupAsync(Souburgh2.ToString(), "Souburgh");
        await host.LinkGroupAsync(Centrum.ToString(), "Centrum");
        var carla = await site.MemberWithRoleAsync("7002", "Carla", Role.Coordinator);

        var page = await site.LoginAsAsync(carla);
        await page.GetByRole(AriaRole.Link, new() { Name = "Omroep" }).ClickAsync();
        await page.GetByLabel("Eén buurt", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Buurt (bij één buurt)").SelectOptionAsync(new SelectOptionValue { Label = "Souburgh" });
        await page.GetByLabel("Bericht (kort").FillAsync("Zaterdag snoeien we samen. Doe je mee?");
        await page.GetByLabel("Link (mag leeg)").FillAsync("https://swa.example/snoeien");
        await page.GetByLabel("Foto (JPEG of PNG").SetInputFilesAsync(new FilePayload { Name = "snoeien.png", MimeType = "image/png", Buffer = Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Zo zien de bewoners je bericht" })).ToBeVisibleAsync();
        await Expect(page.Locator(".chat-preview .chat-text")).ToHaveTextAsync("Zaterdag snoeien we samen. Doe je mee?\n\nhttps://swa.example/snoeien");
        var photo = page.GetByAltText("De foto bij het bericht");
        await Expect(photo).ToBeVisibleAsync();
        Assert.Equal(1, await photo.EvaluateAsync<int>("img => img.naturalWidth"));
        await Expect(page.GetByText("Je stuurt het bericht nu naar 2 chats.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, versturen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rapport van bericht 1" })).ToBeVisibleAsync();
        foreach (var group in new[] { Souburgh1, Souburgh2 })
        {
            var sent = await telegram.WaitForCallAsync(c => c.Method == "sendPhoto" && c.ChatId == group.ToString(), TelegramBot.Patience);
            Assert.Equal("Zaterdag snoeien we samen. Doe je mee?\n\nhttps://swa.example/snoeien", sent.Text("caption"));
        }
        // omroep.js polls the counts while it is sent; no reload.
        await Expect(page.Locator("[data-field=delivered]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-field=failed]")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-field=unreachable]")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("verstuurd");
        Assert.DoesNotContain(telegram.Calls, c => c.ChatId == Centrum.ToString() && c.Method is "sendPhoto" or "sendMessage");

        // At a set time, then withdrawn before it starts.
        await page.GotoAsync(site.Url("/beheer/omroep"));
        await page.GetByLabel("Alle groepen", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Bericht (kort").FillAsync("De buurtbarbecue gaat niet door.");
        await page.GetByLabel("Op een tijdstip", new() { Exact = true }).CheckAsync();
        var tomorrow = DateOnly.FromDateTime(Amsterdam.ToLocal(DateTimeOffset.UtcNow)).AddDays(1);
        await page.GetByLabel("Datum (bij een tijdstip)").FillAsync(tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Tijd (Nederlandse tijd)").FillAsync("19:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).ClickAsync();
        await Expect(page.GetByText("Je stuurt het bericht op")).ToContainTextAsync("19:30 naar 3 chats");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, versturen" }).ClickAsync();
        await Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("gepland");

        await page.GotoAsync(site.Url("/beheer/omroep"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bericht 2 intrekken" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Het bericht is ingetrokken. Het wordt niet verstuurd.");
        await using var db = host.OpenDb();
        Assert.Equal(BroadcastStatus.Cancelled, (await db.Set<Broadcast>().SingleAsync(b => b.Id == 2)).Status);
        Assert.Equal([AuditActions.BroadcastSent, AuditActions.BroadcastScheduled, AuditActions.BroadcastCancelled],
            await db.Set<AuditEntry>().Where(a => a.Actor == "beheer:telegram:7002").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }
}
