using System.Text;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>Every page of Activiteiten and Omroep passes axe, the keyboard check and the 390 px check, with content on it.</summary>
public sealed class BeheerActiviteitenOmroepAccessibilityTests
{
    [Fact]
    public async Task Activiteiten_and_omroep_pages_are_accessible()
    {
        await using var site = await BeheerSite.StartAsync();
        var carla = await site.MemberWithRoleAsync("7401", "Carla", Role.Coordinator);
        await using (var scope = site.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
            var now = DateTimeOffset.UtcNow;
            await scope.ServiceProvider.GetRequiredService<EventService>().ImportAsync(db, """
                events:
                  - id: schouw
                    title: Schouw Souburgh
                    location: Speeltuin Souburgh
                    capacity: 20
                    buurten: [Souburgh]
                    dates:
                      - start: 2020-05-02 10:00
                      - start: 2099-05-02 10:00
                """, dryRun: false, "test", now);
            var broadcasts = scope.ServiceProvider.GetRequiredService<BroadcastService>();
            await broadcasts.CreateAsync(db, new BroadcastDraft(BroadcastAudienceKind.AllGroups, [], "Zaterdag snoeien we samen.", null, null, "test", null, null), now);
            await broadcasts.CreateAsync(db, new BroadcastDraft(BroadcastAudienceKind.AllGroups, [], "Later meer.", null, null, "test", null, now.AddDays(2)), now);
            await db.SaveChangesAsync();
        }
        int eventId, futureDate;
        await using (var db = site.Host.OpenDb())
        {
            eventId = await db.Events.Select(e => e.Id).SingleAsync();
            futureDate = (await db.EventOccurrences.ToListAsync()).OrderBy(o => o.StartsAt).Last().Id;
        }

        var page = await site.LoginAsAsync(carla);
        foreach (var path in new[]
                 {
                     "/beheer/activiteiten", "/beheer/activiteiten?periode=voorbij", "/beheer/activiteiten/plannen",
                     $"/beheer/activiteiten/activiteit/{eventId}", $"/beheer/activiteiten/datum/{futureDate}", "/beheer/activiteiten/programma",
                     "/beheer/omroep", "/beheer/omroep/rapport/1",
                 })
        {
            await page.SetViewportSizeAsync(1280, 900);
            await page.GotoAsync(site.Url(path));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await BeheerSite.AssertAccessibleAsync(page);
        }

        // With their results showing: a programme preview, a problem list, a broadcast preview.
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(site.Url("/beheer/activiteiten/programma"));
        await page.GetByLabel("Programma (.yaml").SetInputFilesAsync(new FilePayload
        {
            Name = "p.yaml", MimeType = "application/yaml",
            Buffer = Encoding.UTF8.GetBytes("events:\n  - id: b\n    title: Buurtbarbecue\n    dates:\n      - start: 2099-06-26 17:00\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Importeren" })).ToBeVisibleAsync();
        await BeheerSite.AssertAccessibleAsync(page);

        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(site.Url("/beheer/activiteiten/plannen"));
        await page.EvaluateAsync("() => document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plannen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Typ een naam van 3 tot 200 tekens.");
        await BeheerSite.AssertAccessibleAsync(page);

        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(site.Url("/beheer/omroep"));
        await page.GetByLabel("Bericht (kort").FillAsync("Zaterdag snoeien we samen. Doe je mee?");
        await page.GetByLabel("Foto (JPEG of PNG").SetInputFilesAsync(new FilePayload { Name = "f.png", MimeType = "image/png", Buffer = BeheerOmroepTests.Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ja, versturen" })).ToBeVisibleAsync();
        await BeheerSite.AssertAccessibleAsync(page);

        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByLabel("Bericht (kort").FillAsync("");
        await page.EvaluateAsync("() => document.getElementById('tekst').removeAttribute('required')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Typ een bericht van 3 tot 1000 tekens.");
        await BeheerSite.AssertAccessibleAsync(page);
    }
}
