using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Events;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Events;

/// <summary>The real service polling the fake Bot API; the programme imported with the CLI into the service's database.</summary>
public class EventsTelegramTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private const long Anna = 6001;
    private const long Group = -100888;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The service polling <paramref name="telegram"/>, sweeping every second, with no quiet hours.</summary>
    internal static BotHost Host(FakeTelegramServer telegram, string folder, DatabaseProvider provider = DatabaseProvider.Sqlite) => new BotHost(folder, new Dictionary<string, string?>
    {
        ["Telegram:BotToken"] = telegram.Token,
        ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
        ["Telegram:Mode"] = "Polling",
        ["Telegram:PollingTimeoutSeconds"] = "1",
        ["Events:SweepInterval"] = "00:00:01",
        ["Events:QuietHoursStart"] = "00:00",
        ["Events:QuietHoursEnd"] = "00:00",
        ["Events:CalendarFolder"] = Path.Combine(folder, "agenda"),
    }, provider: provider);

    [DatabaseFact]
    public async Task An_imported_event_is_announced_in_a_linked_group_an_RSVP_edits_it_and_the_reminder_arrives_privately()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var folder = BotHost.NewDataFolder();
        await using var host = Host(telegram, folder, Provider);
        await host.StartAsync();

        // A group the bot is in, linked to Souburgh; Anna has opened her private chat.
        telegram.EnqueueUpdate(GroupText(Group, Anna, "Goedemorgen buren"));
        telegram.EnqueueUpdate(Command(Anna, Anna, "/start"));
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Anna.ToString(), Patience);
        await host.LinkGroupAsync(Group.ToString(), "Souburgh");

        await ProgrammeImport.WorkshopStartingSoonAsync(host, folder);

        var announcement = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("Nieuwe activiteit: Workshop vogelhuisjes"), Patience);
        Assert.Contains("Ik kom", announcement.Text("reply_markup"));
        int occurrence;
        await using (var db = host.OpenDb()) occurrence = await db.EventOccurrences.Select(o => o.Id).SingleAsync();

        telegram.EnqueueUpdate(CallbackQuery(Group, Anna, $"rsvp:{occurrence}:c", messageId: 7));
        var edit = await telegram.WaitForCallAsync(c => c.Method == "editMessageText" && c.ChatId == Group.ToString(), Patience);
        Assert.Contains("Ik kom: 1 · Misschien: 0 · Kan niet: 0", edit.Text("text"));
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Anna.ToString() && (c.Text("text") ?? "").Contains("Genoteerd"), Patience);

        var reminder = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Anna.ToString()
            && (c.Text("text") ?? "").Contains("Herinnering: Workshop vogelhuisjes"), Patience);
        Assert.Contains("Zet in mijn agenda", reminder.Text("reply_markup"));
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("Herinnering: Workshop vogelhuisjes"), Patience);

        // "Zet in mijn agenda" privately: an .ics document.
        telegram.EnqueueUpdate(CallbackQuery(Anna, Anna, $"ics:{occurrence}", messageId: 9));
        var document = await telegram.WaitForCallAsync(c => c.Method == "sendDocument" && c.ChatId == Anna.ToString(), Patience);
        var ics = System.Text.Encoding.UTF8.GetString(Assert.Single(document.Files).Value);
        Assert.Contains("SUMMARY:Workshop vogelhuisjes", ics);

        await using (var db = host.OpenDb())
        {
            var notice = await db.EventNotices.SingleAsync(n => n.Kind == ScheduledNoticeKind.Reminder);
            Assert.Equal(ScheduledNoticeStatus.Sent, notice.Status);
            Assert.Single(telegram.CallsTo("sendMessage"), c => c.ChatId == Anna.ToString() && (c.Text("text") ?? "").Contains("Herinnering"));
        }
    }
}

/// <summary>Events over Telegram on PostgreSQL (skipped without a server: see <see cref="TestPostgres"/>).</summary>
public sealed class EventsTelegramTestsOnPostgres : EventsTelegramTests, IRunsOnPostgres
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
