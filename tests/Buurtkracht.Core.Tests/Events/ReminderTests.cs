using Buurtkracht.Core.Events;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Events.EventTestBed;

namespace Buurtkracht.Core.Tests.Events;

public sealed class ReminderTests
{
    [Theory]
    // The Saturday after the switch to summer time (2027-03-28): the 7-day reminder falls in winter time.
    [InlineData(2027, 4, 3, 2027, 3, 27)]
    // The Sunday of the switch itself.
    [InlineData(2027, 3, 28, 2027, 3, 21)]
    // The Saturday after the switch back to winter time (2027-10-31): the 7-day reminder falls in summer time.
    [InlineData(2027, 11, 6, 2027, 10, 30)]
    [InlineData(2027, 10, 31, 2027, 10, 24)]
    public async Task Reminders_come_at_the_same_local_time_in_the_weeks_of_the_summer_time_changes(int y, int m, int d, int wy, int wm, int wd)
    {
        await using var h = await StartAsync(Local(2027, 1, 4, 12));
        await h.SetUpGroupAndPeopleAsync();
        await h.PlanAsync(OneOff("Workshop vogelhuisjes", new DateTime(y, m, d, 10, 0, 0)));
        var occurrence = await h.FirstOccurrenceIdAsync();
        await h.PressAsync(People.Anna, occurrence, 'c');

        var week = await h.ReminderAsync(TimeSpan.FromDays(7));
        var day = await h.ReminderAsync(TimeSpan.FromDays(1));
        var twoHours = await h.ReminderAsync(TimeSpan.FromHours(2));
        Assert.Equal(new DateTime(wy, wm, wd, 10, 0, 0), EventTime.ToLocal(week.DueAt));
        Assert.Equal(new DateTime(y, m, d, 10, 0, 0).AddDays(-1), EventTime.ToLocal(day.DueAt));
        Assert.Equal(new DateTime(y, m, d, 8, 0, 0), EventTime.ToLocal(twoHours.DueAt));

        // Driven by the clock: a minute early nothing goes; at the due time the reminder goes to the group and to Anna.
        foreach (var due in new[] { week.DueAt, day.DueAt, twoHours.DueAt })
        {
            h.Clock.SetUtcNow(due - TimeSpan.FromMinutes(1));
            var before = await h.LastOutboxIdAsync();
            await h.SweepAsync();
            Assert.DoesNotContain(await h.OutboxSinceAsync(before), r => r.Message.Text.StartsWith("Herinnering"));
            h.Clock.SetUtcNow(due);
            await h.SweepAsync();
            var sent = await h.OutboxSinceAsync(before);
            Assert.Contains(sent, r => r.Row.ChatId == People.GroupChatId && r.Message.Text.StartsWith("Herinnering: Workshop vogelhuisjes"));
            Assert.Contains(sent, r => r.Row.ChatId == People.Anna.UserId && r.Message.Text.StartsWith("Herinnering: Workshop vogelhuisjes"));
            Assert.DoesNotContain(sent, r => r.Row.ChatId == People.Bram.UserId);
        }
        Assert.All(await h.NoticesAsync(), n => Assert.Equal(ScheduledNoticeStatus.Sent, n.Status));
    }

    [Fact]
    public async Task A_reminder_in_the_quiet_hours_moves_to_eight_or_is_dropped_when_the_event_starts_before()
    {
        await using var h = await StartAsync(Local(2027, 5, 1, 12));
        await h.PlanAsync(OneOff("Schouw", new DateTime(2027, 5, 10, 9, 0, 0)));
        Assert.Equal(new DateTime(2027, 5, 10, 8, 0, 0), EventTime.ToLocal((await h.ReminderAsync(TimeSpan.FromHours(2))).DueAt));
        Assert.Equal(ScheduledNoticeStatus.Pending, (await h.ReminderAsync(TimeSpan.FromHours(2))).Status);

        await using var early = await StartAsync(Local(2027, 5, 1, 12));
        await early.PlanAsync(OneOff("Vroege opruimactie", new DateTime(2027, 5, 10, 7, 30, 0)));
        var dropped = await early.ReminderAsync(TimeSpan.FromHours(2));
        Assert.Equal(ScheduledNoticeStatus.Dropped, dropped.Status);
        Assert.Equal(ScheduledNoticeStatus.Pending, (await early.ReminderAsync(TimeSpan.FromDays(1))).Status);
    }

    [Fact]
    public async Task Quiet_hours_are_configurable_and_an_event_planned_late_at_night_is_announced_at_the_end_of_them()
    {
        await using var h = await StartAsync(Local(2027, 5, 1, 22), new Dictionary<string, string?>
        {
            ["Events:QuietHoursStart"] = "22:00", ["Events:QuietHoursEnd"] = "07:00",
        });
        await h.GroupAsync(People.Anna, "Hallo");
        await h.PlanAsync(OneOff("Buurtbarbecue", new DateTime(2027, 5, 2, 17, 0, 0)));
        var before = await h.LastOutboxIdAsync();
        await h.SweepAsync();
        Assert.Empty(await h.OutboxSinceAsync(before));
        h.Clock.SetUtcNow(Local(2027, 5, 2, 7));
        await h.SweepAsync();
        Assert.Contains(await h.OutboxSinceAsync(before), r => r.Message.Text.StartsWith("Nieuwe activiteit: Buurtbarbecue"));
    }

    [Fact]
    public async Task Reminder_offsets_are_configurable()
    {
        await using var h = await StartAsync(Local(2027, 5, 1, 12), new Dictionary<string, string?>
        {
            ["Events:ReminderOffsets:0"] = "3.00:00:00", ["Events:ReminderOffsets:1"] = "00:30:00",
        });
        await h.PlanAsync(OneOff("Informatieavond", new DateTime(2027, 5, 20, 19, 30, 0)));
        var reminders = (await h.NoticesAsync()).Where(n => n.Kind == ScheduledNoticeKind.Reminder).ToList();
        Assert.Equal([3 * 24 * 60, 30], reminders.Select(n => n.OffsetMinutes));
        Assert.Equal(new DateTime(2027, 5, 20, 19, 0, 0), EventTime.ToLocal(reminders[1].DueAt));
    }

    [Fact]
    public async Task A_reminder_missed_during_downtime_is_sent_once_at_start_up_and_one_for_a_started_event_is_dropped()
    {
        await using var h = await StartAsync(Local(2027, 6, 1, 12));
        await h.SetUpGroupAndPeopleAsync();
        await h.PlanAsync(OneOff("Tegelwippen", new DateTime(2027, 6, 12, 10, 0, 0)));
        await h.PlanAsync(OneOff("Koffieochtend", new DateTime(2027, 6, 11, 9, 0, 0)));
        await h.SweepAsync(); // both announced
        var tegelwippen = await h.FirstOccurrenceIdAsync();
        await h.PressAsync(People.Anna, tegelwippen, 'c');

        // Down from before the 7-day reminders until after the 1-day reminder of Tegelwippen and the start of the Koffieochtend.
        await h.RestartAsync();
        h.Clock.SetUtcNow(Local(2027, 6, 11, 12));
        var before = await h.LastOutboxIdAsync();
        var result = await h.SweepAsync();

        var sent = await h.OutboxSinceAsync(before);
        Assert.Single(sent, r => r.Row.ChatId == People.GroupChatId && r.Message.Text.StartsWith("Herinnering: Tegelwippen"));
        Assert.Single(sent, r => r.Row.ChatId == People.Anna.UserId && r.Message.Text.StartsWith("Herinnering: Tegelwippen"));
        Assert.DoesNotContain(sent, r => r.Message.Text.Contains("Koffieochtend"));
        Assert.Equal(1, result.Sent);
        var koffie = await h.DbAsync(db => db.EventNotices.Where(n => n.OccurrenceId != tegelwippen && n.Kind == ScheduledNoticeKind.Reminder).ToListAsync());
        Assert.All(koffie, n => Assert.Equal(ScheduledNoticeStatus.Dropped, n.Status));
        var week = await h.DbAsync(db => db.EventNotices.SingleAsync(n => n.OccurrenceId == tegelwippen && n.OffsetMinutes == 7 * 24 * 60));
        Assert.Equal(ScheduledNoticeStatus.Dropped, week.Status);

        // Another restart and sweep at the same moment: nothing is sent twice.
        await h.RestartAsync();
        var again = await h.LastOutboxIdAsync();
        Assert.Equal(0, (await h.SweepAsync()).Sent);
        Assert.Empty(await h.OutboxSinceAsync(again));
    }

    [Fact]
    public async Task Recurring_events_get_one_occurrence_per_rule_date_and_each_is_announced_a_configurable_time_ahead()
    {
        await using var h = await StartAsync(Local(2027, 1, 1, 12));
        await h.GroupAsync(People.Anna, "Hallo");
        MonthlyRule.TryParse("elke derde zaterdag van de maand om 10:00", out var rule);
        await h.PlanAsync(new EventDraft
        {
            Title = "Kinderworkshop", Kind = EventKind.Workshop, Rule = rule,
            RuleFrom = new DateOnly(2027, 1, 1), RuleUntil = new DateOnly(2027, 12, 31), RuleDuration = TimeSpan.FromHours(2),
        });
        Assert.Equal(12, await h.DbAsync(db => db.EventOccurrences.CountAsync()));
        var before = await h.LastOutboxIdAsync();
        await h.SweepAsync();
        // Only January's is within 30 days.
        var announced = (await h.OutboxSinceAsync(before)).Where(r => r.Message.Text.StartsWith("Nieuwe activiteit")).ToList();
        Assert.Single(announced);
        Assert.Contains("za 16 januari 2027 10:00", announced[0].Message.Text);
    }
}
