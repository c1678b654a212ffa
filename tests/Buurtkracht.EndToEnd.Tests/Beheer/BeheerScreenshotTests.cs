using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>
/// The README's two pictures of the dashboard, taken from a year of demo-like figures at a desktop width. They are written
/// into the test output; with BUURTKRACHT_SCREENSHOTS set to a folder (docs/img for the README) also there, so a plain
/// <c>dotnet test</c> leaves the working tree as it was.
/// </summary>
public sealed class BeheerScreenshotTests
{
    public const string FolderVariable = "BUURTKRACHT_SCREENSHOTS";

    [Fact]
    public async Task The_overview_and_the_meldingen_list_are_pictured_for_the_readme()
    {
        await using var tiles = await FakeTileServer.StartAsync();
        await using var site = await BeheerSite.StartAsync(new BotHost(null, new Dictionary<string, string?> { ["Beheer:MapTiles"] = tiles.TemplateUrl }, kestrel: true));
        await SeedDemoAsync(site.Host);
        var coordinator = await site.MemberWithRoleAsync("9901", "Carla", Role.Coordinator);
        var page = await site.LoginAsAsync(coordinator);

        await page.GotoAsync(site.Url("/beheer?buurt=Staatsliedenbuurt"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staatsliedenbuurt", Exact = true })).ToBeVisibleAsync();
        var overview = await SaveAsync(page, "beheer-overzicht.png");

        await page.GotoAsync(site.Url("/beheer/meldingen?buurt=" + await BuurtIdAsync(site.Host, "Staatsliedenbuurt")));
        await Expect(page.Locator(".leaflet-marker-icon").First).ToBeVisibleAsync();
        await Expect(page.Locator("img.leaflet-tile-loaded").First).ToBeVisibleAsync();
        var meldingen = await SaveAsync(page, "beheer-meldingen.png");

        Assert.True(new FileInfo(overview).Length > 20_000);
        Assert.True(new FileInfo(meldingen).Length > 20_000);
    }

    private static async Task<string> SaveAsync(IPage page, string name)
    {
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await page.ScreenshotAsync(new() { Path = output });
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.Copy(output, Path.Combine(folder, name), overwrite: true);
        }
        return output;
    }

    private static async Task<int> BuurtIdAsync(BotHost host, string name)
    {
        await using var db = host.OpenDb();
        return await db.Buurten.Where(b => b.Name == name).Select(b => b.Id).SingleAsync();
    }

    /// <summary>
    /// A year of Staatsliedenbuurt and Souburgh: three street groups whose members join month by month, their daily
    /// messages, and meldingen in their streets (most handled, the recent ones open), each placed on the map.
    /// </summary>
    private static async Task SeedDemoAsync(BotHost host)
    {
        var random = new Random(3);
        var now = DateTimeOffset.UtcNow;
        await using (var db = host.OpenDb())
        {
            var staats = await db.Buurten.SingleAsync(b => b.Name == "Staatsliedenbuurt");
            staats.Streets = ["Thorbeckestraat", "Kerkstraat", "Kortenaerstraat"];
            var souburgh = await db.Buurten.SingleAsync(b => b.Name == "Souburgh");
            souburgh.Streets = ["Dam", "Souburghlaan"];
            var groups = new[]
            {
                new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-99001", Title = "Thorbeckestraat", Buurt = staats, Streets = ["Thorbeckestraat"], CreatedAt = now.AddMonths(-25) },
                new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-99002", Title = "Kerkstraat e.o.", Buurt = staats, Streets = ["Kerkstraat", "Kortenaerstraat"], CreatedAt = now.AddMonths(-25) },
                new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-99003", Title = "Dam", Buurt = souburgh, Streets = ["Dam"], CreatedAt = now.AddMonths(-25) },
            };
            db.StreetGroups.AddRange(groups);
            for (var i = 0; i < 120; i++)
            {
                var member = new Member { Channel = ChannelKind.Telegram, ChannelUserId = $"99{i:D3}", DisplayName = $"Bewoner {i}", CreatedAt = now.AddMonths(-25) };
                // More join as the programme gets known: the later months get more new members.
                var joined = now.AddDays(-750 * (1 - Math.Sqrt(random.NextDouble())));
                db.GroupMemberships.Add(new GroupMembership { Group = groups[i % 3], Member = member, JoinedAt = joined });
            }
            await db.SaveChangesAsync();
            for (var day = DateOnly.FromDateTime(now.AddMonths(-25).UtcDateTime); day <= DateOnly.FromDateTime(now.UtcDateTime); day = day.AddDays(1))
                foreach (var group in groups)
                    db.Set<GroupMessageCount>().Add(new GroupMessageCount { GroupId = group.Id, Day = day, Messages = random.Next(0, 6 + day.DayNumber % 30 / 6) });
            // A clean-up or a workshop every month, with the attendance counted afterwards.
            for (var month = 1; month <= 24; month++)
            {
                var startsAt = now.AddMonths(-month).AddDays(-random.Next(0, 20));
                db.Events.Add(new Event
                {
                    Title = month % 2 == 0 ? "Opruimactie" : "Workshop tegelwippen", Location = "Buurthuis", Kind = month % 2 == 0 ? EventKind.Opruimactie : EventKind.Tegelwippen,
                    Audience = EventAudience.AllGroups, Organiser = "SWA", CreatedAt = startsAt.AddDays(-14), UpdatedAt = startsAt.AddDays(-14),
                    Occurrences = [new EventOccurrence { StartsAt = startsAt, EndsAt = startsAt.AddHours(2), Attendance = random.Next(6, 10 + 24 - month) }],
                });
            }
            await db.SaveChangesAsync();
        }
        string[] categories = ["afval", "grofvuil", "verlichting", "wegen", "groen", "parkeren"];
        string[] streets = ["Thorbeckestraat", "Kerkstraat", "Kortenaerstraat", "Dam"];
        for (var i = 0; i < 110; i++)
        {
            var at = now.AddDays(-750 * (1 - Math.Sqrt(random.NextDouble()))).AddMinutes(-5);
            var age = (now - at).TotalDays;
            var status = age > 20 ? MeldingStatus.Afgehandeld : age > 3 ? MeldingStatus.InBehandeling : MeldingStatus.Ontvangen;
            var street = streets[i % streets.Length];
            await host.MeldingAsync(new MeldingSeed(categories[random.Next(categories.Length)], at, "99000", Street: street,
                Address: $"{street} {random.Next(1, 80)}", Latitude: 51.8600 + random.NextDouble() * 0.006, Longitude: 4.6560 + random.NextDouble() * 0.010,
                Status: status, Forwarding: random.Next(8) == 0 ? ForwardingState.Failed : ForwardingState.Forwarded));
        }
    }
}
