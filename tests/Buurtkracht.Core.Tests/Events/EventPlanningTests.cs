using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Events.EventTestBed;

namespace Buurtkracht.Core.Tests.Events;

/// <summary>The EventService entry points the dashboard and the CLI share: plan, change, import, with Amsterdam wall-clock times.</summary>
public sealed class EventPlanningTests
{
    private static Task<Event> PlanAsync(CoreHarness h, ProgrammeFile.ProgrammeEvent entry) =>
        h.DbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var ev = await h.Service().PlanAsync(db, entry, null, "beheer:telegram:1", h.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return ev;
        });

    private static Task<List<DateTime>> StartsUtcAsync(CoreHarness h) =>
        h.DbAsync(async db => (await db.EventOccurrences.ToListAsync()).Select(o => o.StartsAt.UtcDateTime).Order().ToList());

    [Fact]
    public async Task Several_days_across_the_end_of_summer_time_keep_ten_oclock_local_and_are_audited()
    {
        await using var h = await StartAsync(Local(2027, 10, 1, 12));
        await PlanAsync(h, new ProgrammeFile.ProgrammeEvent
        {
            Title = "Tegelwippen", Kind = "tegelwippen",
            Dates = [.. new[] { "2027-10-30", "2027-10-31", "2027-11-01" }.Select(d => new ProgrammeFile.ProgrammeDate { Start = $"{d} 10:00", End = $"{d} 12:00" })],
        });

        // Summer time ends in the night to Sunday 31 October 2027: 10:00 is 08:00 UTC before and 09:00 UTC after.
        Assert.Equal([new DateTime(2027, 10, 30, 8, 0, 0), new DateTime(2027, 10, 31, 9, 0, 0), new DateTime(2027, 11, 1, 9, 0, 0)], await StartsUtcAsync(h));
        var audit = await h.DbAsync(db => db.Set<AuditEntry>().SingleAsync());
        Assert.Equal((AuditActions.EventPlanned, "beheer:telegram:1", "dates:3"), (audit.Action, audit.Actor, audit.Details));
    }

    [Fact]
    public async Task A_monthly_rule_across_the_start_of_summer_time_keeps_its_local_time()
    {
        await using var h = await StartAsync(Local(2027, 1, 10, 12));
        await PlanAsync(h, new ProgrammeFile.ProgrammeEvent
        {
            Title = "Buurtkoffie", Rule = new MonthlyRule(-1, DayOfWeek.Sunday, new TimeOnly(10, 0)).ToString(),
            From = "2027-02-01", Until = "2027-04-30", Duration = "2:00",
        });
        Assert.Equal([new DateTime(2027, 2, 28, 9, 0, 0), new DateTime(2027, 3, 28, 8, 0, 0), new DateTime(2027, 4, 25, 8, 0, 0)], await StartsUtcAsync(h));
    }

    [Fact]
    public async Task A_new_place_is_announced_as_a_change_a_new_capacity_edits_the_announcement_and_no_change_changes_nothing()
    {
        await using var h = await StartAsync(Local(2027, 6, 1, 12));
        await h.SetUpGroupAndPeopleAsync();
        await h.PlanAsync(OneOff("Snoeiochtend", new DateTime(2027, 6, 12, 10, 0, 0)));
        await h.SweepAsync();
        var occurrence = await h.FirstOccurrenceIdAsync();
        var announcement = await h.DbAsync(db => db.EventAnnouncements.SingleAsync());
        var start = new DateTime(2027, 6, 12, 10, 0, 0);

        Task<bool> ChangeAsync(string place, int? capacity) => h.DbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var changed = await h.Service().ChangeAsync(db, occurrence, new OccurrenceChange(start, start.AddHours(2), place, capacity), "beheer:telegram:1", h.Clock.GetUtcNow());
            await tx.CommitAsync();
            return changed;
        });

        var before = await h.LastOutboxIdAsync();
        Assert.True(await ChangeAsync("Buurthuis De Ark", null));
        var rows = await h.OutboxSinceAsync(before);
        var notice = Assert.Single(rows, r => r.Message.EditsOutboxId is null && r.Row.ChatId == People.GroupChatId);
        Assert.Contains("Let op: Snoeiochtend is gewijzigd", notice.Message.Text);
        Assert.Contains("Plaats: Buurthuis De Ark", notice.Message.Text);

        before = await h.LastOutboxIdAsync();
        Assert.True(await ChangeAsync("Buurthuis De Ark", 5));
        var edit = Assert.Single(await h.OutboxSinceAsync(before));
        Assert.Equal(announcement.OutboxMessageId, edit.Message.EditsOutboxId);
        Assert.Contains("Er zijn 5 plaatsen. Nog vrij: 5.", edit.Message.Text);

        before = await h.LastOutboxIdAsync();
        Assert.False(await ChangeAsync("Buurthuis De Ark", 5));
        Assert.Empty(await h.OutboxSinceAsync(before));
        Assert.Equal(["place", "capacity"], await h.DbAsync(db => db.Set<AuditEntry>().Where(a => a.Action == AuditActions.EventChanged)
            .OrderBy(a => a.Id).Select(a => a.Details!).ToListAsync()));
    }

    [Fact]
    public async Task A_dry_run_import_stores_nothing_and_a_bad_file_names_the_line()
    {
        await using var h = await StartAsync(Local(2027, 6, 1, 12));
        const string yaml = """
            events:
              - id: schouw
                title: Schouw
                dates:
                  - start: 2027-06-12 10:00
            """;
        var rows = await h.DbAsync(db => h.Service().ImportAsync(db, yaml, dryRun: true, "cli", h.Clock.GetUtcNow()));
        var row = Assert.Single(rows);
        Assert.Equal(("schouw", "created", 1), (row.Key, row.Result, row.Dates));
        Assert.Equal(0, await h.DbAsync(db => db.Events.CountAsync()));
        Assert.Equal(0, await h.DbAsync(db => db.Set<AuditEntry>().CountAsync()));

        var syntax = await Assert.ThrowsAsync<EventValidationException>(() =>
            h.DbAsync(db => h.Service().ImportAsync(db, "events:\n  - id: a\n    capacity: veel\n", dryRun: false, "cli", h.Clock.GetUtcNow())));
        Assert.StartsWith("line 3:", syntax.Message);
        var unknown = await Assert.ThrowsAsync<EventValidationException>(() =>
            h.DbAsync(db => h.Service().ImportAsync(db, yaml + "\n  - id: b\n    title: B\n    kind: feest\n    dates:\n      - start: 2027-06-13 10:00\n", dryRun: false, "cli", h.Clock.GetUtcNow())));
        Assert.Contains("line 6, event 2 (b): kind 'feest'", unknown.Message);
        Assert.Equal(0, await h.DbAsync(db => db.Events.CountAsync()));
    }
}
