using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Omroep;

/// <summary>/beheer/omroep/rapport/{id}: the delivery report of one broadcast, counted live from the outbox while it is sent.</summary>
public sealed class RapportModel(BuurtkrachtDb db) : BeheerPageModel
{
    /// <summary>What omroep.js polls: the status and the counts.</summary>
    public sealed record Counts(string Status, bool Final, int Targets, int Pending, int Delivered, int Failed, int Unreachable);

    public Broadcast? Broadcast { get; private set; }
    public Counts Report { get; private set; } = new("", false, 0, 0, 0, 0, 0);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCountsAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? new JsonResult(Report) : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Broadcast = await db.Set<Broadcast>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (Broadcast is null) return false;
        var counts = await BroadcastService.CountDeliveriesAsync(db, id, ct);
        var final = Broadcast.Status is BroadcastStatus.Done or BroadcastStatus.Cancelled
            || (Broadcast.Status == BroadcastStatus.Sending && counts.Pending == 0);
        Report = new Counts(StatusText(Broadcast.Status, counts.Pending), final, counts.Targets, counts.Pending, counts.Delivered, counts.Failed, counts.Unreachable);
        return true;
    }

    private string StatusText(BroadcastStatus status, int pending) => status switch
    {
        BroadcastStatus.Scheduled => T("Beheer.Omroep.Rapport.Scheduled"),
        BroadcastStatus.Sending when pending > 0 => T("Beheer.Omroep.Rapport.Sending"),
        BroadcastStatus.Cancelled => T("Beheer.Omroep.Rapport.Withdrawn"),
        _ => T("Beheer.Omroep.Rapport.Sent"),
    };
}
