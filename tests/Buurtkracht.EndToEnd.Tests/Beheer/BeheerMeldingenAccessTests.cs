using System.Net;
using System.Text.RegularExpressions;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>Who may see and change which melding in the dashboard, decided by the server on every request.</summary>
public sealed partial class BeheerMeldingenAccessTests : IAsyncLifetime
{
    private const int IndexPageSize = global::Buurtkracht.Bot.Beheer.Meldingen.IndexModel.PageSize;
    private static readonly DateTimeOffset Made = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly BotHost _host = new();
    private (int Id, string Reference) _inStreet;
    private (int Id, string Reference) _elsewhere;
    private (int Id, string Reference) _onMap;
    private int _moderator;
    private int _coordinator;

    public async Task InitializeAsync()
    {
        await _host.StartAsync();
        var kerkstraat = await _host.StreetGroupAsync("-100200", "Kerkstraat e.o.", "Staatsliedenbuurt", "Kerkstraat");
        await _host.StreetGroupAsync("-100300", "Rond de Dam", "Centrum", "Dam");
        _inStreet = await _host.MeldingAsync(new("afval", Made, "7001", Street: "Kerkstraat", Address: "Kerkstraat 12",
            Description: "Zakken bij nummer 12, van de buurman", ReporterName: "Anna de Vries", ReporterEmail: "anna@example.nl",
            Forwarding: ForwardingState.Failed, Photo: [1, 2, 3]));
        _elsewhere = await _host.MeldingAsync(new("verlichting", Made.AddDays(1), "7002", Street: "Dam", Address: "Dam 3"));
        _onMap = await _host.MeldingAsync(new("wegen", Made.AddDays(2), "7003", Latitude: 51.8601, Longitude: 4.6612));
        _moderator = await _host.MemberWithRoleAsync("601", "Mo", Role.Moderator, kerkstraat);
        _coordinator = await _host.MemberWithRoleAsync("602", "Carla", Role.Coordinator);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpClient> LoggedInAsync(int memberId) => _host.BeheerClientAsync(memberId);

    [Fact]
    public async Task A_moderator_sees_the_meldingen_of_their_streets_without_personal_data_and_gets_403_on_any_other()
    {
        var client = await LoggedInAsync(_moderator);

        var list = await client.GetAsync("/beheer/meldingen");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await list.Content.ReadAsStringAsync();
        Assert.Contains(_inStreet.Reference, html);
        Assert.Contains("Kerkstraat", html);
        Assert.DoesNotContain(_elsewhere.Reference, html);
        Assert.DoesNotContain(_onMap.Reference, html);
        Assert.DoesNotContain("id=\"kaart\"", html);
        Assert.DoesNotContain("handler=Csv", html, StringComparison.OrdinalIgnoreCase);

        var detail = await client.GetAsync($"/beheer/meldingen/{_inStreet.Id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var page = await detail.Content.ReadAsStringAsync();
        Assert.Contains("Afval en zwerfafval", page);
        Assert.Contains("ontvangen", page);
        foreach (var personal in new[] { "Anna", "anna@example.nl", "Zakken bij nummer 12", "Kerkstraat 12", "7001", "handler=foto", "<form method=\"post\">" })
        {
            Assert.DoesNotContain(personal, page);
            Assert.DoesNotContain(personal, html);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/beheer/meldingen/{_elsewhere.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/beheer/meldingen/{_onMap.Id}")).StatusCode);
        // An id that does not exist answers the same, so a moderator cannot probe which ones do.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/beheer/meldingen/99999")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/beheer/meldingen/{_inStreet.Id}?handler=foto&n=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/beheer/meldingen?handler=Kaart")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/beheer/meldingen?handler=Csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/beheer/meldingen?handler=Xlsx")).StatusCode);

        // With a valid antiforgery token (the logout form's), the status change is still refused: moderators only look.
        var token = BeheerAccounts.AntiforgeryToken(page);
        Assert.NotEmpty(token);
        var post = await client.PostAsync($"/beheer/meldingen/{_inStreet.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Command.Status"] = "Afgehandeld", ["Command.Note"] = "Klaar",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = _host.OpenDb();
        Assert.Equal(MeldingStatus.Ontvangen, (await db.Meldingen.SingleAsync(m => m.Id == _inStreet.Id)).Status);
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task A_coordinator_sees_everything_a_post_without_token_is_400_and_a_photo_comes_only_through_the_handler()
    {
        var client = await LoggedInAsync(_coordinator);
        var html = await (await client.GetAsync("/beheer/meldingen")).Content.ReadAsStringAsync();
        Assert.Contains(_inStreet.Reference, html);
        Assert.Contains(_elsewhere.Reference, html);
        Assert.Contains(_onMap.Reference, html);

        var page = await (await client.GetAsync($"/beheer/meldingen/{_inStreet.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("Anna de Vries", page);
        Assert.Contains("Zakken bij nummer 12", page);
        Assert.Contains("Open311Exception: requests.json: HTTP 503", page);

        var photo = await client.GetAsync($"/beheer/meldingen/{_inStreet.Id}?handler=foto&n=1");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal([1, 2, 3], await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/beheer/meldingen/{_inStreet.Id}?handler=foto&n=2")).StatusCode);
        // The photo folder is not a public path, not even for a logged-in browser.
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/meldingen/{_inStreet.Reference}/foto-1.jpg")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/beheer/meldingen/{_inStreet.Reference}/foto-1.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/beheer/meldingen/99999")).StatusCode);

        var post = await client.PostAsync($"/beheer/meldingen/{_inStreet.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Command.Status"] = "Afgehandeld", ["Command.Note"] = "Klaar",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);

        // A status that does not exist keeps the typed note on the page and changes nothing.
        var token = BeheerAccounts.AntiforgeryToken(page);
        var wrong = await client.PostAsync($"/beheer/meldingen/{_inStreet.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Command.Status"] = "Weg", ["Command.Note"] = "Mijn getypte toelichting",
        }));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var again = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("Kies een van de statussen.", again);
        Assert.Contains("Mijn getypte toelichting", again);

        await using var db = _host.OpenDb();
        Assert.Equal(MeldingStatus.Ontvangen, (await db.Meldingen.SingleAsync(m => m.Id == _inStreet.Id)).Status);
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
        Assert.Equal(0, await db.Set<AuditEntry>().CountAsync(a => a.Action == AuditActions.MeldingStatusChanged));
    }

    [Fact]
    public async Task The_list_filters_by_buurt_theme_status_period_and_forwarding_from_the_url()
    {
        var client = await LoggedInAsync(_coordinator);
        async Task<string> ListAsync(string query) => await (await client.GetAsync("/beheer/meldingen" + query)).Content.ReadAsStringAsync();
        await using (var db = _host.OpenDb())
        {
            var staatslieden = await db.Buurten.Where(b => b.Name == "Staatsliedenbuurt").Select(b => b.Id).SingleAsync();
            var byBuurt = await ListAsync($"?buurt={staatslieden}");
            Assert.Contains(_inStreet.Reference, byBuurt);
            Assert.DoesNotContain(_elsewhere.Reference, byBuurt);
            var lighting = await db.MeldingCategories.Where(c => c.Code == "verlichting").Select(c => c.Id).SingleAsync();
            var byCategory = await ListAsync($"?categorie={lighting}");
            Assert.Contains(_elsewhere.Reference, byCategory);
            Assert.DoesNotContain(_inStreet.Reference, byCategory);
        }

        var heel = await ListAsync("?thema=Heel");
        Assert.Contains(_elsewhere.Reference, heel);
        Assert.Contains(_onMap.Reference, heel);
        Assert.DoesNotContain(_inStreet.Reference, heel);

        var period = await ListAsync("?van=2026-11-21&tot=2026-11-21");
        Assert.Contains(_elsewhere.Reference, period);
        Assert.DoesNotContain(_inStreet.Reference, period);
        Assert.DoesNotContain(_onMap.Reference, period);

        var failed = await ListAsync("?doorsturen=Failed");
        Assert.Contains(_inStreet.Reference, failed);
        Assert.DoesNotContain(_elsewhere.Reference, failed);

        Assert.Contains("0 meldingen gevonden.", await ListAsync("?status=Afgehandeld"));
        var bad = await ListAsync("?thema=Paars");
        Assert.Contains("Een filter klopte niet", bad);
        Assert.Contains(_inStreet.Reference, bad);
    }

    [Fact]
    public async Task The_list_is_paged_and_the_paging_links_keep_the_filters()
    {
        for (var i = 0; i < IndexPageSize + 2; i++)
            await _host.MeldingAsync(new("afval", Made.AddDays(3).AddMinutes(i), "7100", Street: "Dam"));
        var client = await LoggedInAsync(_coordinator);

        var first = await (await client.GetAsync("/beheer/meldingen?thema=Schoon")).Content.ReadAsStringAsync();
        Assert.Contains($"{IndexPageSize + 3} meldingen gevonden.", first);
        Assert.Contains("Pagina 1 van 2", first);
        Assert.Contains("href=\"/beheer/meldingen?thema=Schoon&amp;pagina=2\"", first);
        // Newest first: the oldest Schoon melding is on page 2.
        Assert.DoesNotContain(_inStreet.Reference, first);

        var second = await (await client.GetAsync("/beheer/meldingen?thema=Schoon&pagina=2")).Content.ReadAsStringAsync();
        Assert.Contains("Pagina 2 van 2", second);
        Assert.Contains(_inStreet.Reference, second);
        Assert.DoesNotContain(_elsewhere.Reference, second);
        Assert.Contains("href=\"/beheer/meldingen?thema=Schoon\"", second);
    }
}
