using Buurtkracht.Core.Events;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Activiteiten;

/// <summary>/beheer/activiteiten/activiteit/{id}: one activity with its dates, the attendance afterwards, and cancelling it.</summary>
public sealed class ActiviteitModel(BuurtkrachtDb db, EventService events, TimeProvider clock) : BeheerPageModel
{
    /// <summary>The number of participants of one date.</summary>
    public sealed record AttendanceCommand(int OccurrenceId, int? Count);

    public Event? Activity { get; private set; }
    public IReadOnlyList<OccurrenceRow> Dates { get; private set; } = [];
    public IReadOnlyList<string> AudienceNames { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? Message { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? gepland, string? gewijzigd, string? afgelast, CancellationToken ct)
    {
        if (gepland is not null) Message = T("Beheer.Activiteiten.Activiteit.TheActivityIsPlannedTheGroups");
        if (gewijzigd is not null) Message = T("Beheer.Activiteiten.Activiteit.TheChangeIsSavedAndPassed");
        if (afgelast is not null) Message = T("Beheer.Activiteiten.Activiteit.CancelledTheGroupsAndEveryoneWho");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAttendanceAsync(int id, AttendanceCommand command, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Dates.FirstOrDefault(d => d.OccurrenceId == command.OccurrenceId) is not { } date || date.Start > Now) return NotFound();
        if (command.Count is not (>= 0 and <= 10_000))
        {
            Problem = T("Beheer.Activiteiten.Activiteit.TypeANumberFrom0To");
            return Page();
        }
        await EventService.RecordAttendanceAsync(db, command.OccurrenceId, command.Count.Value, Viewer.AuditActor, Now, ct);
        Message = T("Beheer.Activiteiten.Activiteit.TheNumberOfParticipantsIsSaved");
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct)
    {
        var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (ev is null) return NotFound();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await events.CancelAsync(db, ev, null, Viewer.AuditActor, clock.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }
        return Redirect($"/beheer/activiteiten/activiteit/{id}?afgelast=1");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        Activity = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (Activity is null) return false;
        Dates = await EventService.ListAsync(db, id, includePast: true, Now, ct);
        AudienceNames = Activity.Audience switch
        {
            EventAudience.Buurten => await db.Buurten.Where(b => Activity.AudienceIds.Contains(b.Id)).Select(b => b.Name).ToListAsync(ct),
            EventAudience.Groups => await db.StreetGroups.Where(g => Activity.AudienceIds.Contains(g.Id)).Select(g => g.Title).ToListAsync(ct),
            _ => [T("Beheer.Activiteiten.Activiteit.AllGroups")],
        };
        return true;
    }
}
