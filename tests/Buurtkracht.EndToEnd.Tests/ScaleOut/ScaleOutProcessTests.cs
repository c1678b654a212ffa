using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.ScaleOut;

/// <summary>Two service processes start a minute or so: their own collection, beside the rest.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutProcessCollection
{
    public const string Name = "Scale-out processes";
}

/// <summary>
/// Two real service processes on one PostgreSQL database, Telegram in Webhook mode against the fake Bot API that
/// enforces Telegram's limits, the webhooks spread over both the way a load balancer does.
/// </summary>
[Collection(ScaleOutProcessCollection.Name)]
public sealed class ScaleOutProcessTests(ITestOutputHelper output) : IRunsOnPostgres, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const long Anna = 6101;
    private const long Carla = 6102;
    private const int Groups = 300;
    private const string BroadcastText = "Zaterdag is de buurtschoonmaak in heel Alblasserdam. Doe je mee?";

    private readonly string _dataFolder = BotHost.NewDataFolder();
    private FakeTelegramServer _telegram = null!;
    private string _database = null!;
    private readonly List<ServiceInstance> _instances = [];

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramServer.StartAsync();
        _telegram.Limits = FakeRateLimit.Telegram();
        _database = TestPostgres.NewDatabase();
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        await _telegram.DisposeAsync();
    }

    private async Task<ServiceInstance> StartInstanceAsync(IDictionary<string, string?>? settings = null)
    {
        var instance = await ServiceInstance.StartAsync(_telegram, _database, _dataFolder, settings);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>Both instances, the first one up (and migrated) before the second starts.</summary>
    private async Task<(ServiceInstance First, ServiceInstance Second)> StartBothAsync(IDictionary<string, string?>? settings = null) =>
        (await StartInstanceAsync(settings), await StartInstanceAsync(settings));

    private BuurtkrachtDb OpenDb() => new(new DbContextOptionsBuilder<BuurtkrachtDb>().UseNpgsql(_database).Options);

    private async Task<RecordedCall> ReplyAsync(long chatId, string fragment)
    {
        try
        {
            return await _telegram.WaitForCallAsync(
                c => c.Method == "sendMessage" && c.ChatId == chatId.ToString() && (c.Text("text") ?? "").Contains(fragment), Patience);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"No '{fragment}' to {chatId}.{string.Concat(_instances.Select(i => i.Tail()))}", timeout);
        }
    }

    private int MessagesContaining(long chatId, string fragment) =>
        _telegram.CallsTo("sendMessage").Count(c => c.ChatId == chatId.ToString() && (c.Text("text") ?? "").Contains(fragment));

    [DatabaseFact]
    public async Task A_melding_dialog_whose_steps_alternate_between_the_instances_makes_one_melding_and_asks_every_question_once()
    {
        var (first, second) = await StartBothAsync();
        var instances = new[] { first, second };
        var step = 0;
        // Each update goes to the other instance than the one before, and the next is sent once its answer is there.
        async Task<RecordedCall> Turn(JsonObject update, string expected)
        {
            await instances[step++ % 2].PostUpdateAsync(update);
            return await ReplyAsync(Anna, expected);
        }

        await Turn(Command(Anna, Anna, "/melding"), "Waar gaat je melding over?");
        var categories = await Turn(CallbackQuery(Anna, Anna, "thema:Heel", messageId: 2), "Wat past het best?");
        var light = Regex.Match(categories.Text("reply_markup")!, "\"Openbare verlichting\",\"callback_data\":\"(cat:\\d+)\"").Groups[1].Value;
        await Turn(CallbackQuery(Anna, Anna, light, messageId: 3), "Waar is het?");
        await Turn(Location(Anna, Anna, 51.8655, 4.6600), "Wat is er aan de hand?");
        await Turn(PrivateText(Anna, "De lantaarnpaal bij de speeltuin is al dagen uit."), "Heb je een foto?");
        await Turn(CallbackQuery(Anna, Anna, "fotos:klaar", messageId: 6), "Wil je anoniem melden");
        await Turn(CallbackQuery(Anna, Anna, "contact:anoniem", messageId: 7), "Kijk of alles klopt");
        var sent = await Turn(CallbackQuery(Anna, Anna, "samenvatting:versturen", messageId: 8), "Je melding is ontvangen");

        var reference = Regex.Match(sent.Text("text")!, @"BK-\d{4}-\d{6}").Value;
        await using var db = OpenDb();
        var melding = await db.Meldingen.AsNoTracking().SingleAsync();
        Assert.Equal(reference, melding.Reference);
        foreach (var question in new[]
                 {
                     "Waar gaat je melding over?", "Wat past het best?", "Waar is het?", "Wat is er aan de hand?", "Heb je een foto?",
                     "Wil je anoniem melden", "Kijk of alles klopt", "Je melding is ontvangen",
                 })
            Assert.True(MessagesContaining(Anna, question) == 1, $"'{question}' was sent {MessagesContaining(Anna, question)} times");
        Assert.Empty(_telegram.Limits!.Refused);
        Assert.False(first.HasExited || second.HasExited);
    }

    [DatabaseFact]
    public async Task A_broadcast_to_300_groups_survives_a_kill_of_the_instance_sending_it_with_every_group_reached_no_429_and_one_report()
    {
        // Ten a second instead of thirty (the per-chat and per-group limits as Telegram's), so the broadcast takes half a
        // minute and the kill lands in the middle of it; a short lease, so the survivor takes over in seconds.
        var settings = new Dictionary<string, string?>
        {
            ["Outbox:RateLimits:Telegram:0:Scope"] = "Channel",
            ["Outbox:RateLimits:Telegram:0:Limit"] = "10",
            ["Outbox:RateLimits:Telegram:0:Window"] = "00:00:01",
            ["Outbox:RateLimits:Telegram:1:Scope"] = "Chat",
            ["Outbox:RateLimits:Telegram:1:Limit"] = "3",
            ["Outbox:RateLimits:Telegram:1:Window"] = "00:00:03",
            ["Outbox:RateLimits:Telegram:2:Scope"] = "GroupChat",
            ["Outbox:RateLimits:Telegram:2:Limit"] = "20",
            ["Outbox:RateLimits:Telegram:2:Window"] = "00:01:00",
            ["Database:LeaseDuration"] = "00:00:05",
        };
        var (first, second) = await StartBothAsync(settings);
        var instances = new[] { first, second };
        var groupIds = Enumerable.Range(1, Groups).Select(i => (-700000L - i).ToString()).ToHashSet();
        var n = 0;
        foreach (var group in groupIds) await instances[n++ % 2].PostUpdateAsync(GroupText(long.Parse(group), Anna, "Hallo buren"));
        await first.PostUpdateAsync(PrivateText(Carla, "/start"));
        await ReplyAsync(Carla, "");
        await WaitForDbAsync(async db => await db.StreetGroups.CountAsync() == Groups);
        var cli = new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = _database, ["Database:Provider"] = "PostgreSql" };
        var stderr = new StringWriter();
        Assert.True(await AdminCli.RunAsync(["roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator"], new StringWriter(), stderr, cli) == 0, stderr.ToString());

        async Task Say(string text, string expect)
        {
            await instances[n++ % 2].PostUpdateAsync(text.StartsWith('/') ? Command(Carla, Carla, text) : PrivateText(Carla, text));
            await ReplyAsync(Carla, expect);
        }
        await Say("/omroep", "Naar wie stuur je het bericht?");
        await Say("Alle groepen", "Typ het bericht");
        await Say(BroadcastText, "Wil je er een foto bij?");
        await Say("Geen foto", "Wil je er een link bij?");
        await Say("Geen link", "Wanneer wil je het versturen?");
        await Say("Nu versturen", $"naar {Groups} chats. Klopt dat?");
        // Its confirmation queues behind the broadcast's rows, so the test waits for the groups instead.
        await instances[n++ % 2].PostUpdateAsync(PrivateText(Carla, "Ja, versturen"));
        await WaitUntilAsync(() => GroupsReached(groupIds) >= Groups / 2, () => $"only {GroupsReached(groupIds)} groups reached");

        // kill -9 the instance that holds the outbox lease, half-way.
        string holder;
        await using (var db = OpenDb()) holder = (await db.Leases.AsNoTracking().SingleAsync(l => l.Name == "outbox")).Holder;
        var sender = instances.Single(i => holder.Contains($":{i.Pid}:", StringComparison.Ordinal));
        var survivor = instances.Single(i => i != sender);
        sender.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var beforeKill = GroupsReached(groupIds);
        Assert.True(beforeKill < Groups, $"the broadcast was over before the kill ({beforeKill} groups)");

        var report = await _telegram.WaitForCallAsync(IsReport, TimeSpan.FromSeconds(90));
        var text = report.Text("text")!;
        Assert.Contains($"naar {Groups} chats", text);
        Assert.Contains($"aangekomen: {Groups}", text);
        Assert.Equal(Groups, GroupsReached(groupIds));
        await WaitForDbAsync(async db => await db.Set<Broadcast>().AnyAsync(b => b.Status == BroadcastStatus.Done));
        await WaitForDbAsync(async db => await db.OutboxMessages.AllAsync(o => o.Status != OutboxStatus.Pending));

        var broadcastSends = _telegram.Limits!.Accepted.Where(m => groupIds.Contains(m.ChatId) && m.Content == BroadcastText).ToList();
        // A message the killed instance had handed to the Bot API but not yet marked sent goes again: at most the
        // sends in flight at the kill (Outbox:MaxParallelSends, 16 by default).
        var duplicates = broadcastSends.Count - Groups;
        Assert.InRange(duplicates, 0, new OutboxOptions().MaxParallelSends);
        Assert.Empty(_telegram.Limits.Refused);
        Assert.Single(_telegram.Calls, IsReport);
        Assert.False(survivor.HasExited, survivor.Tail());
        var failover = broadcastSends.Where(m => m.At > killedAt).Min(m => m.At) - killedAt;
        output.WriteLine($"{beforeKill} groups reached before the kill; failover (kill to the survivor's first broadcast message): {failover.TotalSeconds:0.0} s; duplicates: {duplicates}");
    }

    [DatabaseFact]
    public async Task A_scheduled_broadcast_due_while_the_instance_that_planned_it_is_dead_is_sent_by_the_other_one_once()
    {
        var (planner, survivor) = await StartBothAsync(new Dictionary<string, string?> { ["Database:LeaseDuration"] = "00:00:05" });
        var groupIds = Enumerable.Range(1, 3).Select(i => (-710000L - i).ToString()).ToHashSet();
        foreach (var group in groupIds) await planner.PostUpdateAsync(GroupText(long.Parse(group), Anna, "Hallo buren"));
        await planner.PostUpdateAsync(PrivateText(Carla, "/start"));
        await ReplyAsync(Carla, "");
        await WaitForDbAsync(async db => await db.StreetGroups.CountAsync() == groupIds.Count);
        var cli = new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = _database, ["Database:Provider"] = "PostgreSql" };
        var stderr = new StringWriter();
        Assert.True(await AdminCli.RunAsync(["roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator"], new StringWriter(), stderr, cli) == 0, stderr.ToString());

        async Task Say(string text, string expect)
        {
            await planner.PostUpdateAsync(text.StartsWith('/') ? Command(Carla, Carla, text) : PrivateText(Carla, text));
            await ReplyAsync(Carla, expect);
        }
        // The next whole minute at least 30 s away (the dialog takes minutes, not seconds), in Dutch local time.
        var due = DateTimeOffset.UtcNow.AddSeconds(90);
        due = due.AddTicks(-(due.Ticks % TimeSpan.TicksPerMinute));
        var local = EventTime.ToLocal(due);
        await Say("/omroep", "Naar wie stuur je het bericht?");
        await Say("Alle groepen", "Typ het bericht");
        await Say(BroadcastText, "Wil je er een foto bij?");
        await Say("Geen foto", "Wil je er een link bij?");
        await Say("Geen link", "Wanneer wil je het versturen?");
        await Say("Op een tijdstip", "Wanneer moet het bericht weg?");
        await Say(local.ToString("d-M-yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture), "Klopt dat?");
        await Say("Ja, versturen", "gaat op");
        await WaitForDbAsync(async db => await db.Set<Broadcast>().AnyAsync(b => b.Status == BroadcastStatus.Scheduled));
        Assert.True(DateTimeOffset.UtcNow < due, "the broadcast was due before the kill");

        planner.Kill();

        await WaitUntilAsync(() => GroupsReached(groupIds) == groupIds.Count, () => $"only {GroupsReached(groupIds)} groups reached", due - DateTimeOffset.UtcNow + Patience);
        await WaitForDbAsync(async db => await db.Set<Broadcast>().AnyAsync(b => b.Status == BroadcastStatus.Done));
        await WaitForDbAsync(async db => await db.OutboxMessages.AllAsync(o => o.Status != OutboxStatus.Pending));
        var sends = _telegram.Limits!.Accepted.Where(m => groupIds.Contains(m.ChatId) && m.Content == BroadcastText).ToList();
        Assert.Equal(groupIds.Count, sends.Count);
        Assert.All(sends, m => Assert.True(m.At >= due, $"sent at {m.At}, before it was due at {due}"));
        Assert.Empty(_telegram.Limits.Refused);
        Assert.False(survivor.HasExited, survivor.Tail());
    }

    [DatabaseFact]
    public async Task An_event_reminder_due_while_the_instance_that_scheduled_it_is_dead_is_sent_by_the_other_one_once()
    {
        // Sweeps every second, so the instance that picks the new event up is known within seconds (its log line); no quiet
        // hours, whatever time the test runs; a short lease, so the survivor takes the outbox over in seconds.
        var settings = new Dictionary<string, string?>
        {
            ["Database:LeaseDuration"] = "00:00:05",
            ["Events:SweepInterval"] = "00:00:01",
            ["Events:QuietHoursStart"] = "00:00",
            ["Events:QuietHoursEnd"] = "00:00",
        };
        var (first, second) = await StartBothAsync(settings);
        const long group = -720001;
        const string title = "Buurtkoffie in het Cultuurhuis";
        await second.PostUpdateAsync(GroupText(group, Anna, "Hallo buren"));
        await WaitForDbAsync(async db => await db.StreetGroups.AnyAsync(g => g.ChatId == group.ToString()));

        // Planned with the CLI on the shared database: the event starts in two or three minutes, its one reminder is due
        // 30 seconds from now (time for the announcement and the kill); the instances find both in the store at their sweep.
        var now = DateTimeOffset.UtcNow;
        var localStart = EventTime.ToLocal(now).AddMinutes(3);
        localStart = localStart.AddTicks(-(localStart.Ticks % TimeSpan.TicksPerMinute));
        var offset = EventTime.ToInstant(localStart) - now - TimeSpan.FromSeconds(30);
        var cli = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Buurtkracht"] = _database, ["Database:Provider"] = "PostgreSql",
            ["Events:QuietHoursStart"] = "00:00", ["Events:QuietHoursEnd"] = "00:00",
            ["Events:ReminderOffsets:0"] = offset.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        var stderr = new StringWriter();
        var start = localStart.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await AdminCli.RunAsync(["events", "add", "--title", title, "--start", start], new StringWriter(), stderr, cli) == 0, stderr.ToString());
        DateTimeOffset due;
        await using (var db = OpenDb()) due = (await db.EventNotices.AsNoTracking().SingleAsync(n => n.Kind == ScheduledNoticeKind.Reminder)).DueAt;

        // The instance whose sweep announced the event is the one that took it up: kill -9 it before the reminder is due.
        // Whatever it held then (the sweep trigger acquired, the job running, the outbox lease) the survivor must take over:
        // Quartz recovers a dead instance's triggers after its check-ins stop (15 s), the lease expires after 5 s.
        await _telegram.WaitForCallAsync(c => IsGroupMessage(c, group, "Nieuwe activiteit: " + title), Patience);
        var instances = new[] { first, second };
        await WaitUntilAsync(() => instances.Any(i => i.Tail().Contains("Event notices: ", StringComparison.Ordinal)),
            () => "no instance logged the announcement's sweep");
        var scheduler = instances.First(i => i.Tail().Contains("Event notices: ", StringComparison.Ordinal));
        var survivor = instances.Single(i => i != scheduler);
        // The announcement marked sent, so a resend after the kill (at-least-once) cannot blur the count below.
        await WaitForDbAsync(async db => await db.OutboxMessages.AllAsync(o => o.Status != OutboxStatus.Pending));
        Assert.True(DateTimeOffset.UtcNow < due - TimeSpan.FromSeconds(5), $"the reminder was due at {due:HH:mm:ss} before the kill");
        scheduler.Kill();
        var killedAt = DateTimeOffset.UtcNow;

        var reminder = await _telegram.WaitForCallAsync(c => IsGroupMessage(c, group, "Herinnering: " + title), due - DateTimeOffset.UtcNow + Patience);
        await WaitForDbAsync(async db => await db.EventNotices.AnyAsync(n => n.Kind == ScheduledNoticeKind.Reminder && n.Status == ScheduledNoticeStatus.Sent));
        await WaitForDbAsync(async db => await db.OutboxMessages.AllAsync(o => o.Status != OutboxStatus.Pending));
        Assert.True(reminder.At >= due, $"the reminder came at {reminder.At:HH:mm:ss.fff}, before it was due at {due:HH:mm:ss.fff}");
        Assert.Single(_telegram.Calls, c => IsGroupMessage(c, group, "Herinnering: " + title));
        Assert.Single(_telegram.Calls, c => IsGroupMessage(c, group, "Nieuwe activiteit: " + title));
        Assert.Empty(_telegram.Limits!.Refused);
        Assert.False(survivor.HasExited, survivor.Tail());
        output.WriteLine($"reminder due {(due - killedAt).TotalSeconds:0.0} s after the kill, sent {(reminder.At - due).TotalSeconds:0.0} s after it was due");
    }

    private static bool IsGroupMessage(RecordedCall call, long group, string fragment) =>
        call.Method == "sendMessage" && call.ChatId == group.ToString() && (call.Text("text") ?? "").Contains(fragment, StringComparison.Ordinal);

    private static bool IsReport(RecordedCall call) =>
        call.Method == "sendMessage" && call.ChatId == Carla.ToString() && (call.Text("text") ?? "").StartsWith("Overzicht van je bericht", StringComparison.Ordinal);

    private int GroupsReached(HashSet<string> groupIds) =>
        _telegram.Limits!.Accepted.Where(m => groupIds.Contains(m.ChatId) && m.Content == BroadcastText).Select(m => m.ChatId).Distinct().Count();

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> failure, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure());
            await Task.Delay(20);
        }
    }

    private async Task WaitForDbAsync(Func<BuurtkrachtDb, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using (var db = OpenDb())
                if (await condition(db)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("What the test waits for was not stored in time.");
            await Task.Delay(100);
        }
    }
}
