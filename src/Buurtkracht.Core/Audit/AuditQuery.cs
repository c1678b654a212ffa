using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Audit;

/// <summary>Which audit entries to show: an action, part of the actor reference, and a period [From, Until).</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? Until = null);

/// <summary>One page of the audit trail, newest first, and how many entries match in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>Reads the audit trail for `audit list` and the dashboard's Logboek.</summary>
public static class AuditQuery
{
    public static async Task<AuditPage> PageAsync(BuurtkrachtDb db, AuditFilter filter, int skip, int take, CancellationToken ct = default)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (filter.Action is { Length: > 0 } action) query = query.Where(a => a.Action == action);
        // References are lower case ("beheer:telegram:123"); SQLite compares case-sensitively.
        if (filter.Actor?.Trim().ToLowerInvariant() is { Length: > 0 } actor) query = query.Where(a => a.Actor.Contains(actor));
        if (filter.From is { } from) query = query.Where(a => a.At >= from);
        if (filter.Until is { } until) query = query.Where(a => a.At < until);
        var total = await query.CountAsync(ct);
        var entries = await query.OrderByDescending(a => a.Id).Skip(Math.Max(0, skip)).Take(Math.Max(1, take)).ToListAsync(ct);
        return new AuditPage(entries, total);
    }

    /// <summary>The actions that occur in the trail, for a filter's choices.</summary>
    public static Task<List<string>> ActionsAsync(BuurtkrachtDb db, CancellationToken ct = default) =>
        db.Set<AuditEntry>().AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
}
