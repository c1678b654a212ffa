using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;

namespace Buurtkracht.Core.Meldingen;

/// <summary>
/// A coördinator sets a melding's status by hand, from the dashboard or the CLI: the resident is told in their chat
/// exactly as when the Open311 server reports it (<see cref="MeldingStatusUpdate"/>), and the change is audited.
/// </summary>
public sealed class MeldingStatusChanger(TimeProvider clock, OutboxSignal outboxSignal)
{
    /// <summary>Saves the new status and note with the audit row and the message in one unit of work; true when the resident is told.</summary>
    public async Task<bool> ChangeAsync(BuurtkrachtDb db, Melding melding, MeldingStatus status, string? note, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var told = MeldingStatusUpdate.Apply(db, melding, status, text, now);
        // The note itself is a message text: the audit names only that there was one.
        if (told) AuditLog.Record(db, now, actor, AuditActions.MeldingStatusChanged, $"melding:{melding.Id}", $"status:{status}{(text is null ? "" : " note")}");
        await db.SaveChangesAsync(ct);
        // In the service this wakes the dispatcher; from the CLI the running service picks the row up on its next poll.
        if (told) outboxSignal.Notify();
        return told;
    }
}
