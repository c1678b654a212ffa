using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Groepen;

/// <summary>
/// /beheer/groepen: the street groups per buurt with their figures and moderators (a moderator sees only their own), and
/// for coördinatoren the list of coördinatoren, whose role they can take away.
/// </summary>
public sealed class IndexModel(BuurtkrachtDb db, TimeProvider clock) : BeheerPageModel
{
    public sealed record BuurtGroups(string? Buurt, IReadOnlyList<GroupSummary> Groups);

    public sealed record CoordinatorRow(int MemberId, string DisplayName, ChannelKind Channel, bool HasSignInEmail);

    /// <summary>What the page shows: the groups by buurt, and the coördinatoren (only for a coördinator).</summary>
    public sealed record Result(IReadOnlyList<BuurtGroups> Buurten, IReadOnlyList<CoordinatorRow> Coordinators);

    /// <summary>Take the coördinator role away from a member.</summary>
    public sealed record RevokeCoordinator(int MemberId);

    public Result Data { get; private set; } = new([], []);

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var groups = await GroupOverview.ListAsync(db, clock.GetUtcNow(), Viewer.GroupFilter, ct: ct);
        var buurten = groups.GroupBy(g => (g.BuurtOrder, g.Buurt)).OrderBy(b => b.Key.BuurtOrder)
            .Select(b => new BuurtGroups(b.Key.Buurt, b.OrderBy(g => g.Title, StringComparer.CurrentCulture).ToList()))
            .ToList();
        var coordinators = Viewer.SeesAll
            ? await db.RoleAssignments.AsNoTracking().Where(r => r.Role == Role.Coordinator)
                .OrderBy(r => r.Member!.DisplayName)
                .Select(r => new CoordinatorRow(r.MemberId, r.Member!.DisplayName, r.Member.Channel, r.Member.SignInEmail != null))
                .ToListAsync(ct)
            : [];
        Data = new Result(buurten, coordinators);
    }

    public async Task<IActionResult> OnPostRevokeCoordinatorAsync(RevokeCoordinator command)
    {
        if (!Viewer.SeesAll) return Forbid();
        // Taking one's own role away would lock the last coördinator out; another coördinator or the CLI can.
        if (command.MemberId == Viewer.MemberId) return BadRequest();
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == command.MemberId, HttpContext.RequestAborted);
        if (member is null) return NotFound();
        var changed = await RoleGrants.RevokeAsync(db, member, Role.Coordinator, null, clock.GetUtcNow(), Viewer.AuditActor, HttpContext.RequestAborted);
        Done = changed
            ? T("Beheer.Groepen.Index.IsNoLongerACoordinator", member.DisplayName)
            : T("Beheer.Groepen.Index.WasNotACoordinator", member.DisplayName);
        return RedirectToPage();
    }

    public string ChannelName(ChannelKind channel) => channel switch
    {
        ChannelKind.Telegram => "Telegram",
        ChannelKind.Teams => "Teams",
        _ => T("Beheer.Groepen.Index.WebChat"),
    };
}
