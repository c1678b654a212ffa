using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.WebChat;

/// <summary>
/// A melding in the web chat with the browser's location, a pin on the map and a photo, in chromium against the real
/// service, a fake Locatieserver and a fake tile server; the page keeps its CSP without inline scripts.
/// </summary>
public sealed class WebChatPlaceAndPhotoTests : IAsyncLifetime
{
    private FakeLocatieserver _pdok = null!;
    private FakeTileServer _tiles = null!;

    public async Task InitializeAsync()
    {
        _pdok = await FakeLocatieserver.StartAsync();
        _tiles = await FakeTileServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _pdok.DisposeAsync();
        await _tiles.DisposeAsync();
    }

    private Dictionary<string, string?> Settings => new()
    {
        ["Meldingen:Geocoder:BaseUrl"] = _pdok.BaseUrl,
        ["Beheer:MapTiles"] = _tiles.TemplateUrl,
    };

    private static async Task ToPlaceQuestionAsync(WebChatBrowser browser)
    {
        await browser.OpenAsync();
        await browser.SayAsync("/melding");
        await browser.BotMessages("private").Last.GetByRole(AriaRole.Button, new() { Name = "Heel" }).ClickAsync();
        await browser.BotMessages("private").Last.GetByRole(AriaRole.Button, new() { Name = "Openbare verlichting" }).ClickAsync();
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Waar is het?");
    }

    [Fact]
    public async Task Deel_mijn_locatie_and_a_photo_reach_the_melding_as_from_Telegram()
    {
        await using var browser = await WebChatBrowser.StartAsync(390, 844, Settings, o =>
        {
            o.Permissions = ["geolocation"];
            o.Geolocation = new Geolocation { Latitude = 51.8655f, Longitude = 4.6624f };
        });
        var page = browser.Page;
        var response = await browser.OpenAsync();
        var csp = response!.Headers["content-security-policy"];
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());

        await ToPlaceQuestionAsync(browser);
        await browser.BotMessages("private").Last.GetByRole(AriaRole.Button, new() { Name = "Deel mijn locatie" }).ClickAsync();
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Wat is er aan de hand?");
        await browser.SayAsync("De lantaarnpaal bij de kerk doet het niet meer.");
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Heb je een foto?");

        await page.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "lamp.jpg", MimeType = "image/jpeg", Buffer = TestPhotos.JpegWithGps() });
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Je hebt 1 van de 3 foto's gestuurd");
        await browser.BotMessages("private").Last.GetByRole(AriaRole.Button, new() { Name = "Klaar" }).ClickAsync();
        await browser.BotMessages("private").Last.GetByRole(AriaRole.Button, new() { Name = "Anoniem melden" }).ClickAsync();
        var summary = browser.BotMessages("private").Last;
        await Expect(summary).ToContainTextAsync("Plek: bij Kerkstraat 12, 2951 AB Alblasserdam (gedeelde locatie)");
        await Expect(summary).ToContainTextAsync("Foto's: 1");
        await summary.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Je melding is ontvangen");

        await using var db = browser.Host.OpenDb();
        var melding = await db.Meldingen.SingleAsync();
        Assert.Equal(ChannelKind.WebChat, melding.Channel);
        Assert.Equal(51.8655, melding.Latitude!.Value, 4);
        Assert.Equal(4.6624, melding.Longitude!.Value, 4);
        Assert.Equal("Kerkstraat 12", melding.Address);
        var photo = Assert.Single(melding.PhotoPaths);
        // Stored like a Telegram photo: cleaned of its GPS position.
        Assert.False(TestPhotos.HasGps(await File.ReadAllBytesAsync(photo)));
    }

    [Fact]
    public async Task A_pin_on_the_map_is_the_place_and_a_file_that_is_no_photo_is_refused()
    {
        await using var browser = await WebChatBrowser.StartAsync(settings: Settings);
        var page = browser.Page;
        await ToPlaceQuestionAsync(browser);

        await browser.BotMessages("private").Last.GetByRole(AriaRole.Button, new() { Name = "Kies op de kaart" }).ClickAsync();
        var map = page.Locator(".map-pick");
        await Expect(map).ToBeVisibleAsync();
        await Expect(page.Locator(".map-pick .leaflet-marker-icon")).ToBeVisibleAsync();
        await map.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deze plek versturen" }).ClickAsync();
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Wat is er aan de hand?");
        Assert.NotEmpty(_tiles.Requests);

        await using (var db = browser.Host.OpenDb())
        {
            var state = await db.DialogStates.SingleAsync(d => d.Channel == ChannelKind.WebChat);
            Assert.Contains("\"lat\":\"51.86", state.ValuesJson);
        }

        await browser.SayAsync("Een losse stoeptegel waar je over struikelt.");
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Heb je een foto?");
        // Named and typed as a photo, but not one: the server reads the bytes.
        await page.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "brief.jpg", MimeType = "image/jpeg", Buffer = "geen foto"u8.ToArray() });
        await Expect(browser.UserMessages("private").Last).ToContainTextAsync("Deze foto kan ik niet ontvangen");
        await Expect(browser.BotMessages("private").Last).ToContainTextAsync("Heb je een foto?");
    }
}
