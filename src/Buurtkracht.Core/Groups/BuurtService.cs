using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Groups;

/// <summary>One buurt as the CLI and the dashboard list it, with the groups linked to it.</summary>
public sealed record BuurtListing(int Id, string Name, BuurtStatus Status, DateTimeOffset? ProposedAt, int Groups, IReadOnlyList<string> Streets);

/// <summary>A buurt change that could not be made, in words an admin can act on.</summary>
public sealed class BuurtChangeException(string message) : Exception(message);

/// <summary>
/// Which buurten who may see, and the coördinator's decisions on proposed ones (approve, reject, merge). The chat, the
/// CLI and the dashboard call the same methods; each decision is audited and saved by the method itself.
/// </summary>
public sealed class BuurtService
{
    /// <summary>Real buurten: approved, not the demo. What every list and audience outside one group's own link offers.</summary>
    public static IQueryable<Buurt> Real(BuurtkrachtDb db) =>
        db.Buurten.Where(b => !b.IsDemo && b.Status == BuurtStatus.Approved);

    /// <summary>
    /// The buttons /koppel offers a group on <paramref name="channel"/>: the web chat sees the demo buurt only, every other
    /// channel the real ones plus the group's own proposal, so relinking can keep it.
    /// </summary>
    public static IQueryable<Buurt> Choosable(BuurtkrachtDb db, ChannelKind channel, int? currentBuurtId) =>
        channel == ChannelKind.WebChat
            ? db.Buurten.Where(b => b.IsDemo)
            : db.Buurten.Where(b => !b.IsDemo && (b.Status == BuurtStatus.Approved || b.Id == currentBuurtId));

    /// <summary>The non-demo buurten (all, or only the proposed ones), in button order, with how many groups link to each.</summary>
    public async Task<List<BuurtListing>> ListAsync(BuurtkrachtDb db, bool proposedOnly, CancellationToken ct = default)
    {
        var buurten = await db.Buurten.AsNoTracking().Where(b => !b.IsDemo && (!proposedOnly || b.Status == BuurtStatus.Proposed))
            .OrderBy(b => b.Status).ThenBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new { b.Id, b.Name, b.Status, b.ProposedAt, b.Streets, Groups = db.StreetGroups.Count(g => g.BuurtId == b.Id) })
            .ToListAsync(ct);
        return buurten.Select(b => new BuurtListing(b.Id, b.Name, b.Status, b.ProposedAt, b.Groups, b.Streets)).ToList();
    }

    /// <summary>A non-demo buurt by id or by name (case-insensitive).</summary>
    /// <exception cref="BuurtChangeException">No such buurt.</exception>
    public async Task<Buurt> FindAsync(BuurtkrachtDb db, string idOrName, CancellationToken ct = default)
    {
        var key = idOrName.Trim();
        // Few buurten, and SQLite compares case-sensitively: match names in memory.
        var all = await db.Buurten.Where(b => !b.IsDemo).ToListAsync(ct);
        return (int.TryParse(key, out var id) ? all.FirstOrDefault(b => b.Id == id) : null)
            ?? all.FirstOrDefault(b => string.Equals(b.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new BuurtChangeException($"Unknown buurt '{idOrName}'.");
    }

    /// <summary>Makes a proposed buurt visible to every group, after the seeded and approved ones.</summary>
    public async Task<Buurt> ApproveAsync(BuurtkrachtDb db, int buurtId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var buurt = await ProposalAsync(db, buurtId, ct);
        buurt.Status = BuurtStatus.Approved;
        buurt.SortOrder = (await Real(db).MaxAsync(b => (int?)b.SortOrder, ct) ?? 0) + 1;
        AuditLog.Record(db, now, actor, AuditActions.BuurtApproved, $"buurt:{buurt.Id}");
        await db.SaveChangesAsync(ct);
        return buurt;
    }

    /// <summary>Removes a proposed buurt: its groups are unlinked and told to choose again with /koppel.</summary>
    public async Task RejectAsync(BuurtkrachtDb db, int buurtId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var buurt = await ProposalAsync(db, buurtId, ct);
        foreach (var group in await LinkedGroupsAsync(db, buurt.Id, ct))
        {
            group.BuurtId = null;
            group.LinkedAt = null;
            if (group.IsActive) Outbox.Enqueue(db, group.Address, ChatKind.Group, OutgoingMessage.Plain(GroupTexts.ProposalRejected.In(Languages.Dutch, buurt.Name)), now);
        }
        db.Buurten.Remove(buurt);
        AuditLog.Record(db, now, actor, AuditActions.BuurtRejected, $"buurt:{buurt.Id}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Folds a proposed buurt into an existing one (a second name for the same place): its groups and streets move there.</summary>
    public async Task<Buurt> MergeAsync(BuurtkrachtDb db, int proposedId, int intoId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var proposal = await ProposalAsync(db, proposedId, ct);
        var into = await db.Buurten.FirstOrDefaultAsync(b => b.Id == intoId && !b.IsDemo, ct)
            ?? throw new BuurtChangeException($"Unknown buurt {intoId}.");
        if (into.Id == proposal.Id) throw new BuurtChangeException("A buurt cannot be merged into itself.");
        foreach (var group in await LinkedGroupsAsync(db, proposal.Id, ct))
        {
            group.BuurtId = into.Id;
            if (group.IsActive) Outbox.Enqueue(db, group.Address, ChatKind.Group, OutgoingMessage.Plain(GroupTexts.ProposalMerged.In(Languages.Dutch, into.Name)), now);
        }
        foreach (var street in proposal.Streets.Where(s => !into.Streets.Contains(s, StringComparer.OrdinalIgnoreCase)))
            into.Streets = [.. into.Streets, street];
        db.Buurten.Remove(proposal);
        AuditLog.Record(db, now, actor, AuditActions.BuurtMerged, $"buurt:{proposal.Id}", $"into:{into.Id}");
        await db.SaveChangesAsync(ct);
        return into;
    }

    private static async Task<Buurt> ProposalAsync(BuurtkrachtDb db, int buurtId, CancellationToken ct)
    {
        var buurt = await db.Buurten.FirstOrDefaultAsync(b => b.Id == buurtId && !b.IsDemo, ct)
            ?? throw new BuurtChangeException($"Unknown buurt {buurtId}.");
        return buurt.Status == BuurtStatus.Proposed ? buurt : throw new BuurtChangeException($"Buurt '{buurt.Name}' is not a proposal.");
    }

    private static Task<List<StreetGroup>> LinkedGroupsAsync(BuurtkrachtDb db, int buurtId, CancellationToken ct) =>
        db.StreetGroups.Where(g => g.BuurtId == buurtId).ToListAsync(ct);
}
