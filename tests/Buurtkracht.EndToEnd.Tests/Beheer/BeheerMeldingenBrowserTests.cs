using System.Text;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>A coördinator works through the meldingen in the dashboard, in Debian's chromium, with the resident on a fake Bot API.</summary>
public sealed class BeheerMeldingenBrowserTests
{
    private static readonly DateTimeOffset Made = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private const long ResidentChat = 7001;
    private const long FollowerChat = 7009;

    private static async Task<(BeheerSite Site, FakeTelegramServer Telegram, FakeTileServer Tiles)> StartAsync()
    {
        var telegram = await FakeTelegramServer.StartAsync();
        var tiles = await FakeTileServer.StartAsync();
        var host = new BotHost(null, new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram:Mode"] = "Polling",
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Beheer:MapTiles"] = tiles.TemplateUrl,
        }, kestrel: true);
        return (await BeheerSite.StartAsync(host), telegram, tiles);
    }

    [Fact]
    public async Task A_coordinator_filters_sees_the_markers_exports_opens_a_melding_and_the_resident_hears_the_new_status()
    {
        var (site, telegram, tiles) = await StartAsync();
        await using var _ = site;
        await using var __ = telegram;
        await using var ___ = tiles;
        var host = site.Host;
        await host.StreetGroupAsync("-100200", "Kerkstraat e.o.", "Staatsliedenbuurt", "Kerkstraat");

        // A real JPEG for the photo, made by the browser itself.
        var blank = await site.NewPageAsync(64, 64);
        var jpeg = await blank.ScreenshotAsync(new() { Type = ScreenshotType.Jpeg });
        var withPhoto = await host.MeldingAsync(new("afval", Made, ResidentChat.ToString(), Street: "Kerkstraat", Address: "Kerkstraat 12",
            Latitude: 51.8612, Longitude: 4.6601, Description: "=1+1; zakken naast de bank", ReporterName: "Anna de Vries",
            ReporterEmail: "anna@example.nl", Forwarding: ForwardingState.Failed, Photo: jpeg));
        var lamp = await host.MeldingAsync(new("verlichting", Made.AddDays(1), "7002", Latitude: 51.8580, Longitude: 4.6650));
        var closed = await host.MeldingAsync(new("wegen", Made.AddDays(2), "7003", Latitude: 51.8550, Longitude: 4.6700, Status: MeldingStatus.Afgehandeld));
        var coordinator = await site.MemberWithRoleAsync("501", "Carla", Role.Coordinator);
        // A neighbour follows the melding with the photo ("Ja, deze") instead of making it again.
        await using (var seed = host.OpenDb())
        {
            var neighbour = new Buurtkracht.Core.Members.Member { Channel = ChannelKind.Telegram, ChannelUserId = FollowerChat.ToString(), DisplayName = "Dirk", PrivateChatId = FollowerChat.ToString(), CreatedAt = Made };
            seed.MeldingFollowers.Add(new MeldingFollower { MeldingId = withPhoto.Id, Member = neighbour, Channel = ChannelKind.Telegram, ChatId = FollowerChat.ToString(), CreatedAt = Made });
            await seed.SaveChangesAsync();
        }

        var page = await site.LoginAsAsync(coordinator);
        await page.GetByRole(AriaRole.Link, new() { Name = "Meldingen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meldingen", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".leaflet-marker-icon")).ToHaveCountAsync(3);

        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "ontvangen" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon meldingen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=Ontvangen"));
        await Expect(page.Locator("#aantal")).ToHaveTextAsync("2 meldingen gevonden.");
        var table = page.GetByRole(AriaRole.Table);
        await Expect(table.GetByRole(AriaRole.Link, new() { Name = withPhoto.Reference })).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Link, new() { Name = lamp.Reference })).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Link, new() { Name = closed.Reference })).ToHaveCountAsync(0);
        await Expect(table).ToContainTextAsync("open311: mislukt, wordt opnieuw geprobeerd");
        // The map follows the list's filters, on tiles from Beheer:MapTiles.
        await Expect(page.Locator(".leaflet-marker-icon")).ToHaveCountAsync(2);
        await Expect(page.Locator("#kaart")).ToHaveAttributeAsync("data-count", "2");
        await Expect(page.Locator("img.leaflet-tile-loaded").First).ToBeVisibleAsync();
        Assert.NotEmpty(tiles.Requests);
        await BeheerSite.AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(1280, 900);

        var csv = await DownloadAsync(page, "Download als CSV (Excel)");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(";", MeldingExport.Columns), lines[0]);
        Assert.Equal(3, lines.Length);
        var first = lines.Single(l => l.StartsWith(withPhoto.Reference + ";", StringComparison.Ordinal));
        Assert.Contains(";Afval en zwerfafval;Kerkstraat 12;51,861200;4,660100;", first);
        // A ';' in the text is quoted, and text Excel would run as a formula is marked as text.
        Assert.Contains(";\"'=1+1; zakken naast de bank\";", first);
        Assert.DoesNotContain("anna@example.nl", Encoding.UTF8.GetString(csv));

        var xlsx = await DownloadAsync(page, "Download als Excel-bestand (.xlsx)");
        var rows = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal([withPhoto.Reference, lamp.Reference], rows.Select(r => (string)r["nummer"]).Order());
        Assert.Equal("ontvangen", rows[0]["status"]);

        await table.GetByRole(AriaRole.Link, new() { Name = withPhoto.Reference }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Melding {withPhoto.Reference}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table).First).ToContainTextAsync("ontvangen");
        await Expect(page.GetByText("Open311Exception: requests.json: HTTP 503")).ToBeVisibleAsync();
        await Expect(page.Locator("dl.facts dt:text-is('Volgers') + dd")).ToHaveTextAsync("1");
        var photo = page.GetByRole(AriaRole.Img, new() { Name = $"Foto 1 bij melding {withPhoto.Reference}" });
        await Expect(photo).ToBeVisibleAsync();
        Assert.True(await photo.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        await BeheerSite.AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByLabel("in behandeling").CheckAsync();
        await page.GetByLabel("Toelichting voor de bewoner").FillAsync("De gemeente komt dinsdag.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Status opslaan en bewoner laten weten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("De status is opgeslagen. De bewoner krijgt een bericht in de chat.");
        await Expect(page.GetByRole(AriaRole.Table).First).ToContainTextAsync("in behandeling");

        // The resident's chat gets what the CLI's `meldingen status` sends: the same status update text.
        var told = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == ResidentChat.ToString(), TelegramBot.Patience);
        Assert.Equal($"Nieuws over je melding {withPhoto.Reference} (afval en zwerfafval): in behandeling.\nDe gemeente schrijft: De gemeente komt dinsdag.",
            told.Text("text"));
        var follower = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == FollowerChat.ToString(), TelegramBot.Patience);
        Assert.Equal($"Nieuws over de melding {withPhoto.Reference} die je volgt (afval en zwerfafval): in behandeling.\nDe gemeente schrijft: De gemeente komt dinsdag.",
            follower.Text("text"));

        await using var db = host.OpenDb();
        var audit = await db.Set<AuditEntry>().SingleAsync(a => a.Action == AuditActions.MeldingStatusChanged);
        Assert.Equal("beheer:telegram:501", audit.Actor);
        Assert.Equal($"melding:{withPhoto.Id}", audit.Subject);
        Assert.DoesNotContain("dinsdag", audit.Details);
    }

    [Fact]
    public async Task A_moderator_on_a_phone_sees_their_streets_in_english_without_map_or_personal_data_and_the_pages_are_accessible()
    {
        await using var site = await BeheerSite.StartAsync();
        var host = site.Host;
        var group = await host.StreetGroupAsync("-100200", "Kerkstraat e.o.", "Staatsliedenbuurt", "Kerkstraat");
        var mine = await host.MeldingAsync(new("afval", Made, "7001", Street: "Kerkstraat", Address: "Kerkstraat 12", ReporterName: "Anna de Vries"));
        var other = await host.MeldingAsync(new("verlichting", Made, "7002", Street: "Dam", Address: "Dam 3"));
        var moderator = await site.MemberWithRoleAsync("601", "Mo", Role.Moderator, group, language: "en");

        var page = await site.LoginAsAsync(moderator, width: 390);
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reports", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = mine.Reference })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = other.Reference })).ToHaveCountAsync(0);
        await Expect(page.Locator("#kaart")).ToHaveCountAsync(0);
        await BeheerSite.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = mine.Reference }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Report {mine.Reference}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("received");
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Anna");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save the status and tell the resident" })).ToHaveCountAsync(0);
        await BeheerSite.AssertAccessibleAsync(page);

        await page.GotoAsync(site.Url($"/beheer/meldingen/{other.Id}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), "buurtkracht-tests", Guid.NewGuid().ToString("N") + "-" + download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return await File.ReadAllBytesAsync(path);
    }
}
