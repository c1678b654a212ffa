using Buurtkracht.Core.Persistence;
using System.Text.Json;
using System.Text.RegularExpressions;
using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Meldingen;

/// <summary>/melding through the real host: Telegram against the fake Bot API, and the web chat; then the admin CLI.</summary>
public class MeldingEndToEndTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private const long Anna = 6001;

    [DatabaseFact]
    public async Task A_resident_reports_through_Telegram_with_a_shared_location_and_a_photo()
    {
        await using var bot = await TelegramBot.StartAsync(provider: Provider);
        var jpeg = TestPhotos.JpegWithGps();
        bot.Telegram.AddFile("photo-big", jpeg);

        bot.Send(Command(Anna, Anna, "/melding"));
        var theme = await bot.ReplyAsync(Anna, "Waar gaat je melding over?");
        Assert.Contains("thema:Heel", theme.Text("reply_markup"));

        bot.Send(CallbackQuery(Anna, Anna, "thema:Heel", messageId: 2));
        var categories = await bot.ReplyAsync(Anna, "Wat past het best?");
        var light = Regex.Match(categories.Text("reply_markup")!, "\"Openbare verlichting\",\"callback_data\":\"(cat:\\d+)\"").Groups[1].Value;
        Assert.StartsWith("cat:", light);

        bot.Send(CallbackQuery(Anna, Anna, light, messageId: 3));
        var where = await bot.ReplyAsync(Anna, "Waar is het?");
        Assert.Contains("request_location", where.Text("reply_markup"));
        Assert.Contains("Deel mijn locatie", where.Text("reply_markup"));

        bot.Send(Location(Anna, Anna, 51.8133, 4.6901));
        await bot.ReplyAsync(Anna, "Die plek ligt in de gemeente Dordrecht, niet in Alblasserdam");
        bot.Send(Location(Anna, Anna, 51.8655, 4.6600));
        await bot.ReplyAsync(Anna, "Wat is er aan de hand?");
        bot.Send(PrivateText(Anna, "De lantaarnpaal bij de speeltuin is al dagen uit."));
        await bot.ReplyAsync(Anna, "Heb je een foto?");
        bot.Send(Sticker(Anna, Anna));
        await bot.ReplyAsync(Anna, "Met een sticker kan ik hier niets");
        bot.Send(Photo(Anna, Anna, "photo-big", fileSize: jpeg.Length));
        await bot.ReplyAsync(Anna, "Je hebt 1 van de 3 foto's gestuurd");
        // The turn only noted the photo: the download is the forwarding job's, after "Versturen".
        Assert.Empty(bot.Telegram.CallsTo("getFile"));

        bot.Send(CallbackQuery(Anna, Anna, "fotos:klaar", messageId: 9));
        await bot.ReplyAsync(Anna, "Wil je anoniem melden");
        bot.Send(CallbackQuery(Anna, Anna, "contact:anoniem", messageId: 10));
        var summary = await bot.ReplyAsync(Anna, "Kijk of alles klopt");
        Assert.Contains("Foto's: 1", summary.Text("text"));
        bot.Send(CallbackQuery(Anna, Anna, "samenvatting:versturen", messageId: 11));
        var sent = await bot.ReplyAsync(Anna, "Je melding is ontvangen");
        var reference = Regex.Match(sent.Text("text")!, @"BK-\d{4}-000001").Value;
        Assert.NotEmpty(reference);

        await using var db = bot.Host.OpenDb();
        // The forwarding job runs in Quartz right after the melding was sent, not a minute later, and fetches the photo.
        var forward = await WaitForwardedAsync(db);
        Assert.Equal(ForwardingState.Forwarded, forward.State);
        Assert.NotEmpty(bot.Telegram.CallsTo("getFile"));

        var melding = await db.Meldingen.AsNoTracking().Include(m => m.Forwards).SingleAsync();
        Assert.Equal((reference, 51.8655, 4.66, true), (melding.Reference, melding.Latitude!.Value, melding.Longitude!.Value, melding.Anonymous));
        var photo = Assert.Single(melding.PhotoPaths);
        Assert.Equal(Path.Combine(bot.Host.DataFolder, "meldingen", reference, "foto-1.jpg"), photo);
        Assert.True(TestPhotos.IsCleanImage(await File.ReadAllBytesAsync(photo)));
        Assert.Equal(StoreOnlySink.SinkName, Assert.Single(melding.Forwards).Sink);

        bot.Send(Command(Anna, Anna, "/mijnmeldingen"));
        await bot.ReplyAsync(Anna, $"{reference} – Openbare verlichting");
    }

    private static async Task<MeldingForward> WaitForwardedAsync(Buurtkracht.Core.Persistence.BuurtkrachtDb db)
    {
        var deadline = DateTime.UtcNow + TelegramBot.Patience;
        MeldingForward forward;
        while ((forward = await db.MeldingForwards.AsNoTracking().SingleAsync()).State != ForwardingState.Forwarded && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        return forward;
    }

    [DatabaseFact]
    public async Task Other_residents_are_answered_while_the_Telegram_file_server_hangs_on_a_melding_photo()
    {
        const long Bob = 6002;
        await using var bot = await TelegramBot.StartAsync(provider: Provider);
        var jpeg = TestPhotos.JpegWithGps();
        bot.Telegram.AddFile("photo-slow", jpeg);
        var downloading = bot.Telegram.HangDownload("photo-slow");

        bot.Send(Command(Anna, Anna, "/melding"));
        await bot.ReplyAsync(Anna, "Waar gaat je melding over?");
        bot.Send(CallbackQuery(Anna, Anna, "thema:Heel", messageId: 2));
        var categories = await bot.ReplyAsync(Anna, "Wat past het best?");
        var light = Regex.Match(categories.Text("reply_markup")!, "\"Openbare verlichting\",\"callback_data\":\"(cat:\\d+)\"").Groups[1].Value;
        bot.Send(CallbackQuery(Anna, Anna, light, messageId: 3));
        await bot.ReplyAsync(Anna, "Waar is het?");
        bot.Send(Location(Anna, Anna, 51.8655, 4.6600));
        await bot.ReplyAsync(Anna, "Wat is er aan de hand?");
        bot.Send(PrivateText(Anna, "De lantaarnpaal bij de speeltuin is al dagen uit."));
        await bot.ReplyAsync(Anna, "Heb je een foto?");
        // The photo turn is answered at once, with the file server hanging.
        bot.Send(Photo(Anna, Anna, "photo-slow", fileSize: jpeg.Length));
        await bot.ReplyAsync(Anna, "Je hebt 1 van de 3 foto's gestuurd");
        Assert.Empty(bot.Telegram.CallsTo("getFile"));
        bot.Send(CallbackQuery(Anna, Anna, "fotos:klaar", messageId: 9));
        await bot.ReplyAsync(Anna, "Wil je anoniem melden");
        bot.Send(CallbackQuery(Anna, Anna, "contact:anoniem", messageId: 10));
        await bot.ReplyAsync(Anna, "Kijk of alles klopt");
        bot.Send(CallbackQuery(Anna, Anna, "samenvatting:versturen", messageId: 11));
        await bot.ReplyAsync(Anna, "Je melding is ontvangen");

        // The forwarding job is now stuck in the download; Bob's turn goes through the engine all the same.
        await downloading.WaitAsync(TelegramBot.Patience);
        bot.Send(Command(Bob, Bob, "/melding"));
        await bot.ReplyAsync(Bob, "Waar gaat je melding over?");

        await using var db = bot.Host.OpenDb();
        Assert.Equal(["telegram-file:photo-slow"], (await db.Meldingen.AsNoTracking().SingleAsync()).PhotoPaths);

        // Once the file server answers, the melding goes with its photo.
        bot.Telegram.ReleaseDownloads();
        Assert.Equal(ForwardingState.Forwarded, (await WaitForwardedAsync(db)).State);
        var photo = Assert.Single((await db.Meldingen.AsNoTracking().SingleAsync()).PhotoPaths);
        Assert.True(TestPhotos.IsCleanImage(await File.ReadAllBytesAsync(photo)));
    }

    [DatabaseFact]
    public async Task A_resident_reports_through_the_web_chat_with_a_typed_address_and_the_coordinator_lists_and_exports_it()
    {
        await using var pdok = await FakeLocatieserver.StartAsync();
        await using var host = new BotHost(settings: new Dictionary<string, string?> { ["Meldingen:Geocoder:BaseUrl"] = pdok.BaseUrl }, provider: Provider);
        var chat = new WebChatClient(await host.StartAsync(), "bewoner-1", userName: "Bea Bewoner");

        await SayUntilAsync(chat, "Waar gaat je melding over?", text: "/melding");
        await SayUntilAsync(chat, "Wat past het best?", choice: "thema:Schoon");
        await using (var db = host.OpenDb())
        {
            var afval = await db.MeldingCategories.SingleAsync(c => c.Code == "afval");
            var where = await SayUntilAsync(chat, "Waar is het?", choice: $"cat:{afval.Id}");
            Assert.Equal("Deel mijn locatie", where.GetProperty("requestLocationLabel").GetString());
        }
        await SayUntilAsync(chat, "ligt in de gemeente Rotterdam", text: "Coolsingel 40");
        await SayUntilAsync(chat, "Bedoel je: Kerkstraat 12, 2951 AB Alblasserdam?", text: "Kerkstraat 12");
        await SayUntilAsync(chat, "Wat is er aan de hand?", choice: "adres:0");
        await SayUntilAsync(chat, "Heb je een foto?", text: "Er ligt veel zwerfafval rond de container.");
        await SayUntilAsync(chat, "Wil je anoniem melden", choice: "fotos:klaar");
        await SayUntilAsync(chat, "Wat is je naam?", choice: "contact:naam");
        await SayUntilAsync(chat, "Wat is je e-mailadres?", text: "Bea Bewoner");
        await SayUntilAsync(chat, "Dat is geen geldig e-mailadres", text: "bea@voorbeeld");
        var summary = await SayUntilAsync(chat, "Kijk of alles klopt", text: "bea@voorbeeld.nl");
        Assert.Contains("Plek: Kerkstraat 12, 2951 AB Alblasserdam", summary.GetProperty("text").GetString());
        var sent = await SayUntilAsync(chat, "Je melding is ontvangen", choice: "samenvatting:versturen");
        var reference = Regex.Match(sent.GetProperty("text").GetString()!, @"BK-\d{4}-000001").Value;

        var overrides = host.DatabaseSettings;
        var stdout = new StringWriter();
        Assert.Equal(0, await AdminCli.RunAsync(["meldingen", "list", "--json"], stdout, new StringWriter(), overrides));
        var listed = Assert.Single(JsonDocument.Parse(stdout.ToString()).RootElement.EnumerateArray());
        Assert.Equal(reference, listed.GetProperty("reference").GetString());
        Assert.Equal("Kerkstraat 12, 2951 AB Alblasserdam", listed.GetProperty("place").GetString());
        Assert.Equal("ontvangen", listed.GetProperty("status").GetString());
        Assert.DoesNotContain("bea@voorbeeld.nl", stdout.ToString());

        stdout = new StringWriter();
        Assert.Equal(0, await AdminCli.RunAsync(["meldingen", "list", "--status", "afgehandeld"], stdout, new StringWriter(), overrides));
        Assert.Equal("No meldingen found.", stdout.ToString().Trim());

        var today = DateTime.Now.ToString("yyyy-MM-dd");
        stdout = new StringWriter();
        var from = DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd");
        var to = DateTime.Now.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(0, await AdminCli.RunAsync(["meldingen", "export", "--from", from, "--to", to, "--format", "csv"], stdout, new StringWriter(), overrides));
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("nummer;gemaakt;thema;categorie;adres", lines[0]);
        Assert.StartsWith($"{reference};", lines[1]);
        Assert.Contains("Afval en zwerfafval;Kerkstraat 12", lines[1]);
        Assert.DoesNotContain("bea@voorbeeld.nl", stdout.ToString());

        // A coördinator closes it by hand; the running service tells the resident.
        stdout = new StringWriter();
        Assert.Equal(0, await AdminCli.RunAsync(["meldingen", "status", reference.ToLowerInvariant(), "afgehandeld", "--notes", "Opgeruimd door de gemeente."], stdout, new StringWriter(), overrides));
        Assert.Contains("the resident will be told", stdout.ToString());
        await SayUntilAsync(chat, "De gemeente schrijft: Opgeruimd door de gemeente.", text: "/mijnmeldingen");

        var stderr = new StringWriter();
        Assert.Equal(1, await AdminCli.RunAsync(["meldingen", "export", "--from", "gisteren", "--to", today], new StringWriter(), stderr, overrides));
        Assert.Contains("yyyy-MM-dd", stderr.ToString());
    }

    /// <summary>Sends, then reads replies until one contains <paramref name="fragment"/> (a turn may answer in two messages).</summary>
    internal static async Task<JsonElement> SayUntilAsync(WebChatClient chat, string fragment, string? text = null, string? choice = null, string? evt = null)
    {
        (await chat.SendAsync(text, choice, evt)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var seen = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            foreach (var reply in await chat.RepliesAsync())
            {
                var said = reply.GetProperty("text").GetString() ?? "";
                seen.Add(said);
                if (said.Contains(fragment, StringComparison.Ordinal)) return reply;
            }
        }
        throw new Xunit.Sdk.XunitException($"No reply containing '{fragment}'; seen: {string.Join(" | ", seen)}");
    }
}

/// <summary>The melding dialogs on PostgreSQL (skipped without a server: see <see cref="TestPostgres"/>).</summary>
public sealed class MeldingEndToEndTestsOnPostgres : MeldingEndToEndTests, IRunsOnPostgres
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
