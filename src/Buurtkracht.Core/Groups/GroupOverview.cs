using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Groups;

/// <summary>One street group as the dashboard and the CLI list it: its buurt, size, recent activity and moderators.</summary>
public sealed record GroupSummary(
    int Id, ChannelKind Channel, string ChatId, string Title, string? Buurt, int BuurtOrder, IReadOnlyList<string> Streets,
    bool IsActive, DateTimeOffset? LinkedAt, int Members, int MessagesLast30Days, IReadOnlyList<GroupModerator> Moderators);

public sealed record GroupModerator(int MemberId, string DisplayName);

/// <summary>The street groups with their figures; the same query for `groups list` and the dashboard's Groepen page.</summary>
public static class GroupOverview
{
    public const int ActivityDays = 30;

    /// <param name="only">The groups the reader may see (a moderator's own), or null for all.</param>
    public static async Task<List<GroupSummary>> ListAsync(
        BuurtkrachtDb db, DateTimeOffset now, IReadOnlySet<int>? only = null, int? buurtId = null, bool includeInactive = true,
        CancellationToken ct = default)
    {
        var ids = only?.ToList();
        var groups = await db.StreetGroups.AsNoTracking().Include(g => g.Buurt)
            .Where(g => includeInactive || g.IsActive)
            .Where(g => buurtId == null || g.BuurtId == buurtId)
            .Where(g => ids == null || ids.Contains(g.Id))
            .OrderBy(g => g.Id)
            .ToListAsync(ct);
        var members = await db.GroupMemberships.Where(m => m.LeftAt == null && (ids == null || ids.Contains(m.GroupId)))
            .GroupBy(m => m.GroupId).Select(g => new { GroupId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.GroupId, g => g.Count, ct);
        var since = DateOnly.FromDateTime(Amsterdam.ToLocal(now)).AddDays(1 - ActivityDays);
        var messages = await db.Set<GroupMessageCount>().Where(c => c.Day >= since && (ids == null || ids.Contains(c.GroupId)))
            .GroupBy(c => c.GroupId).Select(g => new { GroupId = g.Key, Count = g.Sum(c => c.Messages) })
            .ToDictionaryAsync(g => g.GroupId, g => g.Count, ct);
        var moderators = (await db.RoleAssignments.AsNoTracking()
                .Where(r => r.Role == Role.Moderator && r.GroupId != null && (ids == null || ids.Contains(r.GroupId!.Value)))
                .Select(r => new { GroupId = r.GroupId!.Value, r.MemberId, r.Member!.DisplayName })
                .ToListAsync(ct))
            .ToLookup(r => r.GroupId, r => new GroupModerator(r.MemberId, r.DisplayName));

        return groups.Select(g => new GroupSummary(
            g.Id, g.Channel, g.ChatId, g.Title, g.Buurt?.Name, g.Buurt?.SortOrder ?? int.MaxValue, g.Streets, g.IsActive, g.LinkedAt,
            members.GetValueOrDefault(g.Id), messages.GetValueOrDefault(g.Id),
            moderators[g.Id].DistinctBy(m => m.MemberId).OrderBy(m => m.DisplayName, StringComparer.CurrentCulture).ToList())).ToList();
    }
}
