using Buurtkracht.Core.Persistence;
using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Broadcasts;

/// <summary>
/// The real service with Telegram (fake Bot API) and Teams (fake Bot Connector) both on: a coördinator's /omroep reaches a
/// Telegram group and a Teams group chat, the report comes privately; a scheduled broadcast is cancelled and never sent.
/// </summary>
public class BroadcastEndToEndTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const long Carla = 301;
    private const long Anna = 302;
    private const long TelegramGroup = -4001;
    private const string TeamsGroup = "19:broadcast@thread.v2";

    [DatabaseFact]
    public async Task A_coordinators_broadcast_reaches_groups_on_telegram_and_teams_and_a_scheduled_one_is_cancelled()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var connector = await FakeBotConnector.StartAsync();
        var settings = connector.Settings();
        settings["Outbox:FirstRetryDelay"] = "00:00:00.200";
        settings["Telegram:BotToken"] = telegram.Token;
        settings["Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        settings["Telegram:Mode"] = "Polling";
        settings["Telegram:PollingTimeoutSeconds"] = "1";
        settings["Broadcasts:SweepInterval"] = "00:00:01";
        await using var host = new BotHost(settings: settings, provider: Provider);
        var client = await host.StartAsync();
        var cli = host.DatabaseSettings;

        // A Telegram group, a Teams group chat, and Carla (coördinator) in her private Telegram chat.
        telegram.EnqueueUpdate(GroupText(TelegramGroup, Anna, "Hallo buren"));
        telegram.EnqueueUpdate(PrivateText(Carla, "/start"));
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString(), Patience);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(TeamsActivities.MembersAdded(connector.ServiceUrl, TeamsGroup, "groupChat", "29:dewi", TeamsActivities.BotId).ToJsonString(),
                System.Text.Encoding.UTF8, "application/json"),
        })
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + connector.CreateToken());
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }
        await host.WaitForDbAsync(async db => await db.StreetGroups.CountAsync() == 2);
        var stderr = new StringWriter();
        Assert.True(await AdminCli.RunAsync(["roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator"], new StringWriter(), stderr, cli) == 0, stderr.ToString());

        // Scheduled, then cancelled before it starts.
        var scheduled = await AdminCli.RunAsync(["broadcast", "send", "--audience", "all", "--text", "Dit gaat niet door", "--at", "2099-01-01 10:00"], new StringWriter(), stderr, cli);
        Assert.True(scheduled == 0, stderr.ToString());
        Assert.True(await AdminCli.RunAsync(["broadcast", "cancel", "1"], new StringWriter(), stderr, cli) == 0, stderr.ToString());

        // /omroep with typed button labels, as a person may do.
        async Task Say(string text, string expect)
        {
            telegram.EnqueueUpdate(text.StartsWith('/') ? Command(Carla, Carla, text) : PrivateText(Carla, text));
            await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString() && (c.Text("text") ?? "").Contains(expect), Patience);
        }
        await Say("/omroep", "Naar wie stuur je het bericht?");
        await Say("Alle groepen", "Typ het bericht");
        await Say("Zaterdag is de buurtschoonmaak. Doe je mee?", "Wil je er een foto bij?");
        await Say("Geen foto", "Wil je er een link bij?");
        await Say("Geen link", "Wanneer wil je het versturen?");
        await Say("Nu versturen", "naar 2 chats. Klopt dat?");
        await Say("Ja, versturen", "gaat nu naar 2 chats");

        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == TelegramGroup.ToString()
            && c.Text("text") == "Zaterdag is de buurtschoonmaak. Doe je mee?", Patience);
        await connector.MessageAsync(TeamsGroup, "Zaterdag is de buurtschoonmaak", Patience);
        var report = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString()
            && (c.Text("text") ?? "").StartsWith("Overzicht van je bericht 2", StringComparison.Ordinal), Patience);
        Assert.Contains("aangekomen: 2", report.Text("text"));
        Assert.Contains("mislukt: 0", report.Text("text"));

        Assert.DoesNotContain(telegram.CallsTo("sendMessage"), c => (c.Text("text") ?? "").Contains("Dit gaat niet door"));
        Assert.DoesNotContain(connector.Calls, c => c.Text.Contains("Dit gaat niet door"));
        await using (var db = host.OpenDb())
        {
            var statuses = await db.Set<Broadcast>().OrderBy(b => b.Id).Select(b => b.Status).ToListAsync();
            Assert.Equal([BroadcastStatus.Cancelled, BroadcastStatus.Done], statuses);
        }
    }
}

/// <summary>Broadcasts over Telegram and Teams on PostgreSQL (skipped without a server: see <see cref="TestPostgres"/>).</summary>
public sealed class BroadcastEndToEndTestsOnPostgres : BroadcastEndToEndTests, IRunsOnPostgres
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
