using System.Text;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Events;

/// <summary>One date of a new event, in Europe/Amsterdam local time.</summary>
public sealed record OccurrenceDraft(DateTime LocalStart, DateTime LocalEnd, string? Note = null);

/// <summary>What is needed to plan an event: fixed dates, a monthly rule, or both.</summary>
public sealed record EventDraft
{
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public string Location { get; init; } = "";
    public EventKind Kind { get; init; } = EventKind.Other;
    public EventAudience Audience { get; init; } = EventAudience.AllGroups;
    public IReadOnlyList<int> AudienceIds { get; init; } = [];
    public int? Capacity { get; init; }
    public string Organiser { get; init; } = "";
    public int? OrganiserMemberId { get; init; }
    public string? ImportKey { get; init; }
    public IReadOnlyList<OccurrenceDraft> Dates { get; init; } = [];
    public MonthlyRule? Rule { get; init; }
    public DateOnly? RuleFrom { get; init; }
    public DateOnly? RuleUntil { get; init; }
    public TimeSpan RuleDuration { get; init; } = TimeSpan.FromHours(2);
}

/// <summary>
/// Plans events, schedules their announcements and reminders, sends what is due, and handles RSVPs, changes and
/// cancellations. Every method works inside the caller's unit of work: outbox rows commit with the state change.
/// </summary>
public sealed partial class EventService(IOptions<EventOptions> options, ILogger<EventService> log)
{
    private const int SweepBatch = 200;
    private EventOptions Options => options.Value;
    public QuietHours Quiet => new(Options.QuietHoursStart, Options.QuietHoursEnd);

    // ---------------------------------------------------------------- planning

    /// <summary>The occurrences a draft describes, sorted, as local start/end pairs.</summary>
    public List<OccurrenceDraft> ExpandDates(EventDraft draft, DateTimeOffset now)
    {
        var dates = new List<OccurrenceDraft>(draft.Dates);
        if (draft.Rule is { } rule)
        {
            var from = draft.RuleFrom ?? DateOnly.FromDateTime(EventTime.ToLocal(now));
            var until = draft.RuleUntil ?? DateOnly.FromDateTime(EventTime.ToLocal(now + Options.RecurrenceHorizon));
            dates.AddRange(rule.LocalDates(from, until).Select(start => new OccurrenceDraft(start, start + draft.RuleDuration)));
        }
        return dates.OrderBy(d => d.LocalStart).ToList();
    }

    public async Task<Event> CreateAsync(BuurtkrachtDb db, EventDraft draft, DateTimeOffset now, CancellationToken ct = default)
    {
        var dates = ExpandDates(draft, now);
        Validate(draft, dates);
        var ev = new Event { CreatedAt = now, Status = EventStatus.Scheduled };
        Apply(ev, draft, now);
        ev.Occurrences = dates.Select(d => new EventOccurrence
        {
            StartsAt = EventTime.ToInstant(d.LocalStart), EndsAt = EventTime.ToInstant(d.LocalEnd), Note = d.Note,
        }).ToList();
        db.Events.Add(ev);
        await db.SaveChangesAsync(ct);
        foreach (var occurrence in ev.Occurrences) await ScheduleNoticesAsync(db, occurrence, now, ct);
        return ev;
    }

    /// <summary>
    /// Brings an imported event up to date: details change in place (announced as a change when times or place moved),
    /// dates that are gone are cancelled, new dates are added.
    /// </summary>
    public async Task<(Event Event, bool Created, int Changed)> UpsertAsync(BuurtkrachtDb db, EventDraft draft, DateTimeOffset now, CancellationToken ct = default)
    {
        var existing = draft.ImportKey is null ? null
            : await db.Events.Include(e => e.Occurrences).OrderBy(e => e.Id).FirstOrDefaultAsync(e => e.ImportKey == draft.ImportKey, ct);
        if (existing is null) return (await CreateAsync(db, draft, now, ct), true, 0);

        var dates = ExpandDates(draft, now);
        Validate(draft, dates);
        var placeChanged = existing.Location != draft.Location;
        Apply(existing, draft, now);
        var changed = 0;
        var open = existing.Occurrences.Where(o => !o.IsCancelled).OrderBy(o => o.StartsAt).ToList();
        var wanted = dates.Select(d => (Start: EventTime.ToInstant(d.LocalStart), End: EventTime.ToInstant(d.LocalEnd), d.Note)).ToList();
        foreach (var occurrence in open.ToList())
        {
            var same = wanted.FindIndex(w => w.Start == occurrence.StartsAt);
            if (same < 0) continue;
            var w = wanted[same];
            wanted.RemoveAt(same);
            open.Remove(occurrence);
            var endChanged = occurrence.EndsAt != w.End;
            occurrence.Note = w.Note;
            if (endChanged || placeChanged)
            {
                await ChangeOccurrenceAsync(db, occurrence, occurrence.StartsAt, w.End, now, ct);
                changed++;
            }
        }
        // Remaining old dates pair up with remaining new dates in order (a date moved); the rest are cancelled or added.
        foreach (var (occurrence, w) in open.Zip(wanted).ToList())
        {
            occurrence.Note = w.Note;
            await ChangeOccurrenceAsync(db, occurrence, w.Start, w.End, now, ct);
            changed++;
        }
        foreach (var occurrence in open.Skip(wanted.Count)) await CancelOccurrenceAsync(db, existing, occurrence, now, ct);
        foreach (var w in wanted.Skip(open.Count))
        {
            var occurrence = new EventOccurrence { EventId = existing.Id, StartsAt = w.Start, EndsAt = w.End, Note = w.Note };
            existing.Occurrences.Add(occurrence);
            await db.SaveChangesAsync(ct);
            await ScheduleNoticesAsync(db, occurrence, now, ct);
        }
        await db.SaveChangesAsync(ct);
        return (existing, false, changed);
    }

    private static void Apply(Event ev, EventDraft draft, DateTimeOffset now)
    {
        ev.Title = draft.Title.Trim();
        ev.Description = draft.Description.Trim();
        ev.Location = draft.Location.Trim();
        ev.Kind = draft.Kind;
        ev.Audience = draft.Audience;
        ev.AudienceIds = draft.AudienceIds.Distinct().ToList();
        ev.Capacity = draft.Capacity;
        ev.Organiser = draft.Organiser.Trim();
        ev.OrganiserMemberId = draft.OrganiserMemberId ?? ev.OrganiserMemberId;
        ev.ImportKey = draft.ImportKey;
        ev.Rule = draft.Rule?.ToString();
        ev.UpdatedAt = now;
    }

    private static void Validate(EventDraft draft, List<OccurrenceDraft> dates)
    {
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Trim().Length > 200) throw new EventValidationException("A title of 1 to 200 characters is required.");
        if (dates.Count == 0) throw new EventValidationException($"'{draft.Title}' has no dates.");
        if (dates.FirstOrDefault(d => d.LocalEnd <= d.LocalStart) is { } bad)
            throw new EventValidationException($"'{draft.Title}': the end of {bad.LocalStart:yyyy-MM-dd HH:mm} is not after its start.");
        if (draft.Capacity is < 1) throw new EventValidationException($"'{draft.Title}': capacity must be at least 1.");
        if (draft.Audience != EventAudience.AllGroups && draft.AudienceIds.Count == 0)
            throw new EventValidationException($"'{draft.Title}': audience {draft.Audience} needs at least one id.");
    }

    /// <summary>
    /// Creates or moves the announcement and reminder rows of an occurrence. A reminder whose (new) time lies ahead is
    /// pending again, also when an earlier time was already reminded; one whose time has passed stays as it was, or is
    /// dropped when it was still pending.
    /// </summary>
    public async Task ScheduleNoticesAsync(BuurtkrachtDb db, EventOccurrence occurrence, DateTimeOffset now, CancellationToken ct = default)
    {
        var existing = occurrence.Id == 0 ? [] : await db.EventNotices.Where(n => n.OccurrenceId == occurrence.Id).ToListAsync(ct);
        var start = occurrence.StartsAt;
        var desired = new List<(ScheduledNoticeKind Kind, int Offset, DateTimeOffset Due)>
        {
            (ScheduledNoticeKind.Announcement, 0, Max(now, start - Options.AnnounceAhead)),
        };
        desired.AddRange(Options.EffectiveReminderOffsets.Select(o => (ScheduledNoticeKind.Reminder, (int)o.TotalMinutes, EventTime.Before(start, o))));

        var ev = occurrence.Event ?? await db.Events.SingleAsync(e => e.Id == occurrence.EventId, ct);
        if (ev.OrganiserMemberId is not null)
        {
            var ask = Quiet.Contains(occurrence.EndsAt) ? Quiet.EndAfter(occurrence.EndsAt) : occurrence.EndsAt;
            var row = existing.FirstOrDefault(n => n.Kind == ScheduledNoticeKind.Attendance);
            if (row is null)
                db.EventNotices.Add(new ScheduledNotice { OccurrenceId = occurrence.Id, Kind = ScheduledNoticeKind.Attendance, DueAt = ask, Status = ScheduledNoticeStatus.Pending });
            else if (row.Status == ScheduledNoticeStatus.Pending) row.DueAt = ask;
        }

        foreach (var (kind, offset, due) in desired)
        {
            var adjusted = Quiet.Apply(due, start);
            var row = existing.FirstOrDefault(n => n.Kind == kind && n.OffsetMinutes == offset);
            if (row is null)
            {
                row = new ScheduledNotice { OccurrenceId = occurrence.Id, Kind = kind, OffsetMinutes = offset, DueAt = adjusted ?? due };
                db.EventNotices.Add(row);
                if (adjusted is null) Drop(row, "falls in quiet hours that last until the event starts");
                else if (kind == ScheduledNoticeKind.Reminder && adjusted <= now) Drop(row, "due before the event was planned");
                else row.Status = ScheduledNoticeStatus.Pending;
                continue;
            }
            if (kind == ScheduledNoticeKind.Announcement)
            {
                if (row.Status == ScheduledNoticeStatus.Pending && adjusted is { } a) row.DueAt = a;
                continue;
            }
            if (adjusted is { } when && when > now)
            {
                row.Status = ScheduledNoticeStatus.Pending;
                row.DueAt = when;
                row.SentAt = null;
                row.Reason = null;
            }
            else if (row.Status == ScheduledNoticeStatus.Pending)
            {
                Drop(row, "passed when the event was changed");
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static void Drop(ScheduledNotice notice, string reason)
    {
        notice.Status = ScheduledNoticeStatus.Dropped;
        notice.Reason = reason;
    }

    // ---------------------------------------------------------------- sending what is due

    public sealed record SweepResult(int Sent, int Dropped, int Postponed, DateTimeOffset? NextDue);

    /// <summary>
    /// Sends every due announcement and reminder, in batches, each batch in one transaction with its outbox rows. Run
    /// by <see cref="EventNoticeJob"/>; after downtime the first run sends what is overdue for events that have not
    /// started and drops the rest with a log line.
    /// </summary>
    public async Task<SweepResult> SweepAsync(BuurtkrachtDb db, DateTimeOffset now, CancellationToken ct = default)
    {
        int sent = 0, dropped = 0, postponed = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var due = await db.EventNotices
                .Where(n => n.Status == ScheduledNoticeStatus.Pending && n.DueAt <= now)
                .OrderBy(n => n.DueAt).ThenBy(n => n.Id).Take(SweepBatch).ToListAsync(ct);
            if (due.Count == 0) break;
            var occurrenceIds = due.Select(n => n.OccurrenceId).Distinct().ToList();
            var occurrences = await db.EventOccurrences.Include(o => o.Event)
                .Where(o => occurrenceIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);

            foreach (var perOccurrence in due.GroupBy(n => n.OccurrenceId))
            {
                var occurrence = occurrences[perOccurrence.Key];
                var ev = occurrence.Event!;
                var notices = perOccurrence.OrderBy(n => n.Kind).ThenBy(n => n.OffsetMinutes).ToList();
                if (occurrence.IsCancelled || ev.Status == EventStatus.Cancelled)
                {
                    foreach (var n in notices) Drop(n, "event cancelled");
                    dropped += notices.Count;
                    continue;
                }
                if (notices.FirstOrDefault(n => n.Kind == ScheduledNoticeKind.Attendance) is { } attendance)
                {
                    notices.Remove(attendance);
                    if (Quiet.Contains(now)) { attendance.DueAt = Quiet.EndAfter(now); postponed++; }
                    else
                    {
                        await AskAttendanceAsync(db, ev, occurrence, now, ct);
                        MarkSent(attendance, now);
                        sent++;
                    }
                    if (notices.Count == 0) continue;
                }
                if (occurrence.StartsAt <= now)
                {
                    foreach (var n in notices)
                    {
                        Drop(n, "event had started before the notice could be sent");
                        log.LogInformation("Dropped {Kind} {NoticeId} for occurrence {OccurrenceId}: due {DueAt:u}, event started {StartsAt:u}",
                            n.Kind, n.Id, occurrence.Id, n.DueAt, occurrence.StartsAt);
                    }
                    dropped += notices.Count;
                    continue;
                }
                if (Quiet.Contains(now))
                {
                    // Overdue after downtime during the night: the quiet hours still apply.
                    var end = Quiet.EndAfter(now);
                    foreach (var n in notices)
                    {
                        if (end < occurrence.StartsAt) { n.DueAt = end; postponed++; }
                        else { Drop(n, "quiet hours last until the event starts"); dropped++; }
                    }
                    continue;
                }

                var announcement = notices.FirstOrDefault(n => n.Kind == ScheduledNoticeKind.Announcement);
                var reminders = notices.Where(n => n.Kind == ScheduledNoticeKind.Reminder).ToList();
                if (announcement is not null)
                {
                    await AnnounceAsync(db, occurrence, now, ct);
                    MarkSent(announcement, now);
                    sent++;
                }
                if (reminders.Count > 0)
                {
                    // Several reminders due at once (after downtime): only the closest to the start goes out.
                    var closest = reminders.MinBy(n => n.OffsetMinutes)!;
                    foreach (var n in reminders.Where(n => n != closest))
                    {
                        Drop(n, "superseded by a later reminder that was due at the same time");
                        dropped++;
                    }
                    await RemindAsync(db, occurrence, now, ct);
                    MarkSent(closest, now);
                    sent++;
                }
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return new SweepResult(sent, dropped, postponed, await NextDueAsync(db, ct));
    }

    public async Task<DateTimeOffset?> NextDueAsync(BuurtkrachtDb db, CancellationToken ct = default)
    {
        var next = await db.EventNotices.Where(n => n.Status == ScheduledNoticeStatus.Pending)
            .OrderBy(n => n.DueAt).Select(n => (DateTimeOffset?)n.DueAt).FirstOrDefaultAsync(ct);
        return next;
    }

    private static void MarkSent(ScheduledNotice notice, DateTimeOffset now)
    {
        notice.Status = ScheduledNoticeStatus.Sent;
        notice.SentAt = now;
    }

    /// <summary>The active groups an event is for, now.</summary>
    public static async Task<List<StreetGroup>> TargetGroupsAsync(BuurtkrachtDb db, Event ev, CancellationToken ct = default)
    {
        var ids = ev.AudienceIds;
        var query = db.StreetGroups.Where(g => g.IsActive);
        query = ev.Audience switch
        {
            EventAudience.Buurten => query.Where(g => g.BuurtId != null && ids.Contains(g.BuurtId.Value)),
            EventAudience.Groups => query.Where(g => ids.Contains(g.Id)),
            _ => query,
        };
        return await query.OrderBy(g => g.Id).ToListAsync(ct);
    }

    /// <summary>Posts the announcement with RSVP buttons in every target group that has not had it yet.</summary>
    public async Task AnnounceAsync(BuurtkrachtDb db, EventOccurrence occurrence, DateTimeOffset now, CancellationToken ct = default)
    {
        var ev = occurrence.Event ?? await db.Events.SingleAsync(e => e.Id == occurrence.EventId, ct);
        var done = await db.EventAnnouncements.Where(a => a.OccurrenceId == occurrence.Id).Select(a => a.GroupId).ToListAsync(ct);
        var counts = await CountsAsync(db, occurrence.Id, ct);
        foreach (var group in (await TargetGroupsAsync(db, ev, ct)).Where(g => !done.Contains(g.Id)))
        {
            var row = Outbox.EnqueueTracked(db, group.Address, ChatKind.Group, GroupMessage(ev, occurrence, counts, EventTexts.AnnouncementTitle), now);
            db.EventAnnouncements.Add(new EventAnnouncement { OccurrenceId = occurrence.Id, GroupId = group.Id, OutboxMessage = row, CreatedAt = now });
        }
    }

    private async Task RemindAsync(BuurtkrachtDb db, EventOccurrence occurrence, DateTimeOffset now, CancellationToken ct)
    {
        var ev = occurrence.Event!;
        var counts = await CountsAsync(db, occurrence.Id, ct);
        foreach (var group in await TargetGroupsAsync(db, ev, ct))
        {
            var row = Outbox.EnqueueTracked(db, group.Address, ChatKind.Group, GroupMessage(ev, occurrence, counts, EventTexts.ReminderTitle), now);
            db.EventReminderMessages.Add(new EventReminderMessage { OccurrenceId = occurrence.Id, GroupId = group.Id, OutboxMessage = row, CreatedAt = now });
        }

        foreach (var member in await AnswerersAsync(db, occurrence.Id, [RsvpAnswer.Coming, RsvpAnswer.Maybe], ct))
        {
            var text = Details(ev, occurrence, member.Language, EventTexts.ReminderTitle);
            Outbox.Enqueue(db, new ChatAddress(member.Channel, member.PrivateChatId!), ChatKind.Private, new OutgoingMessage
            {
                Text = text,
                Choices = [[Button(EventTexts.AddToCalendar, member.Language, $"{EventChoices.CalendarPrefix}:{occurrence.Id}"),
                            Button(EventTexts.CantAfterAll, member.Language, $"{EventChoices.RsvpPrefix}:{occurrence.Id}:n")]],
            }, now);
        }
    }

    /// <summary>The private button for the organiser to record the number of participants (no message when they cannot be reached).</summary>
    private static async Task AskAttendanceAsync(BuurtkrachtDb db, Event ev, EventOccurrence occurrence, DateTimeOffset now, CancellationToken ct)
    {
        var organiser = await db.Members.FirstOrDefaultAsync(m => m.Id == ev.OrganiserMemberId, ct);
        if (organiser is not { PrivateChatId: { } chatId, PrivateChatUnreachable: false } || occurrence.Attendance is not null) return;
        var language = organiser.Language;
        Outbox.Enqueue(db, new ChatAddress(organiser.Channel, chatId), ChatKind.Private, new OutgoingMessage
        {
            Text = EventTexts.AttendancePrompt.In(language, ev.Title, EventTime.Format(occurrence.StartsAt, language)),
            Choices = [[Button(EventTexts.EnterAttendance, language, $"{EventChoices.AttendancePrefix}:{occurrence.Id}")]],
        }, now);
    }

    /// <summary>Members with one of the answers who can be reached in a private chat.</summary>
    private static async Task<List<Member>> AnswerersAsync(BuurtkrachtDb db, int occurrenceId, RsvpAnswer[] answers, CancellationToken ct)
    {
        var memberIds = db.EventRsvps.Where(r => r.OccurrenceId == occurrenceId && answers.Contains(r.Answer)).Select(r => r.MemberId);
        return await db.Members.Where(m => memberIds.Contains(m.Id) && m.PrivateChatId != null && !m.PrivateChatUnreachable)
            .OrderBy(m => m.Id).ToListAsync(ct);
    }

    // ---------------------------------------------------------------- messages

    public sealed record RsvpCounts(int Coming, int Maybe, int NotComing);

    public static async Task<RsvpCounts> CountsAsync(BuurtkrachtDb db, int occurrenceId, CancellationToken ct = default)
    {
        var byAnswer = await db.EventRsvps.Where(r => r.OccurrenceId == occurrenceId)
            .GroupBy(r => r.Answer).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new RsvpCounts(byAnswer.GetValueOrDefault(RsvpAnswer.Coming), byAnswer.GetValueOrDefault(RsvpAnswer.Maybe),
            byAnswer.GetValueOrDefault(RsvpAnswer.NotComing));
    }

    private static Choice Button(TextKey label, string language, string data) => new(label.In(language), data);

    /// <summary>Title line, when, where, note, description, organiser.</summary>
    internal static string Details(Event ev, EventOccurrence occurrence, string language, TextKey titleLine)
    {
        var text = new StringBuilder(titleLine.In(language, ev.Title)).AppendLine();
        text.AppendLine(EventTexts.When.In(language, EventTime.FormatRange(occurrence.StartsAt, occurrence.EndsAt, language)));
        if (ev.Location.Length > 0) text.AppendLine(EventTexts.Where.In(language, ev.Location));
        if (!string.IsNullOrWhiteSpace(occurrence.Note)) text.AppendLine(occurrence.Note);
        if (ev.Description.Length > 0) text.AppendLine().AppendLine(ev.Description);
        if (ev.Organiser.Length > 0) text.AppendLine().AppendLine(EventTexts.Organiser.In(language, ev.Organiser));
        return text.ToString().TrimEnd();
    }

    /// <summary>The group message of an occurrence: details, counts and the RSVP buttons (none once cancelled).</summary>
    internal static OutgoingMessage GroupMessage(Event ev, EventOccurrence occurrence, RsvpCounts counts, TextKey titleLine, long? edits = null)
    {
        const string nl = Languages.Dutch;
        var cancelled = occurrence.IsCancelled || ev.Status == EventStatus.Cancelled;
        var text = new StringBuilder(Details(ev, occurrence, nl, cancelled ? EventTexts.Cancelled : titleLine)).AppendLine().AppendLine();
        if (ev.Capacity is { } capacity && !cancelled)
            text.AppendLine(EventTexts.Places.In(nl, capacity, Math.Max(0, capacity - counts.Coming)));
        text.Append(EventTexts.Counts.In(nl, counts.Coming, counts.Maybe, counts.NotComing));
        if (!cancelled) text.AppendLine().Append(EventTexts.AskRsvp.In(nl));
        return new OutgoingMessage
        {
            Text = text.ToString(),
            Choices = cancelled ? [] : [RsvpRow(occurrence.Id, nl)],
            EditsOutboxId = edits,
        };
    }

    internal static IReadOnlyList<Choice> RsvpRow(int occurrenceId, string language) =>
    [
        Button(EventTexts.Coming, language, $"{EventChoices.RsvpPrefix}:{occurrenceId}:c"),
        Button(EventTexts.Maybe, language, $"{EventChoices.RsvpPrefix}:{occurrenceId}:m"),
        Button(EventTexts.NotComing, language, $"{EventChoices.RsvpPrefix}:{occurrenceId}:n"),
    ];

    /// <summary>
    /// Edits every group message of the occurrence that shows its counts and buttons in place (a new outbox row pointing
    /// at the original's row): the announcement and each reminder, since residents press whichever is newest.
    /// </summary>
    public static async Task RefreshAnnouncementsAsync(BuurtkrachtDb db, EventOccurrence occurrence, DateTimeOffset now, CancellationToken ct = default)
    {
        var ev = occurrence.Event ?? await db.Events.SingleAsync(e => e.Id == occurrence.EventId, ct);
        var counts = await CountsAsync(db, occurrence.Id, ct);
        var announcements = db.EventAnnouncements.Where(a => a.OccurrenceId == occurrence.Id)
            .Select(a => new { a.GroupId, a.OutboxMessageId, Reminder = false });
        var reminders = db.EventReminderMessages.Where(r => r.OccurrenceId == occurrence.Id)
            .Select(r => new { r.GroupId, r.OutboxMessageId, Reminder = true });
        var messages = await announcements.Concat(reminders)
            .Join(db.StreetGroups, m => m.GroupId, g => g.Id, (m, g) => new { m.OutboxMessageId, m.Reminder, g.Channel, g.ChatId, g.IsActive })
            .ToListAsync(ct);
        foreach (var m in messages.Where(m => m.IsActive).OrderBy(m => m.OutboxMessageId))
            Outbox.Enqueue(db, new ChatAddress(m.Channel, m.ChatId), ChatKind.Group,
                GroupMessage(ev, occurrence, counts, m.Reminder ? EventTexts.ReminderTitle : EventTexts.AnnouncementTitle, edits: m.OutboxMessageId), now);
    }

    // ---------------------------------------------------------------- RSVP

    public enum RsvpOutcome { Recorded, Unchanged, Full, Closed }

    /// <summary>Records the member's answer; the same answer again changes nothing; an answer change is counted once.</summary>
    public async Task<(RsvpOutcome Outcome, RsvpAnswer Answer, EventOccurrence? Occurrence)> RecordRsvpAsync(
        BuurtkrachtDb db, Member member, int occurrenceId, RsvpAnswer answer, DateTimeOffset now, CancellationToken ct = default)
    {
        var occurrence = await db.EventOccurrences.Include(o => o.Event).FirstOrDefaultAsync(o => o.Id == occurrenceId, ct);
        if (occurrence is null || occurrence.IsCancelled || occurrence.Event!.Status == EventStatus.Cancelled || occurrence.EndsAt <= now)
            return (RsvpOutcome.Closed, answer, occurrence);
        if (member.Id == 0) await db.SaveChangesAsync(ct);

        var rsvp = await db.EventRsvps.FirstOrDefaultAsync(r => r.OccurrenceId == occurrenceId && r.MemberId == member.Id, ct);
        if (rsvp?.Answer == answer) return (RsvpOutcome.Unchanged, answer, occurrence);

        var outcome = RsvpOutcome.Recorded;
        if (answer == RsvpAnswer.Coming && occurrence.Event.Capacity is { } capacity)
        {
            var coming = await db.EventRsvps.CountAsync(r => r.OccurrenceId == occurrenceId && r.Answer == RsvpAnswer.Coming && r.MemberId != member.Id, ct);
            if (coming >= capacity)
            {
                answer = RsvpAnswer.Maybe;
                outcome = RsvpOutcome.Full;
                if (rsvp?.Answer == answer) return (outcome, answer, occurrence);
            }
        }
        if (rsvp is null) db.EventRsvps.Add(new EventRsvp { OccurrenceId = occurrenceId, MemberId = member.Id, Answer = answer, UpdatedAt = now });
        else
        {
            rsvp.Answer = answer;
            rsvp.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await RefreshAnnouncementsAsync(db, occurrence, now, ct);
        return (outcome, answer, occurrence);
    }

    // ---------------------------------------------------------------- changes and cancellations

    /// <summary>Moves an occurrence: reschedules its reminders, edits the announcements, tells the groups and everyone who answered.</summary>
    public async Task ChangeOccurrenceAsync(BuurtkrachtDb db, EventOccurrence occurrence, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now, CancellationToken ct = default)
    {
        var ev = occurrence.Event ?? await db.Events.SingleAsync(e => e.Id == occurrence.EventId, ct);
        occurrence.StartsAt = startsAt;
        occurrence.EndsAt = endsAt;
        ev.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await ScheduleNoticesAsync(db, occurrence, now, ct);
        await RefreshAnnouncementsAsync(db, occurrence, now, ct);
        await NotifyAsync(db, occurrence, now, language => EventTexts.ChangedNotice.In(language, ev.Title,
            EventTime.FormatRange(startsAt, endsAt, language), ev.Location), withCalendar: true, ct);
        log.LogInformation("Occurrence {OccurrenceId} of event {EventId} changed", occurrence.Id, ev.Id);
    }

    /// <summary>Cancels one occurrence, or the whole event when <paramref name="occurrence"/> is null; audited as <paramref name="actor"/>.</summary>
    public async Task CancelAsync(BuurtkrachtDb db, Event ev, EventOccurrence? occurrence, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        AuditLog.Record(db, now, actor, AuditActions.EventCancelled, occurrence is null ? $"event:{ev.Id}" : $"event:{ev.Id} occurrence:{occurrence.Id}");
        if (occurrence is not null)
        {
            await CancelOccurrenceAsync(db, ev, occurrence, now, ct);
        }
        else
        {
            var occurrences = await db.EventOccurrences.Where(o => o.EventId == ev.Id && !o.IsCancelled && o.EndsAt > now).ToListAsync(ct);
            foreach (var o in occurrences) await CancelOccurrenceAsync(db, ev, o, now, ct);
            ev.Status = EventStatus.Cancelled;
        }
        ev.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }

    private async Task CancelOccurrenceAsync(BuurtkrachtDb db, Event ev, EventOccurrence occurrence, DateTimeOffset now, CancellationToken ct)
    {
        if (occurrence.IsCancelled) return;
        occurrence.IsCancelled = true;
        foreach (var notice in await db.EventNotices.Where(n => n.OccurrenceId == occurrence.Id && n.Status == ScheduledNoticeStatus.Pending).ToListAsync(ct))
            Drop(notice, "event cancelled");
        await db.SaveChangesAsync(ct);
        if (occurrence.EndsAt <= now) return;
        await RefreshAnnouncementsAsync(db, occurrence, now, ct);
        await NotifyAsync(db, occurrence, now, language => EventTexts.CancelledNotice.In(language, ev.Title,
            EventTime.Format(occurrence.StartsAt, language)), withCalendar: false, ct);
        log.LogInformation("Occurrence {OccurrenceId} of event {EventId} cancelled", occurrence.Id, ev.Id);
    }

    /// <summary>A message to the groups that had the announcement and privately to everyone who answered.</summary>
    private static async Task NotifyAsync(BuurtkrachtDb db, EventOccurrence occurrence, DateTimeOffset now, Func<string, string> text, bool withCalendar, CancellationToken ct)
    {
        var groups = await db.EventAnnouncements.Where(a => a.OccurrenceId == occurrence.Id)
            .Join(db.StreetGroups.Where(g => g.IsActive), a => a.GroupId, g => g.Id, (a, g) => g).ToListAsync(ct);
        foreach (var group in groups)
            Outbox.Enqueue(db, group.Address, ChatKind.Group, OutgoingMessage.Plain(text(Languages.Dutch)), now);
        foreach (var member in await AnswerersAsync(db, occurrence.Id, [RsvpAnswer.Coming, RsvpAnswer.Maybe, RsvpAnswer.NotComing], ct))
        {
            var message = new OutgoingMessage
            {
                Text = text(member.Language),
                Choices = withCalendar ? [[Button(EventTexts.AddToCalendar, member.Language, $"{EventChoices.CalendarPrefix}:{occurrence.Id}")]] : [],
            };
            Outbox.Enqueue(db, new ChatAddress(member.Channel, member.PrivateChatId!), ChatKind.Private, message, now);
        }
    }

    // ---------------------------------------------------------------- calendar file and attendance

    /// <summary>Writes the occurrence as an .ics file in the person's language under <see cref="EventOptions.CalendarFolder"/> and returns its full path.</summary>
    public async Task<string> WriteCalendarFileAsync(Event ev, EventOccurrence occurrence, DateTimeOffset now, string language = Languages.Dutch, CancellationToken ct = default)
    {
        var folder = Path.GetFullPath(Options.CalendarFolder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"activiteit-{occurrence.Id}-{ev.UpdatedAt.ToUnixTimeSeconds()}-{language}.ics");
        await File.WriteAllTextAsync(path, ICalendar.Write(ev, occurrence, now, language), new UTF8Encoding(false), ct);
        return path;
    }

    public static void RecordAttendance(EventOccurrence occurrence, int count, string by, DateTimeOffset now)
    {
        if (count is < 0 or > 100_000) throw new EventValidationException("Attendance must be between 0 and 100000.");
        occurrence.Attendance = count;
        occurrence.AttendanceRecordedAt = now;
        occurrence.AttendanceRecordedBy = by.Length > 128 ? by[..128] : by;
    }
}

/// <summary>A draft that cannot be planned; the message names the field, never personal data.</summary>
public sealed class EventValidationException(string message) : Exception(message);
