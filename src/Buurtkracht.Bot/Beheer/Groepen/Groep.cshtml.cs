using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Groepen;

/// <summary>
/// /beheer/groepen/{id}: one street group. Its moderators see its figures; a coördinator also sees its members and makes
/// them moderator of this group or coördinator, or takes the moderator role away, through the same code as the CLI.
/// </summary>
public sealed class GroepModel(BuurtkrachtDb db, TimeProvider clock) : BeheerPageModel
{
    public sealed record MemberRow(int MemberId, string DisplayName, bool IsModerator, bool IsCoordinator, bool HasSignInEmail);

    /// <summary>What the page shows; the members only for a coördinator.</summary>
    public sealed record Result(GroupSummary Group, IReadOnlyList<MemberRow> Members);

    /// <summary>Give or take a role of one member of this group.</summary>
    public sealed record RoleCommand(int MemberId);

    public Result? Data { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!Viewer.CanSeeGroup(id)) return Forbid();
        var ct = HttpContext.RequestAborted;
        var group = (await GroupOverview.ListAsync(db, clock.GetUtcNow(), new HashSet<int> { id }, ct: ct)).SingleOrDefault();
        if (group is null) return NotFound();
        var members = Viewer.SeesAll
            ? await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == id && m.LeftAt == null)
                .Select(m => new MemberRow(
                    m.MemberId, m.Member!.DisplayName,
                    m.Member.Roles.Any(r => r.Role == Role.Moderator && r.GroupId == id),
                    m.Member.Roles.Any(r => r.Role == Role.Coordinator),
                    m.Member.SignInEmail != null))
                .ToListAsync(ct)
            : [];
        Data = new Result(group, members.DistinctBy(m => m.MemberId).OrderBy(m => m.DisplayName, StringComparer.CurrentCulture).ToList());
        return Page();
    }

    public Task<IActionResult> OnPostGrantModeratorAsync(int id, RoleCommand command) =>
        ChangeAsync(id, command, Role.Moderator, grant: true,
            name => T("Beheer.Groepen.Groep.NowModeratesThisGroup", name),
            name => T("Beheer.Groepen.Groep.AlreadyModeratedThisGroup", name));

    public Task<IActionResult> OnPostRevokeModeratorAsync(int id, RoleCommand command) =>
        ChangeAsync(id, command, Role.Moderator, grant: false,
            name => T("Beheer.Groepen.Groep.NoLongerModeratesThisGroup", name),
            name => T("Beheer.Groepen.Groep.DidNotModerateThisGroup", name));

    public Task<IActionResult> OnPostGrantCoordinatorAsync(int id, RoleCommand command) =>
        ChangeAsync(id, command, Role.Coordinator, grant: true,
            name => T("Beheer.Groepen.Groep.IsNowACoordinator", name),
            name => T("Beheer.Groepen.Groep.AlreadyWasACoordinator", name));

    /// <summary>Only a coördinator changes roles, and only of someone who is in this group now.</summary>
    private async Task<IActionResult> ChangeAsync(int id, RoleCommand command, Role role, bool grant, Func<string, string> changed, Func<string, string> unchanged)
    {
        if (!Viewer.SeesAll) return Forbid();
        var ct = HttpContext.RequestAborted;
        var group = await db.StreetGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, ct);
        var member = await db.Members.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == command.MemberId && db.GroupMemberships.Any(gm => gm.GroupId == id && gm.MemberId == m.Id && gm.LeftAt == null), ct);
        if (group is null || member is null) return NotFound();

        var groupOfRole = role == Role.Moderator ? group : null;
        var now = clock.GetUtcNow();
        var done = grant
            ? await RoleGrants.GrantAsync(db, member, role, groupOfRole, now, Viewer.AuditActor, Viewer.AuditActor, null, ct)
            : await RoleGrants.RevokeAsync(db, member, role, groupOfRole?.Id, now, Viewer.AuditActor, ct);
        Done = done ? changed(member.DisplayName) : unchanged(member.DisplayName);
        return RedirectToPage(new { id });
    }
}
