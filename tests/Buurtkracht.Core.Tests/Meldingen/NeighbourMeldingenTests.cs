using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>"Is het een van deze?": neighbours' open meldingen nearby first, and following one instead of a duplicate.</summary>
public sealed class NeighbourMeldingenTests
{
    /// <summary>About 20 m north of <see cref="MeldingSteps.InAlblasserdam"/>.</summary>
    private static readonly LocationContent TwentyMetresAway = new(InAlblasserdam.Latitude + 0.00018, InAlblasserdam.Longitude);

    /// <summary>About 100 m north: too far.</summary>
    private static readonly LocationContent HundredMetresAway = new(InAlblasserdam.Latitude + 0.0009, InAlblasserdam.Longitude);

    private static IEnumerable<string> Data(OutgoingMessage question) => question.Choices.SelectMany(row => row).Select(c => c.Data);

    /// <summary>Bram reports a broken street light at the shared place, with his name in the description.</summary>
    private static async Task<Melding> BramReportsAsync(CoreHarness h, string category = "verlichting", string theme = "Heel")
    {
        await UpToAsync(h, Bram, theme, category);
        await h.PrivateAsync(Bram, InAlblasserdam);
        await h.PrivateAsync(Bram, "De lamp bij mijn huis doet het niet. Groet, Bram Bakker, bel 06-12345678 of bram@example.nl");
        await h.PrivateAsync(Bram, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Bram, new ChoiceContent("contact:anoniem"));
        await h.PrivateAsync(Bram, new ChoiceContent("samenvatting:versturen"));
        return await h.DbAsync(db => db.Meldingen.OrderBy(m => m.Id).LastAsync());
    }

    [Fact]
    public async Task An_open_melding_of_the_same_category_nearby_is_shown_and_Ja_deze_makes_the_resident_a_follower_without_a_new_melding()
    {
        await using var h = await StartAsync();
        var bram = await BramReportsAsync(h);
        h.Clock.Advance(TimeSpan.FromDays(3));

        await UpToAsync(h, Anna, "Heel", "verlichting");
        var question = (await h.PrivateAsync(Anna, TwentyMetresAway)).Last;

        Assert.StartsWith("Er is vlakbij al iets gemeld wat hierop lijkt. Is het een van deze?", question.Text);
        Assert.Contains("1. 23-11-2026, ongeveer 20 meter hiervandaan: \"De lamp bij mijn huis doet het niet. Groet, … …", question.Text);
        // No name, phone number or e-mail of the reporter.
        Assert.DoesNotContain("Bram", question.Text);
        Assert.DoesNotContain("06-12345678", question.Text);
        Assert.DoesNotContain("bram@example.nl", question.Text);
        Assert.Equal(["buren:0", "buren:nee"], Data(question));
        Assert.Equal(["Ja, deze", "Nee, iets anders"], question.Choices.SelectMany(r => r).Select(c => c.Label));

        var followed = await h.PrivateAsync(Anna, new ChoiceContent("buren:0"));
        Assert.Equal(MeldingTexts.Following.In("nl", bram.Reference), followed.Last.Text);
        Assert.Null(await h.DbAsync(db => db.DialogStates.SingleOrDefaultAsync()));
        Assert.Equal(1, await h.DbAsync(db => db.Meldingen.CountAsync()));
        var follower = await h.DbAsync(db => db.MeldingFollowers.Include(f => f.Member).SingleAsync());
        Assert.Equal((bram.Id, Anna.UserId, ChannelKind.Telegram, Anna.UserId), (follower.MeldingId, follower.Member!.ChannelUserId, follower.Channel, follower.ChatId));

        // /mijnmeldingen lists it under the ones she follows.
        Assert.Equal($"Meldingen die je volgt:\n{bram.Reference} – Openbare verlichting. Status: ontvangen.", (await h.PrivateAsync(Anna, "/mijnmeldingen")).Last.Text);
    }

    [Fact]
    public async Task A_follower_gets_the_same_status_messages_as_the_reporter_from_the_dashboard_or_CLI_status_change()
    {
        await using var h = await StartAsync();
        var bram = await BramReportsAsync(h);
        await UpToAsync(h, Anna, "Heel", "verlichting");
        await h.PrivateAsync(Anna, TwentyMetresAway);
        await h.PrivateAsync(Anna, new ChoiceContent("buren:0"));

        // What /beheer/meldingen/{id} and `meldingen status` both call.
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Buurtkracht.Core.Persistence.BuurtkrachtDb>();
            var melding = await db.Meldingen.SingleAsync(m => m.Id == bram.Id);
            Assert.True(await scope.ServiceProvider.GetRequiredService<MeldingStatusChanger>()
                .ChangeAsync(db, melding, MeldingStatus.InBehandeling, "We komen morgen kijken.", "beheer:test"));
        }

        Assert.Equal(MeldingTexts.StatusChanged.In("nl", bram.Reference, "openbare verlichting", "in behandeling") + "\nDe gemeente schrijft: We komen morgen kijken.",
            (await h.OutboxTextsAsync(Bram.UserId))[^1]);
        Assert.Equal(MeldingTexts.StatusChangedFollower.In("nl", bram.Reference, "openbare verlichting", "in behandeling") + "\nDe gemeente schrijft: We komen morgen kijken.",
            (await h.OutboxTextsAsync(Anna.UserId))[^1]);
    }

    [Fact]
    public async Task A_follower_hears_what_Open311_status_polling_brings()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        await using var h = await StartAsync(settings: Open311At(server));
        var bram = await BramReportsAsync(h);
        Assert.Equal(1, await ForwardOnceAsync(h));
        await UpToAsync(h, Anna, "Heel", "verlichting");
        await h.PrivateAsync(Anna, TwentyMetresAway);
        await h.PrivateAsync(Anna, new ChoiceContent("buren:0"));

        var id = (await h.DbAsync(db => db.MeldingForwards.SingleAsync())).ExternalId!;
        server.SetStatus(id, "closed", "Lamp vervangen");
        await using (var scope = h.Services.CreateAsyncScope())
            Assert.Equal(1, await ActivatorUtilities.CreateInstance<MeldingStatusJob>(scope.ServiceProvider).RunAsync(CancellationToken.None));

        Assert.Equal(MeldingTexts.StatusChangedFollower.In("nl", bram.Reference, "openbare verlichting", "afgehandeld") + "\nDe gemeente schrijft: Lamp vervangen",
            (await h.OutboxTextsAsync(Anna.UserId))[^1]);
        Assert.StartsWith(MeldingTexts.StatusChanged.In("nl", bram.Reference, "openbare verlichting", "afgehandeld"), (await h.OutboxTextsAsync(Bram.UserId))[^1]);
    }

    [Fact]
    public async Task Nee_iets_anders_goes_on_with_a_new_melding_as_today()
    {
        await using var h = await StartAsync();
        await BramReportsAsync(h);
        await UpToAsync(h, Anna, "Heel", "verlichting");
        await h.PrivateAsync(Anna, TwentyMetresAway);

        Assert.Equal(MeldingTexts.AskDescription.Nl, (await h.PrivateAsync(Anna, new ChoiceContent("buren:nee"))).Last.Text);
        await h.PrivateAsync(Anna, "De lamp op de hoek knippert de hele nacht.");
        await h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"));
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));

        Assert.Equal(2, await h.DbAsync(db => db.Meldingen.CountAsync()));
        Assert.Equal(0, await h.DbAsync(db => db.MeldingFollowers.CountAsync()));
    }

    [Fact]
    public async Task Too_far_too_old_another_category_closed_or_ones_own_melding_is_not_shown()
    {
        await using var h = await StartAsync();
        var bram = await BramReportsAsync(h);

        async Task AssertStraightToDescriptionAsync(Sender who, string theme, string category, LocationContent place)
        {
            await UpToAsync(h, who, theme, category);
            Assert.Equal(MeldingTexts.AskDescription.Nl, (await h.PrivateAsync(who, place)).Last.Text);
        }

        await AssertStraightToDescriptionAsync(Anna, "Heel", "verlichting", HundredMetresAway);
        await AssertStraightToDescriptionAsync(Anna, "Heel", "wegen", TwentyMetresAway);
        await AssertStraightToDescriptionAsync(Bram, "Heel", "verlichting", TwentyMetresAway);

        await h.DbAsync(db => db.Meldingen.Where(m => m.Id == bram.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MeldingStatus.Afgehandeld)));
        await AssertStraightToDescriptionAsync(Carla, "Heel", "verlichting", TwentyMetresAway);
        await h.DbAsync(db => db.Meldingen.Where(m => m.Id == bram.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MeldingStatus.Ontvangen)));

        h.Clock.Advance(TimeSpan.FromDays(12 * 7 + 1));
        await AssertStraightToDescriptionAsync(Anna, "Heel", "verlichting", TwentyMetresAway);
    }

    [Fact]
    public async Task A_typed_address_with_coordinates_from_the_geocoder_is_found_by_the_same_distance_query()
    {
        await using var h = await StartAsync();
        // A typed address; the geocoder (another part) stores its coordinates on the melding.
        await UpToAsync(h, Bram, "Heel", "verlichting", "Kerkstraat 12");
        await h.PrivateAsync(Bram, "De lantaarnpaal voor het huis is kapot.");
        await h.PrivateAsync(Bram, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Bram, new ChoiceContent("contact:anoniem"));
        await h.PrivateAsync(Bram, new ChoiceContent("samenvatting:versturen"));
        await h.DbAsync(db => db.Meldingen.ExecuteUpdateAsync(s => s.SetProperty(m => m.Latitude, InAlblasserdam.Latitude).SetProperty(m => m.Longitude, InAlblasserdam.Longitude)));

        await UpToAsync(h, Anna, "Heel", "verlichting");
        var question = (await h.PrivateAsync(Anna, TwentyMetresAway)).Last;
        Assert.Contains("De lantaarnpaal voor het huis is kapot.", question.Text);
    }

    [Fact]
    public async Task A_typed_address_found_by_the_geocoder_is_matched_against_a_shared_location_and_the_other_way_round()
    {
        await using var pdok = await FakeLocatieserver.StartAsync();
        await using var h = await StartAsync(settings: new Dictionary<string, string?> { ["Meldingen:Geocoder:BaseUrl"] = pdok.BaseUrl });
        // Bram types the address and confirms the match: the melding gets the BAG coordinates.
        await UpToAsync(h, Bram, "Heel", "verlichting", "Damstraat 5");
        Assert.Equal(MeldingTexts.AskDescription.Nl, (await h.PrivateAsync(Bram, new ChoiceContent("adres:0"))).Last.Text);
        await h.PrivateAsync(Bram, "De lantaarnpaal voor het huis is kapot.");
        await h.PrivateAsync(Bram, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Bram, new ChoiceContent("contact:anoniem"));
        await h.PrivateAsync(Bram, new ChoiceContent("samenvatting:versturen"));

        // Anna shares her location about 20 m away.
        await UpToAsync(h, Anna, "Heel", "verlichting");
        Assert.StartsWith("Er is vlakbij al iets gemeld", (await h.PrivateAsync(Anna, new LocationContent(51.86420 + 0.00018, 4.66880))).Last.Text);

        // Carla types the same address: after confirming it, the same question.
        await UpToAsync(h, Carla, "Heel", "verlichting", "Damstraat 5");
        var question = (await h.PrivateAsync(Carla, new ChoiceContent("adres:0"))).Last;
        Assert.StartsWith("Er is vlakbij al iets gemeld", question.Text);
        Assert.Contains("ongeveer 0 meter hiervandaan", question.Text);
    }

    [Fact]
    public async Task At_most_three_are_shown_nearest_first_each_with_its_own_button()
    {
        await using var h = await StartAsync();
        foreach (var who in new[] { Bram, Carla, Dirk, new Sender("105", "Eva Jansen", "nl") })
            await BramReportsAsyncAs(h, who);
        await UpToAsync(h, Anna, "Heel", "verlichting");
        var question = (await h.PrivateAsync(Anna, TwentyMetresAway)).Last;
        Assert.Equal(["buren:0", "buren:1", "buren:2", "buren:nee"], Data(question));
        Assert.Equal(["Ja, nummer 1", "Ja, nummer 2", "Ja, nummer 3", "Nee, iets anders"], question.Choices.SelectMany(r => r).Select(c => c.Label));
    }

    private static async Task BramReportsAsyncAs(CoreHarness h, Sender who)
    {
        await UpToAsync(h, who, "Heel", "verlichting");
        await h.PrivateAsync(who, InAlblasserdam);
        if (await h.DbAsync(db => db.DialogStates.SingleAsync(s => s.UserId == who.UserId)) is { StepId: "buren" })
            await h.PrivateAsync(who, new ChoiceContent("buren:nee"));
        await h.PrivateAsync(who, "De lamp doet het niet meer sinds gisteren.");
        await h.PrivateAsync(who, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(who, new ChoiceContent("contact:anoniem"));
        await h.PrivateAsync(who, new ChoiceContent("samenvatting:versturen"));
    }

    [Theory]
    [InlineData("De lamp doet het niet.", "De lamp doet het niet.")]
    [InlineData("Mail me op jan@example.nl of bel 0612345678.", "Mail me op … of bel ….")]
    [InlineData("Buurman Pietersen zegt dat de lamp kapot is.", "Buurman … zegt dat de lamp kapot is.")]
    [InlineData("Een heel lange omschrijving met meer dan tien woorden die dus wordt afgekapt na tien.", "Een heel lange omschrijving met meer dan tien woorden die …")]
    public void The_shown_description_is_short_and_without_personal_data(string description, string expected) =>
        Assert.Equal(expected, NearbyMeldingen.Summarise(description));

    [Fact]
    public void The_distance_is_a_great_circle_distance_in_metres() =>
        Assert.InRange(NearbyMeldingen.DistanceMeters(51.8655, 4.66, 51.8655 + 0.00018, 4.66), 19.5, 20.5);
}
