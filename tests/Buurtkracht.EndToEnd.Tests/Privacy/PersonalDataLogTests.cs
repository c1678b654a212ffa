using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Privacy;

/// <summary>
/// The real service with the shipped appsettings.json, Telegram and Teams against their fakes: a full melding (name,
/// e-mail, a phone number in the description, a shared location, a phone photo), a questionnaire and a broadcast, then
/// the whole log above Debug is searched for every personal value the run used.
/// </summary>
public sealed class PersonalDataLogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const long Fenna = 7123456;
    private const long Carla = 7123999;
    private const long Group = -100555444;
    private const string TeamsGroup = "19:fenna-straat@thread.v2";
    private const string Dewi = "29:dewi-oosterhout";
    private const string Description = "Stoeptegel los bij de schommel, bel me op 06-98765432.";
    private const string Email = "fenna.zwartjes@example.nl";
    private const string BroadcastText = "Zaterdag ruimen we samen de Dam op.";
    private const double Latitude = 51.86553, Longitude = 4.66017;

    /// <summary>Everything personal the run below puts in; none may appear in the log above Debug.</summary>
    private static readonly string[] PersonalValues =
    [
        "Fenna", "Zwartjes", Email, "06-98765432", "98765432", "Stoeptegel los", "schommel",
        "51.86553", "4.66017", Fenna.ToString(), Group.ToString()[1..],
        "Carla", "Oudejans", Carla.ToString(), BroadcastText, "ruimen we samen",
        "Dewi", "Oosterhout", "dewi-oosterhout", "fenna-straat", TestPhotos.CameraModel,
    ];

    [Fact]
    public async Task A_melding_a_questionnaire_and_a_broadcast_leave_no_personal_data_in_the_log_above_debug()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var connector = await FakeBotConnector.StartAsync();
        // A municipality server whose refusals echo the name, e-mail and description back.
        await using var open311 = await FakeOpen311Server.StartAsync();
        open311.RejectEchoingFields = true;
        var settings = connector.Settings();
        settings["Meldingen:Open311:Endpoint"] = open311.BaseUrl;
        settings["Meldingen:Open311:ApiKey"] = FakeOpen311Server.ApiKey;
        settings["Telegram:BotToken"] = telegram.Token;
        settings["Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        settings["Telegram:Mode"] = "Polling";
        settings["Telegram:PollingTimeoutSeconds"] = "1";
        settings["Broadcasts:SweepInterval"] = "00:00:01";
        settings["Questionnaires:SweepInterval"] = "00:00:01";
        settings["Outbox:FirstRetryDelay"] = "00:00:00.200";
        var log = new CapturedLog();
        await using var host = new BotHost(settings: settings);
        // No log settings of the test's own: the shipped appsettings.json and the defaults in code decide what is written.
        await using var logged = host.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        var client = logged.CreateClient();
        await WaitHealthyAsync(client);
        var cli = new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = $"Data Source={host.DatabasePath}" };

        async Task<RecordedCall> Private(long user, JsonObject update, string expect)
        {
            telegram.EnqueueUpdate(As(update, user));
            return await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == user.ToString() && (c.Text("text") ?? "").Contains(expect), Patience);
        }

        // Fenna in the Telegram group and privately; Dewi in a Teams group chat; Carla, coördinator, privately.
        telegram.EnqueueUpdate(As(GroupText(Group, Fenna, "Hallo buren, ik ben Fenna van nummer 12"), Fenna));
        await Private(Fenna, Command(Fenna, Fenna, "/start"), "Hoi Fenna");
        await PostTeamsAsync(client, connector, TeamsActivities.MembersAdded(connector.ServiceUrl, TeamsGroup, "groupChat", Dewi, TeamsActivities.BotId));
        await PostTeamsAsync(client, connector, TeamsActivities.Message(connector.ServiceUrl, TeamsGroup, "groupChat", Dewi, "Hoi allemaal, Dewi hier", "Dewi Oosterhout"));
        await Private(Carla, Command(Carla, Carla, "/start"), "Hoi Carla");
        await host.WaitForDbAsync(async db => await db.StreetGroups.CountAsync() == 2);

        // The melding: shared location, a description with a phone number, a photo with GPS in its EXIF, name and e-mail.
        telegram.AddFile("fenna-photo", TestPhotos.JpegWithGps());
        await Private(Fenna, Command(Fenna, Fenna, "/melding"), "Waar gaat je melding over?");
        var categories = await Private(Fenna, CallbackQuery(Fenna, Fenna, "thema:Heel", messageId: 2), "Wat past het best?");
        var category = Regex.Match(categories.Text("reply_markup")!, "\"Openbare verlichting\",\"callback_data\":\"(cat:\\d+)\"").Groups[1].Value;
        await Private(Fenna, CallbackQuery(Fenna, Fenna, category, messageId: 3), "Waar is het?");
        await Private(Fenna, Location(Fenna, Fenna, Latitude, Longitude), "Wat is er aan de hand?");
        await Private(Fenna, PrivateText(Fenna, Description), "Heb je een foto?");
        await Private(Fenna, Photo(Fenna, Fenna, "fenna-photo"), "Je hebt 1 van de 3 foto's gestuurd");
        await Private(Fenna, CallbackQuery(Fenna, Fenna, "fotos:klaar", messageId: 9), "Wil je anoniem melden");
        await Private(Fenna, CallbackQuery(Fenna, Fenna, "contact:naam", messageId: 10), "Wat is je naam?");
        await Private(Fenna, PrivateText(Fenna, "Fenna Zwartjes"), "Wat is je e-mailadres?");
        await Private(Fenna, PrivateText(Fenna, Email), "Kijk of alles klopt");
        await Private(Fenna, CallbackQuery(Fenna, Fenna, "samenvatting:versturen", messageId: 11), "Je melding is ontvangen");
        // The photo is fetched (and cleaned) first; then the municipality refuses, and the forward waits for a retry.
        await host.WaitForDbAsync(async db => await db.MeldingForwards.AnyAsync(f => f.Sink == Open311Sink.SinkName && f.State == ForwardingState.Failed));

        // The questionnaire, sent to the group with the CLI and answered privately.
        int groupId;
        await using (var db = host.OpenDb()) groupId = await db.StreetGroups.Where(g => g.ChatId == Group.ToString()).Select(g => g.Id).SingleAsync();
        await CliAsync(cli, "questionnaires", "send", "buurtpeiling", "--group", groupId.ToString());
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString() && (c.Text("text") ?? "").Contains("Vragenlijst"), Patience);
        await Private(Fenna, Command(Fenna, Fenna, "/start vl-1"), "Vraag 1 van 5");
        await Private(Fenna, CallbackQuery(Fenna, Fenna, "a:4", messageId: 20), "Vraag 2 van 5");
        await Private(Fenna, CallbackQuery(Fenna, Fenna, "a:3", messageId: 21), "Vraag 3 van 5");
        await Private(Fenna, CallbackQuery(Fenna, Fenna, "a:5", messageId: 22), "Vraag 4 van 5");
        await Private(Fenna, CallbackQuery(Fenna, Fenna, "a:ja", messageId: 23), "Vraag 5 van 5");
        await Private(Fenna, PrivateText(Fenna, "Nee"), "Klaar! Dank je wel");

        // The broadcast: Carla to every group, on Telegram and Teams, and her report.
        await CliAsync(cli, "roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator");
        await Private(Carla, Command(Carla, Carla, "/omroep"), "Naar wie stuur je het bericht?");
        await Private(Carla, PrivateText(Carla, "Alle groepen"), "Typ het bericht");
        await Private(Carla, PrivateText(Carla, BroadcastText), "Wil je er een foto bij?");
        await Private(Carla, PrivateText(Carla, "Geen foto"), "Wil je er een link bij?");
        await Private(Carla, PrivateText(Carla, "Geen link"), "Wanneer wil je het versturen?");
        await Private(Carla, PrivateText(Carla, "Nu versturen"), "Klopt dat?");
        await Private(Carla, PrivateText(Carla, "Ja, versturen"), "gaat nu naar 2 chats");
        await connector.MessageAsync(TeamsGroup, "ruimen we samen", Patience);
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString()
            && (c.Text("text") ?? "").StartsWith("Overzicht van je bericht", StringComparison.Ordinal), Patience);

        // The run logged something (so the capture works), and nothing personal above Debug.
        Assert.Contains(log.AboveDebug, l => l.Message.Contains("forwarding to open311 failed", StringComparison.Ordinal));
        var leaks = PersonalValues.SelectMany(value => log.AboveDebugContaining(value).Select(line => $"'{value}' in {line}")).Distinct().ToList();
        Assert.True(leaks.Count == 0, "Personal data in the log:\n" + string.Join("\n", leaks));
        // The shipped settings keep EF Core's SQL and the request lines out.
        Assert.DoesNotContain(log.AboveDebug, l => l.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.DoesNotContain(log.AboveDebug, l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal));
        Assert.DoesNotContain(log.AboveDebug, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }

    /// <summary>The update as if <paramref name="user"/> (Fenna Zwartjes or Carla Oudejans) sent it: Telegram puts the name in every update.</summary>
    private static JsonObject As(JsonObject update, long user)
    {
        var (first, last) = user == Carla ? ("Carla", "Oudejans") : ("Fenna", "Zwartjes");
        var holder = (update["message"] ?? update["callback_query"])!.AsObject();
        holder["from"] = User(user, first, last, languageCode: "nl");
        if (holder["chat"] is JsonObject { } chat && chat["type"]?.GetValue<string>() == "private") chat["first_name"] = first;
        return update;
    }

    private static async Task PostTeamsAsync(HttpClient client, FakeBotConnector connector, JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + connector.CreateToken());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    private static async Task CliAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var stderr = new StringWriter();
        Assert.True(await AdminCli.RunAsync(args, new StringWriter(), stderr, settings) == 0, stderr.ToString());
    }

    private static async Task WaitHealthyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!(await client.GetAsync("/health")).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("/health did not answer 200");
            await Task.Delay(50);
        }
    }
}
