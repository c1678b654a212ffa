using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>A phone photo carries where it was taken and with what camera; none of that is stored or forwarded.</summary>
public sealed class PhotoExifTests
{
    private static Dictionary<string, string?> EmailSettings(FakeSmtpServer smtp) => new()
    {
        ["Meldingen:Email:Host"] = "127.0.0.1",
        ["Meldingen:Email:Port"] = smtp.Port.ToString(),
        ["Meldingen:Email:EnableSsl"] = "false",
        ["Meldingen:Email:From"] = "bot@buurtkracht.example.nl",
        ["Meldingen:Email:To"] = "meldpunt@alblasserdam.example.nl",
    };

    private static async Task SendWithPhotoAsync(Infrastructure.CoreHarness h, string fileId)
    {
        await UpToAsync(h, Anna, "Heel", "wegen", "Cortgene 7");
        await h.PrivateAsync(Anna, "Een diepe kuil midden op de weg.");
        await h.PrivateAsync(Anna, new PhotoContent(fileId, null, null));
        await h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        await h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"));
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
    }

    [Fact]
    public async Task A_telegram_photo_with_a_GPS_position_is_stored_and_mailed_without_its_EXIF()
    {
        await using var smtp = new FakeSmtpServer();
        var original = TestPhotos.JpegWithGps();
        Assert.True(TestPhotos.HasGps(original));
        var photos = new FakePhotoDownloader();
        photos.Files["gps"] = original;
        await using var h = await StartAsync(photos, settings: EmailSettings(smtp));
        await SendWithPhotoAsync(h, "gps");

        Assert.Equal(1, await ForwardOnceAsync(h));

        var stored = await File.ReadAllBytesAsync(Assert.Single((await h.DbAsync(db => db.Meldingen.SingleAsync())).PhotoPaths));
        Assert.True(TestPhotos.IsCleanImage(stored));
        Assert.DoesNotContain(TestPhotos.CameraModel, System.Text.Encoding.Latin1.GetString(stored));
        // What the meldpunt gets is that stored file, not the original.
        var mail = Assert.Single(await smtp.WaitForMailsAsync(1, TimeSpan.FromSeconds(10)));
        var attachments = mail.Data.Replace("\r\n", "").Replace("\n", "");
        Assert.Contains(Convert.ToBase64String(stored), attachments);
        Assert.DoesNotContain(Convert.ToBase64String(original)[..200], attachments);
    }

    [Fact]
    public async Task A_teams_photo_is_cleaned_when_it_is_downloaded_in_the_dialog()
    {
        var photos = new FakePhotoDownloader(ChannelKind.Teams);
        photos.Files["gps"] = TestPhotos.JpegWithGps();
        await using var h = await StartAsync(photos, ChannelKind.Teams);
        await UpToAsync(h, Anna, "Heel", "wegen", "Cortgene 7");
        await h.PrivateAsync(Anna, "Een diepe kuil midden op de weg.");

        Assert.Equal(MeldingTexts.PhotoReceived.Nl, (await h.PrivateAsync(Anna, new PhotoContent("gps", null, null))).Texts[0]);

        var concept = Assert.Single(Directory.GetFiles(Path.Combine(h.Database.Folder, "meldingen", "concept")));
        Assert.True(TestPhotos.IsCleanImage(await File.ReadAllBytesAsync(concept)));
    }

    [Fact]
    public async Task A_file_that_is_no_image_is_left_out_and_the_melding_still_goes()
    {
        var photos = new FakePhotoDownloader();
        photos.Files["garbage"] = "this is not a jpeg at all"u8.ToArray();
        await using var h = await StartAsync(photos);
        await SendWithPhotoAsync(h, "garbage");

        Assert.Equal(1, await ForwardOnceAsync(h));

        var melding = await h.DbAsync(db => db.Meldingen.Include(m => m.Forwards).SingleAsync());
        Assert.Empty(melding.PhotoPaths);
        Assert.Equal(ForwardingState.Forwarded, Assert.Single(melding.Forwards).State);
        Assert.False(Directory.Exists(Path.Combine(h.Database.Folder, "meldingen", melding.Reference))
            && Directory.GetFiles(Path.Combine(h.Database.Folder, "meldingen", melding.Reference)).Length > 0);
    }
}
