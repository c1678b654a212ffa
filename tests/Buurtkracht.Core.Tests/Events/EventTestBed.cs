using Buurtkracht.Core.Events;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests.Events;

/// <summary>The core harness with helpers for events: plan, sweep at the manual clock's time, read notices and outbox rows.</summary>
internal static class EventTestBed
{
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        EventTime.ToInstant(new DateTime(year, month, day, hour, minute, 0));

    public static async Task<CoreHarness> StartAsync(DateTimeOffset now, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Events:CalendarFolder"] = Path.Combine(Path.GetTempPath(), "buurtkracht-core-tests", "agenda-" + Guid.NewGuid().ToString("N")) };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var harness = await CoreHarness.StartAsync(settings: all);
        harness.Clock.SetUtcNow(now);
        return harness;
    }

    public static EventService Service(this CoreHarness h) => h.Services.GetRequiredService<EventService>();

    public static Task<Event> PlanAsync(this CoreHarness h, EventDraft draft) =>
        h.DbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var ev = await h.Service().CreateAsync(db, draft, h.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return ev;
        });

    public static EventDraft OneOff(string title, DateTime localStart, TimeSpan? length = null, int? capacity = null) => new()
    {
        Title = title,
        Location = "Speeltuin Kerkstraat",
        Kind = EventKind.Workshop,
        Organiser = "SWA",
        Capacity = capacity,
        Dates = [new OccurrenceDraft(localStart, localStart + (length ?? TimeSpan.FromHours(2)))],
    };

    public static Task<EventService.SweepResult> SweepAsync(this CoreHarness h) =>
        h.DbAsync(db => h.Service().SweepAsync(db, h.Clock.GetUtcNow()));

    public static Task<List<ScheduledNotice>> NoticesAsync(this CoreHarness h) =>
        h.DbAsync(db => db.EventNotices.OrderBy(n => n.Kind).ThenByDescending(n => n.OffsetMinutes).ToListAsync());

    public static Task<ScheduledNotice> ReminderAsync(this CoreHarness h, TimeSpan offset) =>
        h.DbAsync(db => db.EventNotices.SingleAsync(n => n.Kind == ScheduledNoticeKind.Reminder && n.OffsetMinutes == (int)offset.TotalMinutes));

    public static Task<int> FirstOccurrenceIdAsync(this CoreHarness h) => h.DbAsync(db => db.EventOccurrences.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());

    /// <summary>The street group exists (someone spoke in it) and Anna and Bram have opened a private chat with the bot.</summary>
    public static async Task SetUpGroupAndPeopleAsync(this CoreHarness h)
    {
        await h.GroupAsync(People.Anna, "Hallo buren");
        await h.GroupAsync(People.Bram, "Hoi");
        await h.PrivateAsync(People.Anna, "/start");
        await h.PrivateAsync(People.Bram, "/start");
    }

    public static Task<Turn> PressAsync(this CoreHarness h, Sender who, int occurrenceId, char answer, string? chatId = People.GroupChatId) =>
        chatId is null
            ? h.PrivateAsync(who, new ChoiceContent($"rsvp:{occurrenceId}:{answer}"))
            : h.GroupAsync(who, new ChoiceContent($"rsvp:{occurrenceId}:{answer}"), chatId);

    public static async Task<List<(OutboxMessage Row, OutgoingMessage Message)>> OutboxSinceAsync(this CoreHarness h, long afterId) =>
        (await h.DbAsync(db => db.OutboxMessages.Where(o => o.Id > afterId).OrderBy(o => o.Id).ToListAsync()))
        .Select(r => (r, Outbox.ReadPayload(r))).ToList();

    public static Task<long> LastOutboxIdAsync(this CoreHarness h) => h.DbAsync(async db => await db.OutboxMessages.MaxAsync(o => (long?)o.Id) ?? 0);

    public static Task GrantCoordinatorAsync(this CoreHarness h, Sender who) =>
        h.DbAsync(async db =>
        {
            var member = await db.Members.SingleAsync(m => m.ChannelUserId == who.UserId);
            db.RoleAssignments.Add(new RoleAssignment { MemberId = member.Id, Role = Role.Coordinator, GrantedAt = DateTimeOffset.UnixEpoch, GrantedBy = "test" });
            await db.SaveChangesAsync();
        });
}
