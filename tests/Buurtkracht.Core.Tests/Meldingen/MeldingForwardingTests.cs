using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>The sinks over real HTTP and SMTP on loopback, driven by calling the jobs with a manual clock.</summary>
public sealed class MeldingForwardingTests
{
    private static Dictionary<string, string?> Open311Settings(FakeOpen311Server server) => new()
    {
        ["Meldingen:Open311:Endpoint"] = server.BaseUrl,
        ["Meldingen:Open311:ApiKey"] = FakeOpen311Server.ApiKey,
        ["Meldingen:Open311:JurisdictionId"] = FakeOpen311Server.Jurisdiction,
        ["Meldingen:Open311:ServiceCodes:wegen"] = "ROADS",
        ["Meldingen:FirstRetryDelay"] = "00:01:00",
        ["Meldingen:MaxRetryDelay"] = "00:30:00",
    };

    private static async Task<int> ForwardAsync(CoreHarness h, CancellationToken ct = default)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<MeldingForwardingJob>(scope.ServiceProvider).RunAsync(ct);
    }

    private static async Task<int> PollAsync(CoreHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<MeldingStatusJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    private static Task<MeldingForward> ForwardRowAsync(CoreHarness h) => h.DbAsync(db => db.MeldingForwards.Include(f => f.Melding).SingleAsync());

    private static async Task SendMeldingAsync(CoreHarness h, Sender who, InboundContent? place = null, bool withContact = false)
    {
        await ToSummaryAsync(h, who, place);
        if (withContact)
        {
            await h.PrivateAsync(who, new ChoiceContent("samenvatting:wijzigen"));
            await h.PrivateAsync(who, new ChoiceContent("wijzig:contact"));
            await h.PrivateAsync(who, new ChoiceContent("contact:naam"));
            await h.PrivateAsync(who, "Anna de Vries");
            await h.PrivateAsync(who, "anna@example.nl");
        }
        await h.PrivateAsync(who, new ChoiceContent("samenvatting:versturen"));
    }

    [Fact]
    public async Task Without_configuration_a_melding_is_only_stored()
    {
        await using var h = await StartAsync();
        await SendMeldingAsync(h, Anna);

        Assert.Equal(1, await ForwardAsync(h));
        var forward = await ForwardRowAsync(h);
        Assert.Equal((StoreOnlySink.SinkName, ForwardingState.Forwarded, 1), (forward.Sink, forward.State, forward.Attempts));
    }

    [Fact]
    public async Task Open311_gets_the_request_form_encoded_and_the_service_request_id_is_stored()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        await using var h = await StartAsync(settings: Open311Settings(server));
        await SendMeldingAsync(h, Anna, InAlblasserdam, withContact: true);

        Assert.Equal(1, await ForwardAsync(h));

        var post = Assert.Single(server.Posts);
        Assert.Equal(FakeOpen311Server.ApiKey, post["api_key"]);
        Assert.Equal(FakeOpen311Server.Jurisdiction, post["jurisdiction_id"]);
        // Not mapped by configuration: found by service_name in services.json.
        Assert.Equal("LIGHT", post["service_code"]);
        Assert.Equal(("51.8655", "4.66"), (post["lat"], post["long"]));
        Assert.Null(post["address_string"]);
        var forward = await ForwardRowAsync(h);
        Assert.Equal($"Buurtkracht-melding {forward.Melding!.Reference}\nDe lantaarnpaal voor nummer 12 is al een week kapot.", post["description"]);
        // The service has no definition, so no attribute.
        Assert.DoesNotContain(post.Fields.Keys, key => key.StartsWith("attribute[", StringComparison.Ordinal));
        Assert.Equal(("Anna", "de Vries", "anna@example.nl"), (post["first_name"], post["last_name"], post["email"]));
        Assert.Null(post["media_url"]);

        Assert.Equal((Open311Sink.SinkName, ForwardingState.Forwarded, "638345"), (forward.Sink, forward.State, forward.ExternalId));
        Assert.False(forward.PossibleDuplicate);
    }

    [Fact]
    public async Task An_Open311_post_cut_off_in_flight_is_sent_again_after_the_restart_with_the_same_reference_and_marked_possibly_twice()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        server.Attributes["LIGHT"] = ["paalnummer", "buurtkracht_reference"];
        await using var h = await StartAsync(settings: Open311Settings(server));
        await SendMeldingAsync(h, Anna, InAlblasserdam);

        // The POST reaches the municipality, and the service dies before it has the answer.
        server.HangPosts = true;
        using var crash = new CancellationTokenSource();
        var run = ForwardAsync(h, crash.Token);
        await server.WaitForPostsAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal(ForwardingState.Sending, (await ForwardRowAsync(h)).State);
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        server.HangPosts = false;
        await h.RestartAsync();
        Assert.Equal(1, await ForwardAsync(h));

        var forward = await ForwardRowAsync(h);
        Assert.Equal((ForwardingState.Forwarded, true), (forward.State, forward.PossibleDuplicate));
        Assert.Equal(2, server.Posts.Count);
        var reference = forward.Melding!.Reference;
        Assert.All(server.Posts, post =>
        {
            Assert.Equal($"Buurtkracht-melding {reference}", post["description"]!.Split('\n')[0]);
            Assert.Equal(reference, post["attribute[buurtkracht_reference]"]);
            Assert.Null(post["attribute[paalnummer]"]);
        });

        // Later runs leave it alone: forwarded once more is not forwarded again.
        Assert.Equal(0, await ForwardAsync(h));
        Assert.Equal(2, server.Posts.Count);
    }

    [Fact]
    public async Task An_anonymous_typed_address_goes_as_address_string_with_the_configured_service_code_and_a_public_photo_url()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        var settings = Open311Settings(server);
        settings["Meldingen:PublicPhotoBaseUrl"] = "https://buurtkracht.example.nl/meldingfotos/";
        var photos = new FakePhotoDownloader();
        photos.Files["p"] = TestPhotos.JpegWithGps();
        await using var h = await StartAsync(photos, settings: settings);

        await UpToAsync(h, Anna, "Heel", "wegen", "Cortgene 7");
        await h.PrivateAsync(Anna, "Een diepe kuil midden op de weg.");
        await h.PrivateAsync(Anna, new PhotoContent("p", 3, null));
        await h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"));
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
        await ForwardAsync(h);

        var post = Assert.Single(server.Posts);
        Assert.Equal("ROADS", post["service_code"]);
        Assert.Equal("Cortgene 7, Alblasserdam", post["address_string"]);
        Assert.Null(post["lat"]);
        Assert.Equal("https://buurtkracht.example.nl/meldingfotos/BK-2026-000001/foto-1.jpg", post["media_url"]);
        Assert.Null(post["first_name"]);
        Assert.Null(post["email"]);
    }

    [Fact]
    public async Task A_server_that_is_down_is_retried_with_backoff_and_nothing_is_lost()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        server.Down = true;
        await using var h = await StartAsync(settings: Open311Settings(server));
        await SendMeldingAsync(h, Anna);

        Assert.Equal(0, await ForwardAsync(h));
        var failed = await ForwardRowAsync(h);
        Assert.Equal((ForwardingState.Failed, 1), (failed.State, failed.Attempts));
        Assert.Contains("503", failed.LastError);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), failed.NextAttemptAt);

        // Not due yet: the server is not even asked.
        var calls = server.RequestCount;
        Assert.Equal(0, await ForwardAsync(h));
        Assert.Equal(calls, server.RequestCount);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await ForwardAsync(h));
        var second = await ForwardRowAsync(h);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(2), second.NextAttemptAt);

        server.Down = false;
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await ForwardAsync(h));
        var forwarded = await ForwardRowAsync(h);
        Assert.Equal((ForwardingState.Forwarded, 3, null), (forwarded.State, forwarded.Attempts, forwarded.LastError));
        Assert.Single(server.Posts);
        Assert.Equal(MeldingStatus.Ontvangen, forwarded.Melding!.Status);
    }

    [Fact]
    public async Task A_status_change_is_reported_back_to_the_resident_in_plain_Dutch()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        await using var h = await StartAsync(settings: Open311Settings(server));
        await SendMeldingAsync(h, Anna);
        await ForwardAsync(h);
        var id = (await ForwardRowAsync(h)).ExternalId!;

        // "open" on the first poll: in behandeling.
        Assert.Equal(1, await PollAsync(h));
        var texts = await h.OutboxTextsAsync(Anna.UserId);
        Assert.Equal("Nieuws over je melding BK-2026-000001 (openbare verlichting): in behandeling.", texts[^1]);

        // Nothing changed, and too soon anyway.
        Assert.Equal(0, await PollAsync(h));
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, await PollAsync(h));

        server.SetStatus(id, "closed", "De lamp is vervangen.");
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await PollAsync(h));
        texts = await h.OutboxTextsAsync(Anna.UserId);
        Assert.Equal("Nieuws over je melding BK-2026-000001 (openbare verlichting): afgehandeld.\nDe gemeente schrijft: De lamp is vervangen.", texts[^1]);
        var melding = await h.DbAsync(db => db.Meldingen.SingleAsync());
        Assert.Equal((MeldingStatus.Afgehandeld, "De lamp is vervangen."), (melding.Status, melding.StatusNotes));

        // A closed melding is not polled any more.
        h.Clock.Advance(TimeSpan.FromHours(1));
        var calls = server.RequestCount;
        Assert.Equal(0, await PollAsync(h));
        Assert.Equal(calls, server.RequestCount);
        Assert.Contains("afgehandeld", (await h.PrivateAsync(Anna, "/mijnmeldingen")).Last.Text);
    }

    [Fact]
    public async Task Submission_and_every_status_change_from_Open311_write_a_history_row_that_outlives_the_personal_data()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        await using var h = await StartAsync(settings: Open311Settings(server));
        async Task<(MeldingStatus, DateTimeOffset)[]> HistoryAsync() =>
            [.. (await h.DbAsync(db => db.Set<MeldingStatusChange>().OrderBy(c => c.Id).ToListAsync())).Select(c => (c.Status, c.At))];
        var submitted = h.Clock.GetUtcNow();
        await SendMeldingAsync(h, Anna, withContact: true);
        Assert.Equal([(MeldingStatus.Ontvangen, submitted)], await HistoryAsync());
        await ForwardAsync(h);
        var id = (await ForwardRowAsync(h)).ExternalId!;

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var opened = h.Clock.GetUtcNow();
        Assert.Equal(1, await PollAsync(h));
        // Only notes changed: the resident hears it, the history has no new status.
        server.SetStatus(id, "open", "We kijken ernaar.");
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await PollAsync(h));
        server.SetStatus(id, "closed", "De lamp is vervangen.");
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        var closed = h.Clock.GetUtcNow();
        Assert.Equal(1, await PollAsync(h));
        var expected = new[] { (MeldingStatus.Ontvangen, submitted), (MeldingStatus.InBehandeling, opened), (MeldingStatus.Afgehandeld, closed) };
        Assert.Equal(expected, await HistoryAsync());

        // The purge after the retention period takes name, e-mail and photos, and leaves the history (no personal data).
        h.Clock.Advance(TimeSpan.FromDays(366));
        await ForwardAsync(h);
        var melding = await h.DbAsync(db => db.Meldingen.SingleAsync());
        Assert.Equal((null, (string?)null), (melding.ReporterName, melding.ReporterEmail));
        Assert.NotNull(melding.PersonalDataRemovedAt);
        Assert.Equal(expected, await HistoryAsync());
    }

    [Fact]
    public async Task A_token_only_answer_is_resolved_to_the_service_request_id_when_polling()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        server.AnswerWithToken = true;
        await using var h = await StartAsync(settings: Open311Settings(server));
        await SendMeldingAsync(h, Anna);
        await ForwardAsync(h);
        var forward = await ForwardRowAsync(h);
        Assert.Equal((ForwardingState.Forwarded, null, "tok-638345"), (forward.State, forward.ExternalId, forward.ExternalToken));

        Assert.Equal(1, await PollAsync(h));
        Assert.Equal("638345", (await ForwardRowAsync(h)).ExternalId);
    }

    [Fact]
    public async Task The_meldpunt_receives_an_e_mail_with_the_photos_attached()
    {
        await using var smtp = new FakeSmtpServer();
        var photos = new FakePhotoDownloader();
        photos.Files["p1"] = TestPhotos.JpegWithGps(shade: 10);
        photos.Files["p2"] = TestPhotos.JpegWithGps(shade: 200);
        await using var h = await StartAsync(photos, settings: new Dictionary<string, string?>
        {
            ["Meldingen:Email:Host"] = "127.0.0.1",
            ["Meldingen:Email:Port"] = smtp.Port.ToString(),
            ["Meldingen:Email:EnableSsl"] = "false",
            ["Meldingen:Email:From"] = "bot@buurtkracht.example.nl",
            ["Meldingen:Email:To"] = "meldpunt@alblasserdam.example.nl",
        });
        await UpToAsync(h, Anna, "Schoon", "grofvuil", "Dam 10");
        await h.PrivateAsync(Anna, "Er staat een oude bank naast de container.");
        await h.PrivateAsync(Anna, new PhotoContent("p1", 17, null));
        await h.PrivateAsync(Anna, new PhotoContent("p2", 18, null));
        await h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"));
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));

        Assert.Equal(1, await ForwardAsync(h));

        var mail = Assert.Single(await smtp.WaitForMailsAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("bot@buurtkracht.example.nl", mail.From);
        Assert.Equal(["meldpunt@alblasserdam.example.nl"], mail.To);
        Assert.Contains("BK-2026-000001", mail.Data);
        Assert.Contains("foto-1.jpg", mail.Data);
        Assert.Contains("foto-2.jpg", mail.Data);
        Assert.Contains(Convert.ToBase64String(PhotoScrubber.Clean(photos.Files["p1"])), Unwrapped(mail.Data));
        Assert.Contains(Convert.ToBase64String(PhotoScrubber.Clean(photos.Files["p2"])), Unwrapped(mail.Data));
        Assert.Equal((EmailSink.SinkName, ForwardingState.Forwarded), ((await ForwardRowAsync(h)).Sink, (await ForwardRowAsync(h)).State));
    }

    /// <summary>The mail with its MIME line breaks taken out, so a base64 attachment reads as one string.</summary>
    private static string Unwrapped(string data) => data.Replace("\r\n", "").Replace("\n", "");

    private static async Task SendWithPhotosAsync(CoreHarness h, params string[] fileIds)
    {
        await UpToAsync(h, Anna, "Heel", "wegen", "Cortgene 7");
        await h.PrivateAsync(Anna, "Een diepe kuil midden op de weg.");
        foreach (var fileId in fileIds) await h.PrivateAsync(Anna, new PhotoContent(fileId, null, null));
        if (fileIds.Length < MeldingDialog.MaxPhotos) await h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"));
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
    }

    [Fact]
    public async Task A_failed_photo_download_fails_the_forward_with_backoff_and_the_photo_goes_along_later()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        var settings = Open311Settings(server);
        settings["Meldingen:PublicPhotoBaseUrl"] = "https://buurtkracht.example.nl/meldingfotos/";
        var photos = new FakePhotoDownloader();
        photos.Files["p"] = TestPhotos.JpegWithGps();
        await using var h = await StartAsync(photos, settings: settings);
        await SendWithPhotosAsync(h, "p");
        Assert.Empty(photos.Requests);

        photos.FailNext = 1;
        Assert.Equal(0, await ForwardAsync(h));
        var failed = await ForwardRowAsync(h);
        Assert.Equal((ForwardingState.Failed, 1), (failed.State, failed.Attempts));
        Assert.StartsWith("photo download", failed.LastError);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), failed.NextAttemptAt);
        Assert.Equal(["telegram-file:p"], failed.Melding!.PhotoPaths);
        // The sink is not called with a melding whose photos are still out.
        Assert.Empty(server.Posts);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await ForwardAsync(h));
        var forwarded = await ForwardRowAsync(h);
        Assert.Equal((ForwardingState.Forwarded, 2), (forwarded.State, forwarded.Attempts));
        var photo = Assert.Single(forwarded.Melding!.PhotoPaths);
        Assert.True(TestPhotos.IsCleanImage(await File.ReadAllBytesAsync(photo)));
        Assert.Equal("https://buurtkracht.example.nl/meldingfotos/BK-2026-000001/foto-1.jpg", Assert.Single(server.Posts)["media_url"]);
    }

    [Fact]
    public async Task An_oversized_photo_is_left_out_and_the_melding_still_goes()
    {
        await using var smtp = new FakeSmtpServer();
        var photos = new FakePhotoDownloader();
        photos.Files["big"] = new byte[2_000_000];
        photos.Files["ok"] = TestPhotos.JpegWithGps();
        await using var h = await StartAsync(photos, settings: new Dictionary<string, string?>
        {
            ["Meldingen:Email:Host"] = "127.0.0.1",
            ["Meldingen:Email:Port"] = smtp.Port.ToString(),
            ["Meldingen:Email:EnableSsl"] = "false",
            ["Meldingen:Email:From"] = "bot@buurtkracht.example.nl",
            ["Meldingen:Email:To"] = "meldpunt@alblasserdam.example.nl",
        });
        await SendWithPhotosAsync(h, "big", "ok");

        Assert.Equal(1, await ForwardAsync(h));

        var mail = Assert.Single(await smtp.WaitForMailsAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Contains(Convert.ToBase64String(PhotoScrubber.Clean(photos.Files["ok"])), Unwrapped(mail.Data));
        var forward = await ForwardRowAsync(h);
        Assert.Equal(ForwardingState.Forwarded, forward.State);
        var photo = Assert.Single(forward.Melding!.PhotoPaths);
        Assert.Equal(Path.Combine(h.Database.Folder, "meldingen", "BK-2026-000001", "foto-1.jpg"), photo);
        Assert.Equal(PhotoScrubber.Clean(photos.Files["ok"]), await File.ReadAllBytesAsync(photo));
    }

    [Fact]
    public async Task A_photo_the_channel_no_longer_has_is_left_out_after_the_retries_and_the_store_keeps_the_rest()
    {
        var photos = new FakePhotoDownloader();
        photos.Files["ok"] = TestPhotos.JpegWithGps();
        photos.Gone.Add("gone");
        await using var h = await StartAsync(photos, settings: new Dictionary<string, string?>
        {
            ["Meldingen:PhotoFetchAttempts"] = "3",
            ["Meldingen:FirstRetryDelay"] = "00:01:00",
        });
        await SendWithPhotosAsync(h, "ok", "gone");

        // Store-only passes through the job too: the good photo is fetched, the gone one retried with backoff.
        Assert.Equal(0, await ForwardAsync(h));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await ForwardAsync(h));
        var waiting = await ForwardRowAsync(h);
        Assert.Equal((ForwardingState.Failed, 2), (waiting.State, waiting.Attempts));
        Assert.Equal(2, waiting.Melding!.PhotoPaths.Count);
        Assert.Equal("telegram-file:gone", waiting.Melding.PhotoPaths[1]);

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await ForwardAsync(h));
        var forward = await ForwardRowAsync(h);
        Assert.Equal((StoreOnlySink.SinkName, ForwardingState.Forwarded, 3), (forward.Sink, forward.State, forward.Attempts));
        Assert.Equal([Path.Combine(h.Database.Folder, "meldingen", "BK-2026-000001", "foto-1.jpg")], forward.Melding!.PhotoPaths);
        // The good one was fetched once; the file was not written again.
        Assert.Equal(1, photos.Requests.Count(id => id == "ok"));
    }

    [Fact]
    public async Task The_retention_purge_removes_fetched_photos_and_pending_references()
    {
        var photos = new FakePhotoDownloader();
        photos.Files["ok"] = TestPhotos.JpegWithGps();
        photos.Gone.Add("later");
        await using var h = await StartAsync(photos, settings: new Dictionary<string, string?>
        {
            ["Meldingen:PhotoFetchGiveUpAfter"] = "1000.00:00:00",
            ["Meldingen:FirstRetryDelay"] = "00:01:00",
        });
        await SendWithPhotosAsync(h, "ok", "later");
        // The first photo is fetched, the second fails for now and stays a reference.
        await ForwardAsync(h);
        await h.DbAsync(async db =>
        {
            var m = await db.Meldingen.SingleAsync();
            Assert.Equal("telegram-file:later", m.PhotoPaths[1]);
            MeldingStatusUpdate.Apply(db, m, MeldingStatus.Afgehandeld, null, h.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        var file = Assert.Single(Directory.GetFiles(Path.Combine(h.Database.Folder, "meldingen", "BK-2026-000001")));

        h.Clock.Advance(TimeSpan.FromDays(366));
        await ForwardAsync(h);

        var melding = await h.DbAsync(db => db.Meldingen.SingleAsync());
        Assert.NotNull(melding.PersonalDataRemovedAt);
        Assert.Empty(melding.PhotoPaths);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task An_unreachable_mail_server_is_retried_later()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using var h = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Meldingen:Email:Host"] = "127.0.0.1",
            ["Meldingen:Email:Port"] = port.ToString(),
            ["Meldingen:Email:EnableSsl"] = "false",
            ["Meldingen:Email:To"] = "meldpunt@alblasserdam.example.nl",
        });
        await SendMeldingAsync(h, Anna);

        Assert.Equal(0, await ForwardAsync(h));
        var forward = await ForwardRowAsync(h);
        Assert.Equal((ForwardingState.Failed, 1), (forward.State, forward.Attempts));
        Assert.Contains("Smtp", forward.LastError);
    }
}

/// <summary>/meldingmelden and the anonymous line in the group.</summary>
public sealed class MeldingGroupNoticeTests
{
    [Fact]
    public async Task A_moderator_turns_the_notice_on_and_a_melding_in_the_groups_streets_posts_one_anonymous_line()
    {
        await using var h = await StartAsync();
        h.Channel.AdminUserIds.Add(Anna.UserId);
        await h.GroupAsync(Bram, "hallo");
        await h.DbAsync(async db =>
        {
            var group = await db.StreetGroups.SingleAsync();
            group.Streets = ["Kerkstraat", "Dam"];
            await db.SaveChangesAsync();
        });

        Assert.Equal([MeldingTexts.NoticeUsage.In("nl", "uit")], (await h.GroupAsync(Bram, "/meldingmelden")).Texts);
        Assert.Equal([MeldingTexts.OnlyModerators.Nl], (await h.GroupAsync(Bram, "/meldingmelden aan")).Texts);
        Assert.Equal([MeldingTexts.NoticeOn.Nl], (await h.GroupAsync(Anna, "/meldingmelden aan")).Texts);

        await ToSummaryAsync(h, Carla, new TextContent("Kerkstraat 3"));
        await h.PrivateAsync(Carla, new ChoiceContent("samenvatting:versturen"));
        await ToSummaryAsync(h, Carla, new TextContent("Cortgene 3"));
        await h.PrivateAsync(Carla, new ChoiceContent("samenvatting:versturen"));

        var notices = (await h.OutboxTextsAsync(GroupChatId)).Where(t => t.StartsWith("Er is een melding", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Er is een melding gedaan over openbare verlichting in de Kerkstraat. Zie jij ook iets wat kapot, vies of onveilig is? Meld het via https://t.me/buurtkracht_test_bot?start=melding"], notices);
        Assert.DoesNotContain(notices, n => n.Contains("Carla"));

        Assert.Equal([MeldingTexts.NoticeOff.Nl], (await h.GroupAsync(Anna, "/meldingmelden uit")).Texts);
        await ToSummaryAsync(h, Carla, new TextContent("Dam 3"));
        await h.PrivateAsync(Carla, new ChoiceContent("samenvatting:versturen"));
        Assert.Single(await h.OutboxTextsAsync(GroupChatId), t => t.StartsWith("Er is een melding", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Meldingmelden_only_works_in_a_group()
    {
        await using var h = await StartAsync();
        Assert.Equal([Conversations.ConversationTexts.GroupOnly.In("nl", "meldingmelden")], (await h.PrivateAsync(Anna, "/meldingmelden aan")).Texts);
    }
}
