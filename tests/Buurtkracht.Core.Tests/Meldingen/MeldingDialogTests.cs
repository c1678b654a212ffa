using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>/melding step by step, through the engine, with every kind of bad answer.</summary>
public sealed class MeldingDialogTests : IAsyncLifetime
{
    private readonly FakePhotoDownloader _photos = new();
    private CoreHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync(_photos);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static IEnumerable<string> Data(OutgoingMessage question) => question.Choices.SelectMany(row => row).Select(c => c.Data);

    private Task<DialogState?> StateAsync() => _h.DbAsync(db => db.DialogStates.SingleOrDefaultAsync());

    private async Task AssertStepAsync(string stepId) => Assert.Equal(stepId, (await StateAsync())!.StepId);

    [Fact]
    public async Task The_whole_dialog_with_a_shared_location_and_a_photo_stores_a_melding_with_a_reference()
    {
        _photos.Files["photo-1"] = TestPhotos.JpegWithGps();

        var theme = (await _h.PrivateAsync(Anna, "/melding")).Last;
        Assert.Equal(MeldingTexts.AskTheme.Nl, theme.Text);
        Assert.Equal(["thema:Schoon", "thema:Heel", "thema:Veilig"], Data(theme));

        var categories = (await _h.PrivateAsync(Anna, new ChoiceContent("thema:Heel"))).Last;
        Assert.Contains("Openbare verlichting", categories.Choices.SelectMany(r => r).Select(c => c.Label));
        Assert.DoesNotContain("Parkeren", categories.Choices.SelectMany(r => r).Select(c => c.Label));

        var location = (await _h.PrivateAsync(Anna, new ChoiceContent($"cat:{await CategoryIdAsync(_h, "verlichting")}"))).Last;
        Assert.Equal("Deel mijn locatie", location.RequestLocationLabel);

        Assert.Equal(MeldingTexts.AskDescription.Nl, (await _h.PrivateAsync(Anna, InAlblasserdam)).Last.Text);
        var photos = (await _h.PrivateAsync(Anna, "De lantaarnpaal bij de speeltuin doet het niet meer.")).Last;
        Assert.Equal(MeldingTexts.AskPhotos.Nl, photos.Text);
        Assert.Equal(["fotos:klaar"], Data(photos));

        var more = await _h.PrivateAsync(Anna, new PhotoContent("photo-1", 6, null));
        Assert.Equal(MeldingTexts.PhotoReceived.Nl, more.Texts[0]);
        Assert.Equal(MeldingTexts.AskMorePhotos.In("nl", 1), more.Last.Text);

        var contact = (await _h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"))).Last;
        Assert.Contains("wissen we 365 dagen nadat", contact.Text);
        await _h.PrivateAsync(Anna, new ChoiceContent("contact:naam"));
        await _h.PrivateAsync(Anna, "Anna de Vries");
        var summary = (await _h.PrivateAsync(Anna, "anna@example.nl")).Last;
        Assert.Contains("Heel – Openbare verlichting", summary.Text);
        Assert.Contains("gedeelde locatie (51,86550, 4,66000)", summary.Text);
        Assert.Contains("Foto's: 1", summary.Text);
        Assert.Contains("Anna de Vries (anna@example.nl)", summary.Text);
        Assert.Equal(["samenvatting:versturen", "samenvatting:wijzigen", "samenvatting:annuleren"], Data(summary));

        var sent = await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
        Assert.Equal(MeldingTexts.SentStoredOnly.In("nl", "BK-2026-000001"), sent.Last.Text);
        Assert.Null(await StateAsync());

        var melding = await _h.DbAsync(db => db.Meldingen.Include(m => m.Forwards).SingleAsync());
        Assert.Equal(("BK-2026-000001", MeldingTheme.Heel, "Openbare verlichting", MeldingStatus.Ontvangen),
            (melding.Reference, melding.Theme, melding.CategoryName, melding.Status));
        Assert.Equal((51.8655, 4.66), (melding.Latitude!.Value, melding.Longitude!.Value));
        Assert.Null(melding.Address);
        Assert.False(melding.Anonymous);
        Assert.Equal(("Anna de Vries", "anna@example.nl"), (melding.ReporterName, melding.ReporterEmail));
        Assert.Equal((ChannelKind.Telegram, Anna.UserId), (melding.Channel, melding.ChatId));
        // The photo is only a reference so far: nothing was downloaded inside a turn.
        Assert.Equal(["telegram-file:photo-1"], melding.PhotoPaths);
        Assert.Empty(_photos.Requests);
        var forward = Assert.Single(melding.Forwards);
        Assert.Equal((StoreOnlySink.SinkName, ForwardingState.Pending), (forward.Sink, forward.State));

        // The forwarding job fetches it, also for the store-only sink, and puts the path in its place.
        Assert.Equal(1, await ForwardOnceAsync(_h));
        melding = await _h.DbAsync(db => db.Meldingen.Include(m => m.Forwards).SingleAsync());
        var photo = Assert.Single(melding.PhotoPaths);
        Assert.Equal(Path.Combine(_h.Database.Folder, "meldingen", "BK-2026-000001", "foto-1.jpg"), photo);
        Assert.True(TestPhotos.IsCleanImage(await File.ReadAllBytesAsync(photo)));
        Assert.Equal(ForwardingState.Forwarded, Assert.Single(melding.Forwards).State);
    }

    [Fact]
    public async Task References_count_up_per_year()
    {
        await ToSummaryAsync(_h, Anna);
        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
        await ToSummaryAsync(_h, Bram);
        var second = await _h.PrivateAsync(Bram, new ChoiceContent("samenvatting:versturen"));
        Assert.Contains("BK-2026-000002", second.Last.Text);

        _h.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 2, 9, 0, 0, TimeSpan.Zero));
        await ToSummaryAsync(_h, Anna);
        Assert.Contains("BK-2027-000001", (await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"))).Last.Text);
    }

    [Fact]
    public async Task A_typed_address_is_kept_as_typed_and_marked_while_the_geocoder_cannot_be_reached()
    {
        // This harness's geocoder is a port nothing listens on.
        await UpToAsync(_h, Anna, "Heel", "verlichting");
        var kept = await _h.PrivateAsync(Anna, "kerkstr. 12a, Alblasserdam");
        Assert.Equal([MeldingTexts.AddressKeptToCheck.Nl, MeldingTexts.AskDescription.Nl], kept.Texts);
        await _h.PrivateAsync(Anna, "De lantaarnpaal voor nummer 12 is al een week kapot.");
        await _h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await _h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"));
        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));

        var melding = await _h.DbAsync(db => db.Meldingen.SingleAsync());
        Assert.Equal(("kerkstr. 12a, Alblasserdam", "kerkstr."), (melding.Address, melding.Street));
        Assert.True(melding.AddressToCheck);
        Assert.Equal("kerkstr. 12a, Alblasserdam (adres nog controleren)", melding.PlaceLine);
        Assert.Null(melding.Latitude);
        Assert.True(melding.Anonymous);
        Assert.Null(melding.ReporterEmail);
    }

    [Fact]
    public async Task Bad_answers_at_the_theme_and_category_get_a_clear_message_and_the_same_question()
    {
        await _h.PrivateAsync(Anna, "/melding");
        var typed = await _h.PrivateAsync(Anna, "lantaarnpaal");
        Assert.Equal([ConversationTexts.UseTheButtons.Nl, MeldingTexts.AskTheme.Nl], typed.Texts);
        var empty = await _h.PrivateAsync(Anna, "   ");
        Assert.Equal([ConversationTexts.EmptyText.Nl, MeldingTexts.AskTheme.Nl], empty.Texts);

        await _h.PrivateAsync(Anna, new ChoiceContent("thema:Schoon"));
        // A category of another theme is not on the buttons.
        var wrong = await _h.PrivateAsync(Anna, new ChoiceContent($"cat:{await CategoryIdAsync(_h, "verlichting")}"));
        Assert.Equal(ConversationTexts.StaleButton.Nl, wrong.Texts[0]);
        await AssertStepAsync("categorie");
    }

    [Fact]
    public async Task Bad_places_get_a_clear_message_and_the_same_question()
    {
        await UpToAsync(_h, Anna, "Heel", "wegen");

        var sticker = await _h.PrivateAsync(Anna, new UnsupportedContent("sticker"));
        Assert.Equal([ConversationTexts.Unsupported.In("nl", "sticker"), MeldingTexts.AskLocationShare.Nl], sticker.Texts);
        Assert.Equal("Deel mijn locatie", sticker.Last.RequestLocationLabel);

        var elsewhere = await _h.PrivateAsync(Anna, InDordrecht);
        Assert.Equal([MeldingTexts.InOtherMunicipality.In("nl", "Dordrecht", "Alblasserdam"), MeldingTexts.AskLocationShare.Nl], elsewhere.Texts);

        Assert.Equal(MeldingTexts.NoHouseNumber.Nl, (await _h.PrivateAsync(Anna, "Kerkstraat")).Texts[0]);
        Assert.Equal(MeldingTexts.LocationExpected.Nl, (await _h.PrivateAsync(Anna, new PhotoContent("x", 10, null))).Texts[0]);
        var tooLong = await _h.PrivateAsync(Anna, new string('a', 4001));
        Assert.Equal(ConversationTexts.TooLong.In("nl", 4001), tooLong.Texts[0]);
        await AssertStepAsync("locatie");

        Assert.Equal(MeldingTexts.AskDescription.Nl, (await _h.PrivateAsync(Anna, "Cortgene 3")).Last.Text);
    }

    [Fact]
    public async Task Bad_descriptions_get_a_clear_message_and_the_same_question()
    {
        await UpToAsync(_h, Anna, "Schoon", "afval", "Dam 1");

        Assert.Equal([MeldingTexts.DescriptionTooShort.Nl, MeldingTexts.AskDescription.Nl], (await _h.PrivateAsync(Anna, "vuil")).Texts);
        Assert.Equal([MeldingTexts.DescriptionTooLong.In("nl", 1001), MeldingTexts.AskDescription.Nl], (await _h.PrivateAsync(Anna, new string('x', 1001))).Texts);
        Assert.Equal(MeldingTexts.DescriptionExpected.Nl, (await _h.PrivateAsync(Anna, InAlblasserdam)).Texts[0]);
        await AssertStepAsync("omschrijving");
        Assert.Equal(MeldingTexts.AskPhotos.Nl, (await _h.PrivateAsync(Anna, new string('x', 1000))).Last.Text);
    }

    [Fact]
    public async Task Oversized_photos_and_other_messages_at_the_photo_step_get_a_friendly_repeat()
    {
        _photos.Files["big"] = new byte[2_000_000];
        _photos.Files["ok"] = TestPhotos.JpegWithGps();
        await UpToAsync(_h, Anna, "Schoon", "afval", "Dam 1");
        await _h.PrivateAsync(Anna, "Er ligt een berg zwerfafval naast de bank.");

        // Too large by the size Telegram announces. (A photo too large while downloading is the forwarding job's
        // business now: see MeldingForwardingTests.)
        Assert.Equal([MeldingTexts.PhotoTooLarge.Nl, MeldingTexts.AskPhotos.Nl], (await _h.PrivateAsync(Anna, new PhotoContent("big", 20_000_000, null))).Texts);
        Assert.Equal(ConversationTexts.Unsupported.In("nl", "sticker"), (await _h.PrivateAsync(Anna, new UnsupportedContent("sticker"))).Texts[0]);
        Assert.Equal(MeldingTexts.PhotoExpected.Nl, (await _h.PrivateAsync(Anna, "hier is de foto")).Texts[0]);
        await AssertStepAsync("fotos");
        Assert.Empty(_photos.Requests);

        await _h.PrivateAsync(Anna, new PhotoContent("ok", 3, null));
        await _h.PrivateAsync(Anna, new PhotoContent("ok", 3, null));
        // The third photo goes straight on.
        Assert.Equal(MeldingTexts.AskContact.In("nl", 365), (await _h.PrivateAsync(Anna, new PhotoContent("ok", 3, null))).Last.Text);
    }

    [Fact]
    public async Task Invalid_names_and_e_mail_addresses_get_a_clear_message_and_the_same_question()
    {
        await ToSummaryAsync(_h, Anna);
        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:wijzigen"));
        await _h.PrivateAsync(Anna, new ChoiceContent("wijzig:contact"));
        await _h.PrivateAsync(Anna, new ChoiceContent("contact:naam"));
        Assert.Equal(MeldingTexts.NameInvalid.Nl, (await _h.PrivateAsync(Anna, "A")).Texts[0]);
        await _h.PrivateAsync(Anna, "Anna de Vries");

        foreach (var bad in new[] { "anna", "anna@", "anna@example", "anna @example.nl", "Anna <anna@example.nl>", "anna@@example.nl", "anna@example..nl", "anna@example.n1" })
        {
            var turn = await _h.PrivateAsync(Anna, bad);
            Assert.Equal([MeldingTexts.EmailInvalid.Nl, MeldingTexts.AskEmail.Nl], turn.Texts);
        }
        await AssertStepAsync("email");
        Assert.Contains("Anna de Vries (anna.de-vries@mail.example.nl)", (await _h.PrivateAsync(Anna, "anna.de-vries@mail.example.nl")).Last.Text);
    }

    [Fact]
    public async Task Wijzigen_jumps_to_one_step_and_comes_back_to_the_summary()
    {
        await ToSummaryAsync(_h, Anna);
        var change = (await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:wijzigen"))).Last;
        Assert.Equal(["wijzig:thema", "wijzig:locatie", "wijzig:omschrijving", "wijzig:fotos", "wijzig:contact", "wijzig:samenvatting"], Data(change));

        Assert.Equal(MeldingTexts.AskDescription.Nl, (await _h.PrivateAsync(Anna, new ChoiceContent("wijzig:omschrijving"))).Last.Text);
        var summary = (await _h.PrivateAsync(Anna, "Twee lantaarnpalen doen het niet, bij nummer 12 en 14.")).Last;
        Assert.Contains("Wat er is: Twee lantaarnpalen doen het niet", summary.Text);
        Assert.Contains("Plek: Kerkstraat 12", summary.Text);

        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:wijzigen"));
        await _h.PrivateAsync(Anna, new ChoiceContent("wijzig:locatie"));
        Assert.Contains("Plek: Cortgene 7", (await _h.PrivateAsync(Anna, "Cortgene 7")).Last.Text);

        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:wijzigen"));
        await _h.PrivateAsync(Anna, new ChoiceContent("wijzig:thema"));
        await _h.PrivateAsync(Anna, new ChoiceContent("thema:Schoon"));
        var afterTheme = (await _h.PrivateAsync(Anna, new ChoiceContent($"cat:{await CategoryIdAsync(_h, "afval")}"))).Last;
        Assert.Contains("Onderwerp: Schoon – Afval en zwerfafval", afterTheme.Text);

        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
        var melding = await _h.DbAsync(db => db.Meldingen.SingleAsync());
        Assert.Equal(("Afval en zwerfafval", "Cortgene 7"), (melding.CategoryName, melding.Address));
        Assert.StartsWith("Twee lantaarnpalen", melding.Description);
    }

    [Fact]
    public async Task Annuleren_stores_nothing()
    {
        await ToSummaryAsync(_h, Anna);
        Assert.Equal([MeldingTexts.Cancelled.Nl], (await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:annuleren"))).Texts);
        Assert.Equal(0, await _h.DbAsync(db => db.Meldingen.CountAsync()));
        Assert.Null(await StateAsync());
    }

    [Fact]
    public async Task Veilig_shows_the_emergency_numbers_first()
    {
        await _h.PrivateAsync(Anna, "/melding");
        var turn = await _h.PrivateAsync(Anna, new ChoiceContent("thema:Veilig"));
        Assert.Equal([MeldingTexts.Safety.Nl, MeldingTexts.AskCategory.Nl], turn.Texts);
        Assert.Contains("112", turn.Texts[0]);
        Assert.Contains("0900-8844", turn.Texts[0]);
        Assert.Contains("0800-7000", turn.Texts[0]);
    }

    [Fact]
    public async Task A_description_that_reads_like_an_emergency_shows_the_numbers_before_going_on()
    {
        await UpToAsync(_h, Anna, "Heel", "riolering", "Dam 1");

        var turn = await _h.PrivateAsync(Anna, "Ik ruik een sterke gaslucht bij de put.");
        Assert.Equal([MeldingTexts.Safety.Nl, MeldingTexts.AskPhotos.Nl], turn.Texts);
    }

    [Fact]
    public async Task An_ordinary_melding_does_not_show_the_emergency_numbers()
    {
        await ToSummaryAsync(_h, Anna, description: "Er is een brandgang vol met onkruid en takken.");
        Assert.DoesNotContain(await _h.OutboxTextsAsync(Anna.UserId), t => t == MeldingTexts.Safety.Nl);
    }

    [Fact]
    public async Task Terug_and_stop_work_at_every_step()
    {
        await UpToAsync(_h, Anna, "Heel", "wegen");
        Assert.Equal(MeldingTexts.AskCategory.Nl, (await _h.PrivateAsync(Anna, "terug")).Last.Text);
        Assert.Equal([ConversationTexts.Stopped.Nl], (await _h.PrivateAsync(Anna, "stop")).Texts);
        Assert.Null(await StateAsync());
    }

    [Fact]
    public async Task A_restart_mid_dialog_resumes_at_the_same_step()
    {
        await UpToAsync(_h, Anna, "Heel", "wegen");
        await _h.PrivateAsync(Anna, InAlblasserdam);

        await _h.RestartAsync();

        Assert.Equal(MeldingTexts.AskPhotos.Nl, (await _h.PrivateAsync(Anna, "Een grote kuil in het fietspad.")).Last.Text);
        await _h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await _h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"));
        Assert.Contains("BK-2026-000001", (await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"))).Last.Text);
    }

    [Fact]
    public async Task In_a_group_melding_points_to_the_private_chat()
    {
        var turn = await _h.GroupAsync(Anna, "/melding");
        Assert.Equal([ConversationTexts.PrivateOnlyMelding.In("nl", "https://t.me/buurtkracht_test_bot?start=melding")], turn.Texts);
        Assert.StartsWith("Een melding maak je in een privégesprek met mij.", turn.Texts[0]);
    }

    [Fact]
    public async Task Mijnmeldingen_lists_the_residents_own_meldingen_with_status()
    {
        Assert.Equal([MeldingTexts.NoMeldingen.Nl], (await _h.PrivateAsync(Anna, "/mijnmeldingen")).Texts);
        await ToSummaryAsync(_h, Anna);
        await _h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
        await ToSummaryAsync(_h, Bram);
        await _h.PrivateAsync(Bram, new ChoiceContent("samenvatting:versturen"));

        var list = (await _h.PrivateAsync(Anna, "/mijnmeldingen")).Last.Text;
        Assert.Equal("Je meldingen:\n\nBK-2026-000001 – Openbare verlichting\nPlek: Kerkstraat 12\nGemeld op 23-11-2026. Status: ontvangen.", list);

        // The latest word from the gemeente with its date; a shared location is named as such.
        await _h.DbAsync(async db =>
        {
            var melding = await db.Meldingen.SingleAsync(m => m.Reference == "BK-2026-000001");
            melding.Address = null;
            melding.SetStatus(MeldingStatus.Afgehandeld, melding.CreatedAt.AddDays(3));
            melding.StatusNotes = "Lamp vervangen.";
            melding.UpdatedAt = melding.CreatedAt.AddDays(3);
            await db.SaveChangesAsync();
        });
        Assert.Equal("Je meldingen:\n\nBK-2026-000001 – Openbare verlichting\nPlek: de plek die je op de kaart deelde\nGemeld op 23-11-2026. Status: afgehandeld.\n"
            + "Laatste bericht (26-11-2026): Lamp vervangen.", (await _h.PrivateAsync(Anna, "/mijnmeldingen")).Last.Text);
    }
}

/// <summary>Teams has no location button and, without a photo downloader, no photos: the typed address path.</summary>
public sealed class MeldingDialogWebChatTests
{
    [Fact]
    public async Task The_web_chat_offers_to_share_a_location()
    {
        await using var h = await CoreHarness.StartAsync(channel: ChannelKind.WebChat);
        var location = (await UpToAsync(h, Anna, "Heel", "wegen")).Last;
        Assert.Equal(MeldingTexts.AskLocationShare.Nl, location.Text);
        Assert.Equal("Deel mijn locatie", location.RequestLocationLabel);
    }

    [Fact]
    public async Task Teams_asks_for_a_typed_address_and_offers_only_skip_for_photos_without_a_downloader()
    {
        await using var h = await CoreHarness.StartAsync(channel: ChannelKind.Teams);
        var location = (await UpToAsync(h, Anna, "Heel", "wegen")).Last;
        Assert.Equal(MeldingTexts.AskLocationTyped.Nl, location.Text);
        Assert.Null(location.RequestLocationLabel);

        await h.PrivateAsync(Anna, "Dam 4");
        var photos = (await h.PrivateAsync(Anna, "Een losse stoeptegel waar je over struikelt.")).Last;
        Assert.Equal(MeldingTexts.AskPhotosTyped.Nl, photos.Text);
        Assert.Equal(["fotos:klaar"], photos.Choices.SelectMany(r => r).Select(c => c.Data));
    }
}
