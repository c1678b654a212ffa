using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Buurtkracht.Core.Members;

/// <summary>
/// Grants a role at most once. The unique indexes on RoleAssignments (migration M0011) make the database the judge:
/// two grants that race (the CLI and a /koppel turn, or two coördinatoren) can both see no row and both insert; the
/// second insert hits the index, and that grant then reports that the member already had the role instead of failing.
/// Only a real change is written to the audit trail.
/// </summary>
public static class RoleGrants
{
    private const string Savepoint = "role_grant";

    /// <summary>
    /// Whether the member may hold any role. A web chat visitor may not: the web chat has no accounts, so nothing the
    /// visitor claims about themselves can be checked.
    /// </summary>
    public static bool CanHoldRoles(Member member) => member.Channel != Messaging.ChannelKind.WebChat;

    /// <summary>
    /// Saves the grant and its audit entry (and, first, whatever the caller has pending, so a new member or group has
    /// its id) and returns true, or returns false when the member already had the role. Inside the caller's transaction
    /// the insert runs under a savepoint, so a lost race leaves that transaction usable (PostgreSQL aborts it on an
    /// error otherwise); without one, in a transaction of its own, so the role and its audit entry commit together.
    /// </summary>
    /// <exception cref="RoleRefusedException">The member cannot hold roles (<see cref="CanHoldRoles"/>); nothing is saved.</exception>
    public static async Task<bool> GrantAsync(
        BuurtkrachtDb db, Member member, Role role, StreetGroup? group, DateTimeOffset at, string grantedBy, string actor,
        string? details, CancellationToken ct)
    {
        if (!CanHoldRoles(member)) throw new RoleRefusedException("A web chat visitor cannot hold a role.");
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        var groupId = group?.Id;
        if (await db.RoleAssignments.AnyAsync(r => r.MemberId == member.Id && r.Role == role && r.GroupId == groupId, ct)) return false;

        // The role is saved on its own, before its audit entry: a failed SaveChanges can leave the key an insert in the
        // same batch got behind in EF's identity map, and the audit entry must exist only for a grant that happened.
        var ambient = db.Database.CurrentTransaction;
        await using var own = ambient is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (ambient is not null) await ambient.CreateSavepointAsync(Savepoint, ct);
        var assignment = db.RoleAssignments.Add(new RoleAssignment
        {
            MemberId = member.Id, Role = role, GroupId = groupId, GrantedAt = at, GrantedBy = grantedBy,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            assignment.State = EntityState.Detached;
            // Our own transaction rolls back when disposed.
            if (ambient is not null) await ambient.RollbackToSavepointAsync(Savepoint, ct);
            return false;
        }
        AuditLog.Record(db, at, actor, AuditActions.RoleGranted, Subject(member, role, groupId), details);
        await CommandMenus.EnqueueAsync(db, member, at, ct);
        await db.SaveChangesAsync(ct);
        if (ambient is not null) await ambient.ReleaseSavepointAsync(Savepoint, ct);
        if (own is not null) await own.CommitAsync(ct);
        return true;
    }

    /// <summary>Takes the role away and records it in the audit trail, in one save; false when the member did not have it.</summary>
    public static async Task<bool> RevokeAsync(
        BuurtkrachtDb db, Member member, Role role, int? groupId, DateTimeOffset at, string actor, CancellationToken ct)
    {
        // The unique indexes keep this at one row at most.
        var existing = await db.RoleAssignments.Where(r => r.MemberId == member.Id && r.Role == role && r.GroupId == groupId).ToListAsync(ct);
        if (existing.Count == 0) return false;
        db.RoleAssignments.RemoveRange(existing);
        AuditLog.Record(db, at, actor, AuditActions.RoleRevoked, Subject(member, role, groupId));
        await CommandMenus.EnqueueAsync(db, member, at, ct, existing.Select(r => r.Id).ToList());
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The audit subject of a role change: "telegram:123 role:moderator group:4".</summary>
    public static string Subject(Member member, Role role, int? groupId) =>
        $"{AuditLog.Who(member)} role:{role.ToString().ToLowerInvariant()}" + (groupId is { } g ? $" group:{g}" : "");

    /// <summary>SQLITE_CONSTRAINT_UNIQUE (2067) on SQLite, unique_violation (23505) on PostgreSQL.</summary>
    internal static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>A role grant that is never allowed, whoever asks (a web chat visitor as moderator or coördinator).</summary>
public sealed class RoleRefusedException(string message) : InvalidOperationException(message);
