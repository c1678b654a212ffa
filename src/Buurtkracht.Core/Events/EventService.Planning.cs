using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Events;

/// <summary>A date of an activity as the lists show it: when, where, for whom, the RSVP counts and the attendance.</summary>
public sealed record OccurrenceRow(
    int EventId, int OccurrenceId, string Title, EventKind Kind, DateTimeOffset Start, DateTimeOffset End, string Location,
    int? Capacity, EventAudience Audience, IReadOnlyList<int> AudienceIds, bool Cancelled, int Coming, int Maybe, int NotComing,
    int? Attendance);

/// <summary>What importing one event of a programme did (or would do, in a dry run).</summary>
public sealed record ImportRow(string Key, int Id, string Title, string Result, int Dates, int ChangedDates, DateTimeOffset? FirstStart);

/// <summary>A change of one date made by a person: its local start and end, and the event's place and capacity.</summary>
public sealed record OccurrenceChange(DateTime LocalStart, DateTime LocalEnd, string Location, int? Capacity);

// The entry points the dashboard, the CLI and the chat share: each validates, changes, announces and audits in one go.
public sealed partial class EventService
{
    /// <summary>The kind of activity as residents read it (Dutch or English).</summary>
    public static string KindName(EventKind kind, string language) => EventTexts.KindName(kind).In(language);

    /// <summary>The dates of one event or all events, oldest first; without <paramref name="includePast"/> only open dates still to end.</summary>
    public static async Task<List<OccurrenceRow>> ListAsync(BuurtkrachtDb db, int? eventId, bool includePast, DateTimeOffset now, CancellationToken ct = default)
    {
        var query = db.EventOccurrences.AsNoTracking().Include(o => o.Event).AsQueryable();
        if (eventId is { } id) query = query.Where(o => o.EventId == id);
        if (!includePast) query = query.Where(o => o.EndsAt > now && !o.IsCancelled && o.Event!.Status != EventStatus.Cancelled);
        var occurrences = await query.OrderBy(o => o.StartsAt).ThenBy(o => o.Id).ToListAsync(ct);
        var ids = occurrences.Select(o => o.Id).ToList();
        var counts = await db.EventRsvps.Where(r => ids.Contains(r.OccurrenceId))
            .GroupBy(r => new { r.OccurrenceId, r.Answer }).Select(g => new { g.Key.OccurrenceId, g.Key.Answer, Count = g.Count() })
            .ToListAsync(ct);
        int Count(int occurrence, RsvpAnswer answer) => counts.FirstOrDefault(c => c.OccurrenceId == occurrence && c.Answer == answer)?.Count ?? 0;
        return occurrences.Select(o => new OccurrenceRow(
            o.EventId, o.Id, o.Event!.Title, o.Event.Kind, o.StartsAt, o.EndsAt, o.Event.Location, o.Event.Capacity, o.Event.Audience,
            o.Event.AudienceIds, o.IsCancelled || o.Event.Status == EventStatus.Cancelled,
            Count(o.Id, RsvpAnswer.Coming), Count(o.Id, RsvpAnswer.Maybe), Count(o.Id, RsvpAnswer.NotComing), o.Attendance)).ToList();
    }

    /// <summary>
    /// Plans one activity described as a programme entry (one date, several dates or a monthly rule), with the same
    /// checks as an imported file; the caller saves and commits.
    /// </summary>
    public async Task<Event> PlanAsync(BuurtkrachtDb db, ProgrammeFile.ProgrammeEvent entry, int? organiserMemberId, string actor,
        DateTimeOffset now, CancellationToken ct = default)
    {
        entry.Id ??= "plan";
        var draft = (await new ProgrammeFile { Events = [entry] }.ToDraftsAsync(db, ct)).Single() with
        {
            ImportKey = null, OrganiserMemberId = organiserMemberId,
        };
        return await PlanAsync(db, draft, actor, now, ct);
    }

    /// <summary>Plans a checked draft (as /activiteit builds it) and audits it; the caller saves and commits.</summary>
    public async Task<Event> PlanAsync(BuurtkrachtDb db, EventDraft draft, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var ev = await CreateAsync(db, draft, now, ct);
        AuditLog.Record(db, now, actor, AuditActions.EventPlanned, $"event:{ev.Id}", $"dates:{ev.Occurrences.Count}");
        return ev;
    }

    /// <summary>
    /// Checks and imports a YAML programme in one transaction; with <paramref name="dryRun"/> the transaction is rolled
    /// back, so the answer shows what would happen and nothing is stored. A bad file throws <see cref="EventValidationException"/>
    /// naming the line or the event, before anything is written.
    /// </summary>
    public async Task<List<ImportRow>> ImportAsync(BuurtkrachtDb db, string yaml, bool dryRun, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var drafts = await ProgrammeFile.Parse(yaml).ToDraftsAsync(db, ct);
        var rows = new List<ImportRow>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var draft in drafts)
        {
            var dates = ExpandDates(draft, now);
            var (ev, created, changed) = await UpsertAsync(db, draft, now, ct);
            rows.Add(new ImportRow(draft.ImportKey!, ev.Id, ev.Title, created ? "created" : "updated", dates.Count, changed,
                dates.Count > 0 ? EventTime.ToInstant(dates[0].LocalStart) : null));
        }
        if (!dryRun) AuditLog.Record(db, now, actor, AuditActions.ProgrammeImported, "programme", $"events:{rows.Count}");
        await db.SaveChangesAsync(ct);
        if (dryRun)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }
        else await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>
    /// Changes a date's time and the event's place or capacity. A new time or place is announced as a change (groups and
    /// everyone who answered, as a re-import does); a new capacity edits the announcements. False when nothing changed.
    /// </summary>
    public async Task<bool> ChangeAsync(BuurtkrachtDb db, int occurrenceId, OccurrenceChange change, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var occurrence = await db.EventOccurrences.Include(o => o.Event).FirstOrDefaultAsync(o => o.Id == occurrenceId, ct)
            ?? throw new EventValidationException($"No occurrence {occurrenceId}.");
        var ev = occurrence.Event!;
        if (occurrence.IsCancelled || ev.Status == EventStatus.Cancelled) throw new EventValidationException("This date is cancelled.");
        var start = EventTime.ToInstant(change.LocalStart);
        var end = EventTime.ToInstant(change.LocalEnd);
        var location = change.Location.Trim();
        if (end <= start) throw new EventValidationException("The end is not after the start.");
        if (location.Length > 200) throw new EventValidationException("The place is longer than 200 characters.");
        if (change.Capacity is < 1) throw new EventValidationException("Capacity must be at least 1.");
        var timeChanged = start != occurrence.StartsAt || end != occurrence.EndsAt;
        var placeChanged = location != ev.Location;
        var capacityChanged = change.Capacity != ev.Capacity;
        if (timeChanged && start <= now) throw new EventValidationException("The new start has passed.");
        if (!timeChanged && !placeChanged && !capacityChanged) return false;

        ev.Location = location;
        ev.Capacity = change.Capacity;
        var others = await db.EventOccurrences.Where(o => o.EventId == ev.Id && o.Id != occurrence.Id && !o.IsCancelled && o.EndsAt > now).ToListAsync(ct);
        if (timeChanged || placeChanged) await ChangeOccurrenceAsync(db, occurrence, start, end, now, ct);
        else await RefreshAnnouncementsAsync(db, occurrence, now, ct);
        foreach (var other in others)
        {
            if (placeChanged) await ChangeOccurrenceAsync(db, other, other.StartsAt, other.EndsAt, now, ct);
            else if (capacityChanged) await RefreshAnnouncementsAsync(db, other, now, ct);
        }
        var what = string.Join(',', new[] { (timeChanged, "time"), (placeChanged, "place"), (capacityChanged, "capacity") }.Where(c => c.Item1).Select(c => c.Item2));
        AuditLog.Record(db, now, actor, AuditActions.EventChanged, $"event:{ev.Id} occurrence:{occurrence.Id}", what);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Records the number of participants of a date; audited as <paramref name="actor"/>.</summary>
    public static async Task<EventOccurrence> RecordAttendanceAsync(BuurtkrachtDb db, int occurrenceId, int count, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var occurrence = await db.EventOccurrences.FirstOrDefaultAsync(o => o.Id == occurrenceId, ct)
            ?? throw new EventValidationException($"No occurrence {occurrenceId}.");
        RecordAttendance(occurrence, count, actor, now);
        AuditLog.Record(db, now, actor, AuditActions.AttendanceRecorded, $"event:{occurrence.EventId} occurrence:{occurrence.Id}", $"count:{count}");
        await db.SaveChangesAsync(ct);
        return occurrence;
    }
}
