using System.Globalization;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Activiteiten;

/// <summary>/beheer/activiteiten/datum/{id}: change the time of one date and the activity's place or capacity, or cancel the date.</summary>
public sealed class DatumModel(BuurtkrachtDb db, EventService events, TimeProvider clock) : BeheerPageModel
{
    /// <summary>The change form: Europe/Amsterdam date and times, the place and the number of places.</summary>
    public sealed record Command
    {
        public string? Date { get; set; }
        public string? StartTime { get; set; }
        public string? EndTime { get; set; }
        public string? Location { get; set; }
        public int? Capacity { get; set; }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    public EventOccurrence? Occurrence { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var start = EventTime.ToLocal(Occurrence!.StartsAt);
        Input = new Command
        {
            Date = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StartTime = start.ToString("HH:mm", CultureInfo.InvariantCulture),
            EndTime = EventTime.ToLocal(Occurrence.EndsAt).ToString("HH:mm", CultureInfo.InvariantCulture),
            Location = Occurrence.Event!.Location, Capacity = Occurrence.Event.Capacity,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var date = PlannenModel.ParseDate(Input.Date);
        var start = PlannenModel.ParseTime(Input.StartTime);
        var end = PlannenModel.ParseTime(Input.EndTime);
        if (date is null || start is null || end is null || end <= start)
        {
            Problem = T("Beheer.Activiteiten.Datum.FillInADateAStart");
            return Page();
        }
        if (Input.Capacity is < 1)
        {
            Problem = T("Beheer.Activiteiten.Datum.TheNumberOfPlacesIsAt");
            return Page();
        }
        var localStart = date.Value.ToDateTime(start.Value);
        if (EventTime.ToInstant(localStart) <= clock.GetUtcNow() && EventTime.ToInstant(localStart) != Occurrence!.StartsAt)
        {
            Problem = T("Beheer.Activiteiten.Datum.ThatMomentHasPassedChooseA");
            return Page();
        }
        var change = new OccurrenceChange(localStart, date.Value.ToDateTime(end.Value), Input.Location ?? "", Input.Capacity);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (!await events.ChangeAsync(db, id, change, Viewer.AuditActor, clock.GetUtcNow(), ct))
            {
                Problem = T("Beheer.Activiteiten.Datum.NothingWasChanged");
                return Page();
            }
        }
        catch (EventValidationException ex)
        {
            Problem = ex.Message;
            return Page();
        }
        await tx.CommitAsync(ct);
        return Redirect($"/beheer/activiteiten/activiteit/{Occurrence!.EventId}?gewijzigd=1");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await events.CancelAsync(db, Occurrence!.Event!, Occurrence, Viewer.AuditActor, clock.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }
        return Redirect($"/beheer/activiteiten/activiteit/{Occurrence.EventId}?afgelast=1");
    }

    /// <summary>Only an open date that has not started can be changed or cancelled here.</summary>
    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Occurrence = await db.EventOccurrences.Include(o => o.Event).FirstOrDefaultAsync(o => o.Id == id, ct);
        return Occurrence is { IsCancelled: false, Event.Status: EventStatus.Scheduled } && Occurrence.StartsAt > clock.GetUtcNow();
    }
}
