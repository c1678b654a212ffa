using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>
/// The place of a melding through PDOK's Locatieserver (a fake one on loopback, in its documented format): typed
/// addresses, shared locations, the geocoder down, and /koppel's streets.
/// </summary>
public sealed class MeldingAddressTests : IAsyncLifetime
{
    private FakeLocatieserver _pdok = null!;
    private CoreHarness _h = null!;

    public async Task InitializeAsync()
    {
        _pdok = await FakeLocatieserver.StartAsync();
        _h = await StartAsync(settings: new Dictionary<string, string?> { ["Meldingen:Geocoder:BaseUrl"] = _pdok.BaseUrl });
        _h.Channel.AdminUserIds.Add(Anna.UserId);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _pdok.DisposeAsync();
    }

    private static IEnumerable<(string Label, string Data)> Buttons(OutgoingMessage m) => m.Choices.SelectMany(r => r).Select(c => (c.Label, c.Data));

    private Task<Melding> MeldingAsync() => _h.DbAsync(db => db.Meldingen.SingleAsync());

    private async Task SendRestAsync()
    {
        await _h.PrivateAsync(Anna, "De lantaarnpaal voor nummer 12 is al een week kapot.");
        await _h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await _h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"));
        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
    }

    [Theory]
    // On main the part after the comma was dropped and the address taken as Alblasserdam's.
    [InlineData("Kerkstraat 12, Dordrecht")]
    // On main: "Ik mis het huisnummer".
    [InlineData("Kerkstraat 12 Dordrecht")]
    public async Task A_typed_address_in_another_town_is_refused_with_the_name_of_its_municipality(string typed)
    {
        await UpToAsync(_h, Anna, "Heel", "verlichting");
        var refused = await _h.PrivateAsync(Anna, typed);
        Assert.Equal([MeldingTexts.AddressInOtherMunicipality.In("nl", "Dordrecht", "Alblasserdam"), MeldingTexts.AskLocationShare.Nl], refused.Texts);
        Assert.Equal("locatie", (await _h.DbAsync(db => db.DialogStates.SingleAsync())).StepId);
    }

    [Fact]
    public async Task A_street_outside_the_old_list_is_found_and_confirmed_with_one_tap()
    {
        await UpToAsync(_h, Anna, "Heel", "verlichting");
        var question = (await _h.PrivateAsync(Anna, "damstraat 5")).Last;
        Assert.Equal("Bedoel je: Damstraat 5, 2951 BC Alblasserdam?", question.Text);
        Assert.Equal([("Ja, dat klopt", "adres:0"), ("Nee, anders", "adres:anders")], Buttons(question));

        Assert.Equal(MeldingTexts.AskDescription.Nl, (await _h.PrivateAsync(Anna, new ChoiceContent("adres:0"))).Last.Text);
        await _h.PrivateAsync(Anna, "De lantaarnpaal voor nummer 5 is al een week kapot.");
        await _h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        var summary = (await _h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"))).Last;
        Assert.Contains("Plek: Damstraat 5, 2951 BC Alblasserdam", summary.Text);
        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));

        var m = await MeldingAsync();
        Assert.Equal(("Damstraat 5", "Damstraat", "2951BC", "Alblasserdam"), (m.Address, m.Street, m.Postcode, m.Town));
        Assert.Equal((51.86420, 4.66880), (m.Latitude!.Value, m.Longitude!.Value));
        Assert.StartsWith("adr-", m.BagId);
        Assert.False(m.AddressToCheck);
    }

    [Fact]
    public async Task Several_matches_are_offered_as_buttons_with_nee_anders()
    {
        await UpToAsync(_h, Anna, "Schoon", "afval");
        var question = (await _h.PrivateAsync(Anna, "Dam 1")).Last;
        Assert.Equal(MeldingTexts.ChooseAddress.Nl, question.Text);
        Assert.Equal(
            [("Dam 1, 2952 AB Alblasserdam", "adres:0"), ("Dam 1a, 2952 AB Alblasserdam", "adres:1"),
             ("Dam 1b, 2952 AB Alblasserdam", "adres:2"), ("Nee, anders", "adres:anders")],
            Buttons(question));

        // "Nee, anders" asks for the place again; a typed answer at the choice is no choice.
        Assert.Equal(MeldingTexts.AskLocationShare.Nl, (await _h.PrivateAsync(Anna, new ChoiceContent("adres:anders"))).Last.Text);
        await _h.PrivateAsync(Anna, "Dam 1");
        Assert.Equal(MeldingTexts.ChooseAddress.Nl, (await _h.PrivateAsync(Anna, "de tweede")).Last.Text);
        await _h.PrivateAsync(Anna, new ChoiceContent("adres:1"));
        await SendRestAsync();
        Assert.Equal("Dam 1a", (await MeldingAsync()).Address);
    }

    [Fact]
    public async Task An_address_that_does_not_exist_or_lies_elsewhere_gets_a_clear_line_and_the_same_question()
    {
        await UpToAsync(_h, Anna, "Heel", "verlichting");
        Assert.Equal(MeldingTexts.AddressNotFound.In("nl", "Alblasserdam"), (await _h.PrivateAsync(Anna, "Kerkstraatje 4")).Texts[0]);
        Assert.Equal(MeldingTexts.AddressInOtherMunicipality.In("nl", "Rotterdam", "Alblasserdam"), (await _h.PrivateAsync(Anna, "Coolsingel 40")).Texts[0]);
        Assert.Equal(MeldingTexts.NoHouseNumber.Nl, (await _h.PrivateAsync(Anna, "Kerkstraat")).Texts[0]);
        Assert.Equal("locatie", (await _h.DbAsync(db => db.DialogStates.SingleAsync())).StepId);
    }

    [Fact]
    public async Task A_shared_location_gets_the_nearest_address_and_one_elsewhere_is_refused_by_name()
    {
        await UpToAsync(_h, Anna, "Heel", "verlichting");
        var dordrecht = await _h.PrivateAsync(Anna, InDordrecht);
        Assert.Equal(MeldingTexts.InOtherMunicipality.In("nl", "Dordrecht", "Alblasserdam"), dordrecht.Texts[0]);
        // Far outside the border file, and no address near: no name to give.
        var amsterdam = await _h.PrivateAsync(Anna, new LocationContent(52.3676, 4.9041));
        Assert.Equal(MeldingTexts.OutsideMunicipality.In("nl", "Alblasserdam"), amsterdam.Texts[0]);

        await _h.PrivateAsync(Anna, new LocationContent(51.86550, 4.66240));
        await _h.PrivateAsync(Anna, "De lantaarnpaal voor nummer 12 is al een week kapot.");
        await _h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        var summary = (await _h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"))).Last;
        Assert.Contains("Plek: bij Kerkstraat 12, 2951 AB Alblasserdam (gedeelde locatie)", summary.Text);
        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));

        var m = await MeldingAsync();
        // The point is the resident's; the address is the one nearest to it.
        Assert.Equal((51.86550, 4.66240, "Kerkstraat 12", "2951AB"), (m.Latitude!.Value, m.Longitude!.Value, m.Address, m.Postcode));
    }

    [Fact]
    public async Task A_shared_location_is_checked_against_the_border_also_while_the_geocoder_is_down()
    {
        _pdok.Down = true;
        await UpToAsync(_h, Anna, "Heel", "verlichting");
        Assert.Equal(MeldingTexts.InOtherMunicipality.In("nl", "Papendrecht", "Alblasserdam"),
            (await _h.PrivateAsync(Anna, new LocationContent(51.8317, 4.6872))).Texts[0]);
        Assert.Equal(MeldingTexts.AskDescription.Nl, (await _h.PrivateAsync(Anna, InAlblasserdam)).Last.Text);
    }

    [Fact]
    public async Task With_the_geocoder_down_the_typed_address_is_kept_marked_and_placed_by_the_forwarding_job()
    {
        _pdok.Down = true;
        await UpToAsync(_h, Anna, "Heel", "verlichting");
        Assert.Equal(MeldingTexts.AddressKeptToCheck.Nl, (await _h.PrivateAsync(Anna, "Kerkstraat 12")).Texts[0]);
        await SendRestAsync();
        var kept = await MeldingAsync();
        Assert.Equal(("Kerkstraat 12", true, null), (kept.Address, kept.AddressToCheck, kept.Latitude));

        _pdok.Down = false;
        Assert.Equal(1, await ForwardOnceAsync(_h));
        var placed = await MeldingAsync();
        Assert.Equal(("Kerkstraat 12", "2951AB", false), (placed.Address, placed.Postcode, placed.AddressToCheck));
        Assert.Equal(51.86548, placed.Latitude);
    }

    [Fact]
    public async Task Still_down_at_forwarding_the_melding_goes_as_typed_and_keeps_its_mark()
    {
        _pdok.Down = true;
        await UpToAsync(_h, Anna, "Heel", "verlichting");
        await _h.PrivateAsync(Anna, "Kerkstraat 12");
        await SendRestAsync();

        var before = _pdok.RequestCount;
        Assert.Equal(1, await ForwardOnceAsync(_h));
        Assert.True(_pdok.RequestCount > before);
        var m = await _h.DbAsync(db => db.Meldingen.Include(x => x.Forwards).SingleAsync());
        Assert.True(m.AddressToCheck);
        Assert.All(m.Forwards, f => Assert.Equal(ForwardingState.Forwarded, f.State));
    }

    [Fact]
    public async Task Koppel_streets_are_checked_against_the_BAG_so_a_typo_does_not_become_a_street()
    {
        await _h.GroupAsync(Anna, "/koppel");
        var buurt = await _h.DbAsync(db => db.Buurten.Where(b => b.Name == "Souburgh").Select(b => b.Id).SingleAsync());
        await _h.GroupAsync(Anna, new ChoiceContent($"buurt:{buurt}"));

        // On main any name became valid, typos included.
        var typo = await _h.GroupAsync(Anna, "Kerkstraat, Damstraatt");
        Assert.Equal(GroupTexts.StreetsUnknown.In("nl", "Alblasserdam", "Damstraatt"), typo.Texts[0]);
        // A street of another municipality is no street here either.
        Assert.Equal(GroupTexts.StreetsUnknown.In("nl", "Alblasserdam", "Coolsingel"), (await _h.GroupAsync(Anna, "Coolsingel")).Texts[0]);

        await _h.GroupAsync(Anna, "kerkstraat, damstraat");
        var group = await _h.DbAsync(db => db.StreetGroups.SingleAsync(g => g.ChatId == GroupChatId));
        Assert.Equal(["Kerkstraat", "Damstraat"], group.Streets);
    }
}
