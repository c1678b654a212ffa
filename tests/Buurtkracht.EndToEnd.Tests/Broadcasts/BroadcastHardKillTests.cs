using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Persistence;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Broadcasts;

/// <summary>
/// The real executable killed (kill -9) while a coördinator's broadcast to many groups is going out, and started again:
/// every group gets it, and the coördinator gets the delivery report once, with the counts of the whole broadcast.
/// </summary>
public sealed class BroadcastHardKillTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const long Carla = 401;
    private const long Anna = 402;
    private const int Groups = 150;
    private const string Text = "Zaterdag is de buurtschoonmaak. Doe je mee?";

    [Fact]
    public async Task The_report_of_a_broadcast_killed_halfway_arrives_once_with_the_right_counts_after_the_restart()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        // The platform's own limits: what it accepted is what arrived.
        telegram.Limits = FakeRateLimit.Telegram();
        var dataFolder = BotHost.NewDataFolder();
        var cli = new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = ServiceProcess.ConnectionString(dataFolder) };
        var groupIds = Enumerable.Range(1, Groups).Select(i => (-500000L - i).ToString()).ToHashSet();

        // Ten a second, so the broadcast takes fifteen seconds and the kill lands in the middle of it.
        var settings = new Dictionary<string, string>
        {
            ["Outbox__RateLimits__Telegram__0__Scope"] = "Channel",
            ["Outbox__RateLimits__Telegram__0__Limit"] = "10",
            ["Outbox__RateLimits__Telegram__0__Window"] = "00:00:01",
        };
        var first = ServiceProcess.Start(telegram, dataFolder, settings);
        try
        {
            foreach (var group in groupIds) telegram.EnqueueUpdate(GroupText(long.Parse(group), Anna, "Hallo buren"));
            telegram.EnqueueUpdate(PrivateText(Carla, "/start"));
            await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString(), Patience);
            await WaitForDbAsync(dataFolder, async db => await db.StreetGroups.CountAsync() == Groups);
            var stderr = new StringWriter();
            Assert.True(await AdminCli.RunAsync(["roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator"], new StringWriter(), stderr, cli) == 0, stderr.ToString());

            await SayAsync(telegram, "/omroep", "Naar wie stuur je het bericht?");
            await SayAsync(telegram, "Alle groepen", "Typ het bericht");
            await SayAsync(telegram, Text, "Wil je er een foto bij?");
            await SayAsync(telegram, "Geen foto", "Wil je er een link bij?");
            await SayAsync(telegram, "Geen link", "Wanneer wil je het versturen?");
            await SayAsync(telegram, "Nu versturen", $"naar {Groups} chats. Klopt dat?");
            // Its confirmation queues behind the broadcast's rows, so the test waits for the groups instead.
            telegram.EnqueueUpdate(PrivateText(Carla, "Ja, versturen"));
            await WaitForGroupSendsAsync(telegram, groupIds, 40);
        }
        finally
        {
            await ServiceProcess.KillAsync(first);
        }
        var beforeKill = GroupsReached(telegram, groupIds);
        Assert.True(beforeKill < Groups, $"the broadcast was over before the kill ({beforeKill} groups)");

        var second = ServiceProcess.Start(telegram, dataFolder, settings);
        try
        {
            // The rest of the broadcast takes about 11 s at ten a second (plus a start on a busy machine); the report must
            // follow it, not the sweep a minute after the start.
            var report = await telegram.WaitForCallAsync(c => IsReport(c), TimeSpan.FromSeconds(45));
            var text = report.Text("text")!;
            Assert.Contains($"naar {Groups} chats", text);
            Assert.Contains($"aangekomen: {Groups}", text);
            Assert.Contains("mislukt: 0", text);
            Assert.Contains("niet bereikbaar: 0", text);
            Assert.Equal(Groups, GroupsReached(telegram, groupIds));
            await WaitForDbAsync(dataFolder, async db => await db.Set<Broadcast>().AnyAsync(b => b.Status == BroadcastStatus.Done));
            // A later sweep does not report the same broadcast again.
            await WaitForDbAsync(dataFolder, async db => await db.OutboxMessages.AllAsync(o => o.Status != Core.Messaging.OutboxStatus.Pending));
        }
        finally
        {
            await ServiceProcess.KillAsync(second);
        }
        Assert.Single(telegram.Calls, IsReport);
    }

    private static bool IsReport(RecordedCall call) =>
        call.Method == "sendMessage" && call.ChatId == Carla.ToString() && (call.Text("text") ?? "").StartsWith("Overzicht van je bericht", StringComparison.Ordinal);

    private static int GroupsReached(FakeTelegramServer telegram, HashSet<string> groupIds) =>
        telegram.Limits!.Accepted.Where(m => groupIds.Contains(m.ChatId) && m.Content == Text).Select(m => m.ChatId).Distinct().Count();

    private static async Task WaitForGroupSendsAsync(FakeTelegramServer telegram, HashSet<string> groupIds, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (GroupsReached(telegram, groupIds) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Only {GroupsReached(telegram, groupIds)} groups reached.");
            await Task.Delay(10);
        }
    }

    private static async Task SayAsync(FakeTelegramServer telegram, string text, string expect)
    {
        telegram.EnqueueUpdate(text.StartsWith('/') ? Command(Carla, Carla, text) : PrivateText(Carla, text));
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString() && (c.Text("text") ?? "").Contains(expect), Patience);
    }

    private static async Task WaitForDbAsync(string dataFolder, Func<BuurtkrachtDb, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using (var db = new BuurtkrachtDb(new DbContextOptionsBuilder<BuurtkrachtDb>().UseSqlite(ServiceProcess.ConnectionString(dataFolder)).Options))
                if (await condition(db)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("What the test waits for was not stored in time.");
            await Task.Delay(50);
        }
    }
}
