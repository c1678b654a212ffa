using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Digests;

/// <summary>The groups' message counts of a digest's periods.</summary>
public sealed partial class DigestBuilder
{
    /// <summary>
    /// The groups' message counts over all the periods, read once and summed per period in memory: the dashboard's 14
    /// periods asked the database 14 times for overlapping spans. When every period (and the one before it) starts and
    /// ends on the first of a month, the database sums them per month (GROUP BY on the calendar day's year and month, a
    /// date without a time zone, so no instant has to be mapped to Amsterdam): 60 groups × 14 months of rows instead of
    /// one per group per day. Each month's sum is dated on its first day, so <see cref="Messages"/> sums them unchanged.
    /// </summary>
    /// <param name="groupIds">Only these groups' counts (a moderator's view), or every group's.</param>
    private static async Task<List<(int GroupId, DateOnly Day, int Messages)>> DailyMessagesAsync(BuurtkrachtDb db, IReadOnlyList<DigestPeriod> periods,
        List<int>? groupIds, CancellationToken ct)
    {
        var (fromDay, toDay) = (periods.Min(p => p.Previous.Start), periods.Max(p => p.End));
        var counts = db.Set<GroupMessageCount>().AsNoTracking().Where(c => c.Day >= fromDay && c.Day < toDay);
        if (groupIds is not null) counts = counts.Where(c => groupIds.Contains(c.GroupId));
        if (periods.SelectMany(p => new[] { p.Start, p.End, p.Previous.Start, p.Previous.End }).All(d => d.Day == 1))
            return (await counts.GroupBy(c => new { c.GroupId, c.Day.Year, c.Day.Month })
                    .Select(g => new { g.Key.GroupId, g.Key.Year, g.Key.Month, Messages = g.Sum(c => c.Messages) }).ToListAsync(ct))
                .Select(c => (c.GroupId, new DateOnly(c.Year, c.Month, 1), c.Messages)).ToList();
        return (await counts.Select(c => new { c.GroupId, c.Day, c.Messages }).ToListAsync(ct)).Select(c => (c.GroupId, c.Day, c.Messages)).ToList();
    }

    /// <summary>Per group, the messages of the period and of the one before.</summary>
    private static Dictionary<int, (int Now, int Before)> Messages(List<(int GroupId, DateOnly Day, int Messages)> daily, DigestPeriod period)
    {
        var (fromDay, toDay, start, previousEnd) = (period.Previous.Start, period.End, period.Start, period.Previous.End);
        var sums = new Dictionary<int, (int Now, int Before)>();
        foreach (var (group, day, messages) in daily)
        {
            if (day < fromDay || day >= toDay) continue;
            var (now, before) = sums.GetValueOrDefault(group);
            sums[group] = (now + (day >= start ? messages : 0), before + (day < previousEnd ? messages : 0));
        }
        return sums;
    }
}
