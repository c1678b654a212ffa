using System.Runtime.CompilerServices;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// The lookups every turn makes, compiled once: on the hot path of every inbound message the LINQ translation cache
/// lookup is a measurable share of the turn. A compiled query belongs to one model, and each provider has its own, so
/// there is one set per provider (a test process uses SQLite and PostgreSQL side by side).
/// </summary>
internal sealed class TurnQueries
{
    // Keyed by the provider object (one per EF internal service provider), not by its name: DatabaseFacade.ProviderName
    // reads the provider assembly's name by reflection on every call, which showed as 1.5% of the service's CPU.
    private static readonly ConditionalWeakTable<IDatabaseProvider, TurnQueries> ByProvider = new();

    private TurnQueries(bool isNpgsql) => IsNpgsql = isNpgsql;

    public static TurnQueries For(BuurtkrachtDb db)
    {
        var provider = ((IInfrastructure<IServiceProvider>)db).GetService<IDatabaseProvider>();
        return ByProvider.TryGetValue(provider, out var queries)
            ? queries
            : ByProvider.GetValue(provider, p => new TurnQueries(p.Name == "Npgsql.EntityFrameworkCore.PostgreSQL"));
    }

    /// <summary>Whether the database is PostgreSQL (several instances, advisory locks), without asking EF each turn.</summary>
    public bool IsNpgsql { get; }

    public readonly Func<BuurtkrachtDb, string, Task<bool>> UpdateSeen =
        EF.CompileAsyncQuery((BuurtkrachtDb db, string key) => db.ProcessedUpdates.Any(u => u.Key == key));

    public readonly Func<BuurtkrachtDb, ChannelKind, string, Task<Member?>> Member =
        EF.CompileAsyncQuery((BuurtkrachtDb db, ChannelKind channel, string userId) =>
            db.Members.FirstOrDefault(m => m.Channel == channel && m.ChannelUserId == userId));

    public readonly Func<BuurtkrachtDb, ChannelKind, string, string, Task<DialogState?>> DialogState =
        EF.CompileAsyncQuery((BuurtkrachtDb db, ChannelKind channel, string chatId, string userId) =>
            db.DialogStates.FirstOrDefault(s => s.Channel == channel && s.ChatId == chatId && s.UserId == userId));

    /// <summary>/help asks this twice per turn (coördinator, moderator), and the turn of a newly opened private chat once.</summary>
    public readonly Func<BuurtkrachtDb, int, Task<bool>> HasAnyRole =
        EF.CompileAsyncQuery((BuurtkrachtDb db, int memberId) => db.RoleAssignments.Any(r => r.MemberId == memberId));

    public readonly Func<BuurtkrachtDb, int, Role, Task<bool>> HasRole =
        EF.CompileAsyncQuery((BuurtkrachtDb db, int memberId, Role role) =>
            db.RoleAssignments.Any(r => r.MemberId == memberId && r.Role == role));

    public readonly Func<BuurtkrachtDb, int, Role, int, Task<bool>> HasRoleInGroup =
        EF.CompileAsyncQuery((BuurtkrachtDb db, int memberId, Role role, int groupId) =>
            db.RoleAssignments.Any(r => r.MemberId == memberId && r.Role == role && r.GroupId == groupId));
}
