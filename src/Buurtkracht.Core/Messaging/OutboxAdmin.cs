using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Messaging;

/// <summary>One message the dispatcher gave up on, as an admin sees it: where it was going and why, never its text.</summary>
public sealed record FailedOutboxRow(
    long Id, ChannelKind Channel, ChatKind ChatKind, string ChatId, DateTimeOffset CreatedAt, TimeSpan Age, int Attempts, string? Reason);

/// <summary>
/// The given-up outbox messages for the coördinatoren's tools (CLI now, the dashboard later): list them and send them
/// again. Sending again puts the row back in the queue with a fresh give-up budget; the dispatcher does the rest.
/// </summary>
public sealed class OutboxAdmin(TimeProvider clock)
{
    /// <summary>Failed rows, oldest first.</summary>
    public async Task<List<FailedOutboxRow>> ListFailedAsync(BuurtkrachtDb db, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rows = await db.OutboxMessages.AsNoTracking().Where(o => o.Status == OutboxStatus.Failed).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Channel, o.ChatKind, o.ChatId, o.CreatedAt, o.Attempts, o.LastError })
            .ToListAsync(ct);
        return rows.Select(o => new FailedOutboxRow(o.Id, o.Channel, o.ChatKind, o.ChatId, o.CreatedAt, now - o.CreatedAt, o.Attempts, o.LastError)).ToList();
    }

    /// <summary>
    /// Queues failed rows again (<paramref name="ids"/>, or every failed row when null) and records who did it; returns
    /// the ids that were failed and are pending now. Ids that are not failed are left alone.
    /// </summary>
    public async Task<IReadOnlyList<long>> RetryAsync(BuurtkrachtDb db, IReadOnlyCollection<long>? ids, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var failed = db.OutboxMessages.Where(o => o.Status == OutboxStatus.Failed);
        if (ids is not null) failed = failed.Where(o => ids.Contains(o.Id));
        var rows = await failed.OrderBy(o => o.Id).ToListAsync(ct);
        foreach (var row in rows)
        {
            row.Status = OutboxStatus.Pending;
            row.NextAttemptAt = now;
            row.FirstFailedAt = null;
        }
        if (rows.Count > 0)
        {
            var subject = rows.Count == 1 ? $"outbox:{rows[0].Id}" : $"outbox:{rows.Count} rows";
            AuditLog.Record(db, now, actor, AuditActions.OutboxRetried, subject, string.Join(',', rows.Select(r => r.Id)));
            await db.SaveChangesAsync(ct);
        }
        return rows.Select(r => r.Id).ToList();
    }
}
