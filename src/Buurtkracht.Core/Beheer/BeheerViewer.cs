using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Beheer;

/// <summary>
/// Who is looking at the dashboard and what they may see, loaded from the roles on every request so that a revoked
/// role takes effect at once. Coördinatoren and admins see everything; a moderator only the groups they moderate.
/// </summary>
public sealed record BeheerViewer(int MemberId, string DisplayName, string Language, bool IsCoordinator, bool IsAdmin,
    IReadOnlySet<int> ModeratedGroupIds)
{
    /// <summary>Everything in the village, not only some groups.</summary>
    public bool SeesAll => IsCoordinator || IsAdmin;

    public bool CanSeeGroup(int groupId) => SeesAll || ModeratedGroupIds.Contains(groupId);

    /// <summary>The groups this viewer may see, or null for all of them; for filtering queries.</summary>
    public IReadOnlySet<int>? GroupFilter => SeesAll ? null : ModeratedGroupIds;

    /// <summary>How the audit names a change made in the dashboard.</summary>
    public string AuditActor { get; init; } = "";

    /// <summary>The viewer for a member, or null when they hold no role (any more) or are a web chat visitor.</summary>
    public static async Task<BeheerViewer?> LoadAsync(BuurtkrachtDb db, int memberId, CancellationToken ct = default)
    {
        var member = await db.Members.AsNoTracking().Include(m => m.Roles).SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null || member.Channel == ChannelKind.WebChat || member.Roles.Count == 0) return null;
        return new BeheerViewer(
            member.Id, member.DisplayName, member.Language,
            IsCoordinator: member.Roles.Any(r => r.Role == Role.Coordinator),
            IsAdmin: member.Roles.Any(r => r.Role == Role.Admin),
            ModeratedGroupIds: member.Roles.Where(r => r.Role == Role.Moderator && r.GroupId != null).Select(r => r.GroupId!.Value).ToHashSet())
        {
            AuditActor = "beheer:" + Audit.AuditLog.Who(member),
        };
    }
}
