using System.Globalization;
using System.Text;
using Buurtkracht.Core.Audit;
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

/// <summary>/beheer/activiteiten in Debian's chromium: planning in the form reaches a Telegram group; a YAML programme is checked, previewed and imported.</summary>
public sealed class BeheerActiviteitenTests
{
    private const long Group = -100771;
    private const long Anna = 7101;

    [Fact]
    public async Task A_coordinator_plans_an_activity_in_the_form_the_linked_group_gets_it_and_a_change_and_the_cancellation_follow()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var folder = BotHost.NewDataFolder();
        await using var host = new BotHost(folder, TelegramBot.Settings(telegram, new Dictionary<string, string?>
        {
            ["Events:SweepInterval"] = "00:00:01",
            ["Events:QuietHoursStart"] = "00:00",
            ["Events:QuietHoursEnd"] = "00:00",
            ["Events:CalendarFolder"] = Path.Combine(folder, "agenda"),
        }), kestrel: true);
        await using var site = await BeheerSite.StartAsync(host);
        telegram.EnqueueUpdate(GroupText(Group, Anna, "Goedemorgen buren"));
        await host.WaitForDbAsync(db => db.StreetGroups.AnyAsync(g => g.ChatId == Group.ToString()));
        await host.LinkGroupAsync(Group.ToString(), "Souburgh");
        var carla = await site.MemberWithRoleAsync("7001", "Carla", Role.Coordinator);

        var page = await site.LoginAsAsync(carla, width: 390);
        await page.GetByRole(AriaRole.Link, new() { Name = "Activiteiten" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Activiteit plannen" }).ClickAsync();
        await page.GetByLabel("Naam van de activiteit").FillAsync("Snoeiochtend");
        await page.GetByLabel("Soort").SelectOptionAsync(new SelectOptionValue { Label = "Opruimactie" });
        await page.GetByLabel("Plaats of adres").FillAsync("Speeltuin Souburgh");
        await page.GetByLabel("Aantal plaatsen").FillAsync("20");
        await page.GetByLabel("Voor wie?").SelectOptionAsync(new SelectOptionValue { Label = "Buurt Souburgh" });
        await page.GetByLabel("Eén keer", new() { Exact = true }).CheckAsync();
        var day = DateOnly.FromDateTime(Amsterdam.ToLocal(DateTimeOffset.UtcNow)).AddDays(10);
        await page.Locator("#datum").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Begintijd").FillAsync("10:00");
        await page.GetByLabel("Eindtijd").FillAsync("12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plannen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De activiteit is gepland");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Snoeiochtend" })).ToBeVisibleAsync();
        var announcement = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("Nieuwe activiteit: Snoeiochtend"), TelegramBot.Patience);
        Assert.Contains("Waar: Speeltuin Souburgh", announcement.Text("text"));
        Assert.Contains("10:00–12:00", announcement.Text("text"));
        Assert.Contains("Er zijn 20 plaatsen", announcement.Text("text"));
        Assert.Contains("Ik kom", announcement.Text("reply_markup"));

        // A new place: announced to the group as a change, exactly as a re-import announces it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Wijzigen of afgelasten" }).ClickAsync();
        await page.GetByLabel("Plaats of adres").FillAsync("Buurthuis De Ark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijziging opslaan en doorgeven" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De wijziging is opgeslagen");
        var change = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("Let op: Snoeiochtend is gewijzigd"), TelegramBot.Patience);
        Assert.Contains("Plaats: Buurthuis De Ark", change.Text("text"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Hele activiteit afgelasten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Afgelast.");
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("gaat niet door"), TelegramBot.Patience);

        await using var check = host.OpenDb();
        var actions = await check.Set<AuditEntry>().Where(a => a.Actor == "beheer:telegram:7001").Select(a => a.Action).ToListAsync();
        Assert.Equal([AuditActions.EventPlanned, AuditActions.EventChanged, AuditActions.EventCancelled], actions);
    }

    [Fact]
    public async Task A_bad_programme_shows_the_line_and_imports_nothing_a_good_one_is_previewed_imported_and_attendance_recorded()
    {
        await using var site = await BeheerSite.StartAsync();
        var carla = await site.MemberWithRoleAsync("7002", "Carla", Role.Coordinator);
        var page = await site.LoginAsAsync(carla);
        await page.GotoAsync(site.Url("/beheer/activiteiten"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Programma uploaden" }).ClickAsync();

        const string bad = """
            events:
              - id: schouw
                title: Schouw Souburgh
                buurten: [Atlantis]
                dates:
                  - start: 2099-10-24 10:00
            """;
        await Upload(page, bad);
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Er is niets geïmporteerd");
        await Expect(alert).ToContainTextAsync("line 2, event 1 (schouw): unknown buurt 'Atlantis'");
        await using (var db = site.Host.OpenDb()) Assert.Equal(0, await db.Events.CountAsync());

        var yesterday = DateOnly.FromDateTime(Amsterdam.ToLocal(DateTimeOffset.UtcNow)).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var good = $"""
            events:
              - id: schouw
                title: Schouw Souburgh
                kind: schouw
                buurten: [Souburgh]
                dates:
                  - start: {yesterday} 10:00
                    end: "12:00"
              - id: tegelwippen-najaar
                title: Tegelwippen najaar
                kind: tegelwippen
                dates:
                  - start: 2099-10-24 10:00
                  - start: 2099-10-31 10:00
            """;
        await Upload(page, good);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Voorbeeld: dit wordt gepland" })).ToBeVisibleAsync();
        var preview = page.GetByRole(AriaRole.Table);
        await Expect(preview).ToContainTextAsync("Schouw Souburgh");
        await Expect(preview.GetByRole(AriaRole.Row).Filter(new() { HasText = "Tegelwippen najaar" })).ToContainTextAsync("nieuw");
        await using (var db = site.Host.OpenDb()) Assert.Equal(0, await db.Events.CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Importeren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Geïmporteerd: 2 activiteiten");
        await using (var db = site.Host.OpenDb())
        {
            Assert.Equal(2, await db.Events.CountAsync());
            // Amsterdam wall-clock times: summer time on 24 October 2099, winter time after the last Sunday of October.
            var starts = (await db.EventOccurrences.Where(o => o.Event!.ImportKey == "tegelwippen-najaar").ToListAsync())
                .Select(o => o.StartsAt.UtcDateTime).Order().ToList();
            Assert.Equal([new DateTime(2099, 10, 24, 8, 0, 0), new DateTime(2099, 10, 31, 9, 0, 0)], starts);
        }

        // Afterwards: the number of participants of yesterday's schouw.
        await page.GotoAsync(site.Url("/beheer/activiteiten?periode=voorbij"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Schouw Souburgh" }).ClickAsync();
        await page.GetByLabel("Aantal deelnemers").FillAsync("14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Het aantal deelnemers is opgeslagen");
        await using (var db = site.Host.OpenDb())
        {
            var occurrence = await db.EventOccurrences.SingleAsync(o => o.Event!.ImportKey == "schouw");
            Assert.Equal(14, occurrence.Attendance);
            Assert.Equal("beheer:telegram:7002", occurrence.AttendanceRecordedBy);
            Assert.Equal([AuditActions.ProgrammeImported, AuditActions.AttendanceRecorded],
                await db.Set<AuditEntry>().OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }
    }

    private static async Task Upload(IPage page, string yaml)
    {
        await page.GetByLabel("Programma (.yaml").SetInputFilesAsync(new FilePayload
        {
            Name = "programma.yaml", MimeType = "application/yaml", Buffer = Encoding.UTF8.GetBytes(yaml),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren" }).ClickAsync();
    }
}
