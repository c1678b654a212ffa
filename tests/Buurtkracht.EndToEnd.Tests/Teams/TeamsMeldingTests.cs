using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TeamsActivities;

namespace Buurtkracht.EndToEnd.Tests.Teams;

/// <summary>/melding in a Teams personal chat: card buttons, a typed address and a pasted picture.</summary>
public sealed class TeamsMeldingTests
{
    private const string Anna = "29:anna-melding";
    private const string Chat = "a:personal-anna-melding";

    [Fact]
    public async Task A_resident_reports_in_a_personal_chat_with_a_typed_address_and_a_picture()
    {
        await using var bot = await TeamsBot.StartAsync();
        var jpeg = Buurtkracht.Testing.TestPhotos.JpegWithGps();
        var pictureUrl = bot.Connector.AddAttachment("pic-1", jpeg);
        var url = bot.ServiceUrl;

        await bot.SendAsync(Message(url, Chat, "personal", Anna, "/melding"));
        var theme = await bot.ReplyAsync(Chat, "Waar gaat je melding over?");
        var heel = Assert.Single(theme.Buttons, b => b.Choice == "thema:Heel");

        await bot.SendAsync(Submit(url, Chat, "personal", Anna, heel.Choice));
        var categories = await bot.ReplyAsync(Chat, "Wat past het best?");
        var light = Assert.Single(categories.Buttons, b => b.Title == "Openbare verlichting");

        await bot.SendAsync(Submit(url, Chat, "personal", Anna, light.Choice));
        await bot.ReplyAsync(Chat, "Waar is het?");
        await bot.SendAsync(Message(url, Chat, "personal", Anna, "Kerkstraat 12"));
        await bot.ReplyAsync(Chat, "Wat is er aan de hand?");
        await bot.SendAsync(Message(url, Chat, "personal", Anna, "De lantaarnpaal bij de speeltuin is al dagen uit."));
        await bot.ReplyAsync(Chat, "Heb je een foto?");

        await bot.SendAsync(Image(url, Chat, "personal", Anna, pictureUrl));
        var more = await bot.ReplyAsync(Chat, "Je hebt 1 van de 3 foto");
        var download = Assert.Single(bot.Connector.Calls, c => c.Path.StartsWith("/teams/v3/attachments/", StringComparison.Ordinal));
        Assert.Equal("Bearer " + Buurtkracht.Testing.FakeBotConnector.AppToken, download.Authorization);

        await bot.SendAsync(Submit(url, Chat, "personal", Anna, Assert.Single(more.Buttons).Choice));
        var contact = await bot.ReplyAsync(Chat, "Wil je anoniem melden");
        await bot.SendAsync(Submit(url, Chat, "personal", Anna, Assert.Single(contact.Buttons, b => b.Choice == "contact:anoniem").Choice));
        var summary = await bot.ReplyAsync(Chat, "Kijk of alles klopt");
        Assert.Contains("Kerkstraat 12", summary.Text);
        await bot.SendAsync(Submit(url, Chat, "personal", Anna, "samenvatting:versturen"));
        var sent = await bot.ReplyAsync(Chat, "Je melding is ontvangen");
        var reference = Regex.Match(sent.Text, @"BK-\d{4}-000001").Value;
        Assert.NotEmpty(reference);

        await using var db = bot.Host.OpenDb();
        var melding = await db.Meldingen.SingleAsync();
        Assert.Equal(reference, melding.Reference);
        // Stored without its EXIF: no GPS position, no camera.
        var stored = await File.ReadAllBytesAsync(Assert.Single(melding.PhotoPaths));
        Assert.True(Buurtkracht.Testing.TestPhotos.HasGps(jpeg));
        Assert.True(Buurtkracht.Testing.TestPhotos.IsCleanImage(stored));
    }

    [Fact]
    public async Task A_picture_outside_the_known_serviceUrl_is_not_fetched_with_the_token()
    {
        await using var bot = await TeamsBot.StartAsync();
        var url = bot.ServiceUrl;
        await bot.SendAsync(Message(url, Chat, "personal", Anna, "/melding"));
        var theme = await bot.ReplyAsync(Chat, "Waar gaat je melding over?");
        await bot.SendAsync(Submit(url, Chat, "personal", Anna, "thema:Heel"));
        var categories = await bot.ReplyAsync(Chat, "Wat past het best?");
        await bot.SendAsync(Submit(url, Chat, "personal", Anna, categories.Buttons[0].Choice));
        await bot.ReplyAsync(Chat, "Waar is het?");
        await bot.SendAsync(Message(url, Chat, "personal", Anna, "Kerkstraat 12"));
        await bot.ReplyAsync(Chat, "Wat is er aan de hand?");
        await bot.SendAsync(Message(url, Chat, "personal", Anna, "Losse stoeptegel voor nummer 12."));
        await bot.ReplyAsync(Chat, "Heb je een foto?");

        // Same host, but outside the serviceUrl's path: the app token must not go there.
        await bot.SendAsync(Image(url, Chat, "personal", Anna, bot.Connector.BaseUrl + "/elsewhere/pic.jpg"));

        await bot.ReplyAsync(Chat, "Het lukte niet");
        Assert.DoesNotContain(bot.Connector.Calls, c => c.Path.Contains("elsewhere", StringComparison.Ordinal));
        Assert.NotNull(theme);
    }
}
