using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Which meldingen to show or export; every part is optional. Days are Europe/Amsterdam days, both inclusive.</summary>
public sealed record MeldingFilter(
    int? BuurtId = null, MeldingTheme? Theme = null, int? CategoryId = null, MeldingStatus? Status = null,
    DateOnly? From = null, DateOnly? To = null, ForwardingState? Forwarding = null);

/// <summary>
/// Finds meldingen by a filter, for the dashboard, its map and exports, and the CLI. A melding belongs to a group or a
/// buurt through its street (the one of the typed address), as the group notice and the digest decide it; a melding
/// placed on the map has no street and so belongs to no group.
/// </summary>
public static class MeldingSearch
{
    /// <param name="visibleGroupIds">Only meldingen in the streets of these groups; null for all (coördinatoren, CLI).</param>
    public static async Task<IQueryable<Melding>> QueryAsync(BuurtkrachtDb db, MeldingFilter filter, IReadOnlySet<int>? visibleGroupIds,
        CancellationToken ct = default)
    {
        var query = db.Meldingen.AsNoTracking();
        if (visibleGroupIds is not null)
        {
            var ids = visibleGroupIds.ToList();
            var streets = Lowered((await db.StreetGroups.AsNoTracking().Where(g => ids.Contains(g.Id)).Select(g => g.Streets).ToListAsync(ct)).SelectMany(s => s));
            query = query.Where(m => m.Street != null && streets.Contains(m.Street.ToLower()));
        }
        if (filter.BuurtId is { } buurtId)
        {
            var own = await db.Buurten.AsNoTracking().Where(b => b.Id == buurtId).Select(b => b.Streets).ToListAsync(ct);
            var ofGroups = await db.StreetGroups.AsNoTracking().Where(g => g.BuurtId == buurtId).Select(g => g.Streets).ToListAsync(ct);
            var streets = Lowered(own.Concat(ofGroups).SelectMany(s => s));
            query = query.Where(m => m.Street != null && streets.Contains(m.Street.ToLower()));
        }
        if (filter.Theme is { } theme) query = query.Where(m => m.Theme == theme);
        if (filter.CategoryId is { } categoryId) query = query.Where(m => m.CategoryId == categoryId);
        if (filter.Status is { } status) query = query.Where(m => m.Status == status);
        if (filter.From is { } first)
        {
            var from = StartOf(first);
            query = query.Where(m => m.CreatedAt >= from);
        }
        if (filter.To is { } last)
        {
            var until = StartOf(last.AddDays(1));
            query = query.Where(m => m.CreatedAt < until);
        }
        // "Id IN (the forwards in that state)": as EXISTS per melding, SQLite scanned the (State, NextAttemptAt) index for
        // every one of 10,000 meldingen (578 ms of CPU in the dashboard benchmark).
        if (filter.Forwarding is { } state)
        {
            var inState = db.MeldingForwards.Where(f => f.State == state).Select(f => f.MeldingId);
            query = query.Where(m => inState.Contains(m.Id));
        }
        return query;
    }

    /// <summary>Whether the melding lies in the streets of one of the groups; null groups means every melding.</summary>
    public static async Task<bool> IsVisibleAsync(BuurtkrachtDb db, int meldingId, IReadOnlySet<int>? visibleGroupIds, CancellationToken ct = default) =>
        await (await QueryAsync(db, new MeldingFilter(), visibleGroupIds, ct)).AnyAsync(m => m.Id == meldingId, ct);

    /// <summary>The first instant of an Amsterdam day.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Amsterdam.TimeZone.GetUtcOffset(local));
    }

    // SQL lower() folds ASCII only; street names are compared the same way on both sides.
    private static List<string> Lowered(IEnumerable<string> streets) =>
        streets.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();
}
