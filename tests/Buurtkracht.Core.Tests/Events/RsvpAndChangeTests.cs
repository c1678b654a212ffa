using Buurtkracht.Core.Events;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Events.EventTestBed;

namespace Buurtkracht.Core.Tests.Events;

public sealed class RsvpAndChangeTests
{
    private static async Task<(CoreHarness H, int Occurrence, long AnnouncementRow)> AnnouncedAsync(int? capacity = null)
    {
        var h = await StartAsync(Local(2027, 6, 1, 12));
        await h.SetUpGroupAndPeopleAsync();
        await h.PlanAsync(OneOff("Tegelwippen", new DateTime(2027, 6, 12, 10, 0, 0), capacity: capacity));
        await h.SweepAsync();
        var occurrence = await h.FirstOccurrenceIdAsync();
        var announcement = await h.DbAsync(db => db.EventAnnouncements.SingleAsync());
        var row = Outbox.ReadPayload(await h.OutboxRowAsync(announcement.OutboxMessageId));
        Assert.Equal(["Ik kom", "Misschien", "Kan niet"], row.Choices.Single().Select(c => c.Label));
        Assert.Contains("Ik kom: 0 · Misschien: 0 · Kan niet: 0", row.Text);
        return (h, occurrence, announcement.OutboxMessageId);
    }

    [Fact]
    public async Task Pressing_edits_the_announcement_in_place_and_pressing_again_changes_the_answer_without_double_counting()
    {
        var (h, occurrence, announcementRow) = await AnnouncedAsync();
        await using var _ = h;

        var first = await h.PressAsync(People.Anna, occurrence, 'c');
        var edit = Assert.Single(first.Replies, r => r.EditsOutboxId == announcementRow);
        Assert.Contains("Ik kom: 1 · Misschien: 0 · Kan niet: 0", edit.Text);
        Assert.Single(first.Rows, r => r.ChatId == People.GroupChatId);
        var confirmation = Assert.Single(first.Rows, r => r.ChatId == People.Anna.UserId);
        Assert.Contains("je komt naar Tegelwippen", Outbox.ReadPayload(confirmation).Text);

        // The same answer again: nothing changes, no edit, no message.
        var same = await h.PressAsync(People.Anna, occurrence, 'c');
        Assert.Empty(same.Rows);

        var maybe = await h.PressAsync(People.Anna, occurrence, 'm');
        Assert.Contains("Ik kom: 0 · Misschien: 1 · Kan niet: 0", Assert.Single(maybe.Replies, r => r.EditsOutboxId == announcementRow).Text);
        var bram = await h.PressAsync(People.Bram, occurrence, 'c');
        Assert.Contains("Ik kom: 1 · Misschien: 1 · Kan niet: 0", Assert.Single(bram.Replies, r => r.EditsOutboxId == announcementRow).Text);
        // From the private chat ("Kan toch niet" under a reminder).
        var cant = await h.PressAsync(People.Anna, occurrence, 'n', chatId: null);
        Assert.Contains("Ik kom: 1 · Misschien: 0 · Kan niet: 1", Assert.Single(cant.Replies, r => r.EditsOutboxId == announcementRow).Text);

        Assert.Equal(2, await h.DbAsync(db => db.EventRsvps.CountAsync()));
        Assert.Equal(new EventService.RsvpCounts(1, 0, 1), await h.DbAsync(db => EventService.CountsAsync(db, occurrence)));
    }

    [Fact]
    public async Task A_press_after_a_reminder_edits_the_announcement_and_every_reminder_in_the_group_so_no_message_shows_old_counts()
    {
        var (h, occurrence, announcementRow) = await AnnouncedAsync();
        await using var _ = h;
        // The 7-day and the 1-day reminder went out in the group, each with the RSVP buttons.
        var reminderRows = new List<long>();
        foreach (var offset in new[] { TimeSpan.FromDays(7), TimeSpan.FromDays(1) })
        {
            h.Clock.SetUtcNow((await h.ReminderAsync(offset)).DueAt);
            var before = await h.LastOutboxIdAsync();
            await h.SweepAsync();
            var reminder = Assert.Single(await h.OutboxSinceAsync(before), r => r.Row.ChatId == People.GroupChatId);
            Assert.StartsWith("Herinnering: Tegelwippen", reminder.Message.Text);
            Assert.Equal(["Ik kom", "Misschien", "Kan niet"], reminder.Message.Choices.Single().Select(c => c.Label));
            reminderRows.Add(reminder.Row.Id);
        }

        var press = await h.PressAsync(People.Bram, occurrence, 'c');

        var edits = press.Replies.Where(r => r.EditsOutboxId is not null).ToList();
        Assert.Equal([announcementRow, .. reminderRows], edits.Select(e => e.EditsOutboxId!.Value).Order());
        Assert.All(edits, e => Assert.Contains("Ik kom: 1 · Misschien: 0 · Kan niet: 0", e.Text));
        // Each keeps its own title, so an edited reminder still reads as a reminder.
        Assert.StartsWith("Herinnering: Tegelwippen", Assert.Single(edits, e => e.EditsOutboxId == reminderRows[^1]).Text);
        Assert.DoesNotContain("Herinnering", Assert.Single(edits, e => e.EditsOutboxId == announcementRow).Text);
    }

    [Fact]
    public async Task The_same_button_update_delivered_twice_is_counted_once()
    {
        var (h, occurrence, _) = await AnnouncedAsync();
        await using var __ = h;
        var update = h.Group(People.Carla, new ChoiceContent($"rsvp:{occurrence}:c"));
        Assert.Equal(InboundOutcome.Processed, await h.HandleAsync(update));
        Assert.Equal(InboundOutcome.Duplicate, await h.HandleAsync(update));
        // Carla then changes her mind; a redelivery of her first press must not undo that.
        await h.PressAsync(People.Carla, occurrence, 'n');
        Assert.Equal(InboundOutcome.Duplicate, await h.HandleAsync(update));
        Assert.Equal(new EventService.RsvpCounts(0, 0, 1), await h.DbAsync(db => EventService.CountsAsync(db, occurrence)));
    }

    [Fact]
    public async Task When_full_a_yes_becomes_maybe_and_the_person_is_told()
    {
        var (h, occurrence, _) = await AnnouncedAsync(capacity: 1);
        await using var __ = h;
        await h.PressAsync(People.Anna, occurrence, 'c');
        var bram = await h.PressAsync(People.Bram, occurrence, 'c');
        Assert.Contains(bram.Rows, r => r.ChatId == People.Bram.UserId && Outbox.ReadPayload(r).Text.Contains("vol"));
        Assert.Equal(new EventService.RsvpCounts(1, 1, 0), await h.DbAsync(db => EventService.CountsAsync(db, occurrence)));
    }

    [Fact]
    public async Task A_change_reschedules_the_reminders_edits_the_announcement_and_tells_the_group_and_everyone_who_answered()
    {
        var (h, occurrence, announcementRow) = await AnnouncedAsync();
        await using var _ = h;
        await h.PressAsync(People.Anna, occurrence, 'c');
        await h.PressAsync(People.Bram, occurrence, 'n');
        var before = await h.LastOutboxIdAsync();

        await h.DbAsync(async db =>
        {
            var o = await db.EventOccurrences.Include(x => x.Event).SingleAsync();
            await h.Service().ChangeOccurrenceAsync(db, o, Local(2027, 6, 19, 13), Local(2027, 6, 19, 15), h.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        Assert.Equal(new DateTime(2027, 6, 12, 13, 0, 0), EventTime.ToLocal((await h.ReminderAsync(TimeSpan.FromDays(7))).DueAt));
        Assert.Equal(new DateTime(2027, 6, 19, 11, 0, 0), EventTime.ToLocal((await h.ReminderAsync(TimeSpan.FromHours(2))).DueAt));
        var sent = await h.OutboxSinceAsync(before);
        var edit = Assert.Single(sent, r => r.Message.EditsOutboxId == announcementRow);
        Assert.Contains("za 19 juni 2027 13:00–15:00", edit.Message.Text);
        Assert.Single(sent, r => r.Row.ChatId == People.GroupChatId && r.Message.Text.StartsWith("Let op: Tegelwippen is gewijzigd"));
        Assert.Single(sent, r => r.Row.ChatId == People.Anna.UserId && r.Message.Text.StartsWith("Let op"));
        Assert.Single(sent, r => r.Row.ChatId == People.Bram.UserId && r.Message.Text.StartsWith("Let op"));

        // At the old 2-hour mark nothing goes; at the new one it does.
        h.Clock.SetUtcNow(Local(2027, 6, 12, 8));
        var atOld = await h.LastOutboxIdAsync();
        await h.SweepAsync();
        Assert.DoesNotContain(await h.OutboxSinceAsync(atOld), r => r.Message.Text.StartsWith("Herinnering") && r.Message.Text.Contains("12 juni"));
    }

    [Fact]
    public async Task A_cancellation_drops_the_reminders_strikes_the_announcement_and_tells_everyone_who_answered()
    {
        var (h, occurrence, announcementRow) = await AnnouncedAsync();
        await using var _ = h;
        await h.PressAsync(People.Anna, occurrence, 'm');
        var before = await h.LastOutboxIdAsync();

        await h.DbAsync(async db =>
        {
            var ev = await db.Events.SingleAsync();
            await h.Service().CancelAsync(db, ev, null, "test", h.Clock.GetUtcNow());
        });

        var sent = await h.OutboxSinceAsync(before);
        var edit = Assert.Single(sent, r => r.Message.EditsOutboxId == announcementRow);
        Assert.StartsWith("AFGELAST: Tegelwippen", edit.Message.Text);
        Assert.Empty(edit.Message.Choices);
        Assert.Single(sent, r => r.Row.ChatId == People.GroupChatId && r.Message.Text.Contains("gaat niet door"));
        Assert.Single(sent, r => r.Row.ChatId == People.Anna.UserId && r.Message.Text.Contains("gaat niet door"));
        Assert.All((await h.NoticesAsync()).Where(n => n.Kind == ScheduledNoticeKind.Reminder), n => Assert.Equal(ScheduledNoticeStatus.Dropped, n.Status));

        h.Clock.SetUtcNow(Local(2027, 6, 12, 9));
        var late = await h.LastOutboxIdAsync();
        await h.SweepAsync();
        Assert.Empty(await h.OutboxSinceAsync(late));
        var press = await h.PressAsync(People.Bram, occurrence, 'c', chatId: null);
        Assert.Contains("gaat niet door", Assert.Single(press.Texts));
    }

    [Fact]
    public async Task Zet_in_mijn_agenda_sends_an_ics_document_privately()
    {
        var (h, occurrence, _) = await AnnouncedAsync();
        await using var _ = h;
        var turn = await h.PrivateAsync(People.Anna, new ChoiceContent($"ics:{occurrence}"));
        var document = Assert.Single(turn.Replies);
        Assert.NotNull(document.DocumentPath);
        var ics = await File.ReadAllTextAsync(document.DocumentPath!);
        Assert.Contains("SUMMARY:Tegelwippen\r\n", ics);
        // 10:00 Amsterdam summer time, written in the zone the .ics carries (08:00 UTC).
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20270612T100000\r\n", ics);
    }
}
