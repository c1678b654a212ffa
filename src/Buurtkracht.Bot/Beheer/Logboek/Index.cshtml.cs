using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Logboek;

/// <summary>
/// /beheer/logboek (coördinatoren only): the audit trail, newest first, filtered by action, actor and period (all in the
/// URL) and paged.
/// </summary>
public sealed class IndexModel(BuurtkrachtDb db) : BeheerPageModel
{
    public const int PageSize = 50;

    /// <summary>The filters as the URL carries them; the period's dates are local (Amsterdam) and both included.</summary>
    public sealed record Query(string? Action, string? Actor, DateOnly? From, DateOnly? Until, int PageNumber = 1);

    public sealed record Row(DateTime At, string Actor, string? ActorName, string Action, string Subject, string? Details);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, IReadOnlyList<string> Actions);

    public Query Filter { get; private set; } = new(null, null, null, null);

    public Result Data { get; private set; } = new([], 0, []);

    public int PageCount => Math.Max(1, (Data.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(Query query)
    {
        var ct = HttpContext.RequestAborted;
        Filter = query with { PageNumber = Math.Max(1, query.PageNumber) };
        var filter = new AuditFilter(Filter.Action, Filter.Actor, StartOf(Filter.From), StartOf(Filter.Until?.AddDays(1)));
        var page = await AuditQuery.PageAsync(db, filter, (Filter.PageNumber - 1) * PageSize, PageSize, ct);
        var names = await NamesAsync(page.Entries.Select(e => e.Actor).Distinct().ToList(), ct);
        Data = new Result(
            page.Entries.Select(e => new Row(Amsterdam.ToLocal(e.At), e.Actor, names.GetValueOrDefault(e.Actor), e.Action, e.Subject, e.Details)).ToList(),
            page.Total, await AuditQuery.ActionsAsync(db, ct));
    }

    /// <summary>The link to another page of the same filtered list.</summary>
    public string PageLink(int number) => QueryString.Create(new Dictionary<string, string?>
    {
        ["action"] = Filter.Action, ["actor"] = Filter.Actor, ["from"] = Filter.From?.ToString("yyyy-MM-dd"),
        ["until"] = Filter.Until?.ToString("yyyy-MM-dd"), ["pageNumber"] = number.ToString(),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public string ActionLabel(string action) => action switch
    {
        AuditActions.RoleGranted => T("Beheer.Logboek.Index.RoleGranted"),
        AuditActions.RoleRevoked => T("Beheer.Logboek.Index.RoleRevoked"),
        AuditActions.GroupLinked => T("Beheer.Logboek.Index.GroupLinked"),
        AuditActions.BroadcastSent => T("Beheer.Logboek.Index.BroadcastSent"),
        AuditActions.BroadcastScheduled => T("Beheer.Logboek.Index.BroadcastScheduled"),
        AuditActions.BroadcastCancelled => T("Beheer.Logboek.Index.BroadcastWithdrawn"),
        AuditActions.BeheerLinkIssued => T("Beheer.Logboek.Index.LoginLinkMade"),
        AuditActions.SignInEmailSet => T("Beheer.Logboek.Index.SignInEMailSet"),
        AuditActions.SignInEmailCleared => T("Beheer.Logboek.Index.SignInEMailCleared"),
        _ => action,
    };

    private static DateTimeOffset? StartOf(DateOnly? day) =>
        day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), Amsterdam.TimeZone.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue))) : null;

    /// <summary>The members behind actor references such as "telegram:501" or "beheer:teams:29:x", by reference.</summary>
    private async Task<Dictionary<string, string>> NamesAsync(IReadOnlyList<string> actors, CancellationToken ct)
    {
        var parsed = actors
            .Select(actor => (actor, reference: actor.StartsWith("beheer:", StringComparison.Ordinal) ? actor["beheer:".Length..] : actor))
            .Select(a => (a.actor, channel: a.reference.Split(':', 2)))
            .Where(a => a.channel.Length == 2 && Enum.TryParse<ChannelKind>(a.channel[0], ignoreCase: true, out _))
            .Select(a => (a.actor, channel: Enum.Parse<ChannelKind>(a.channel[0], ignoreCase: true), userId: a.channel[1]))
            .ToList();
        var userIds = parsed.Select(p => p.userId).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => userIds.Contains(m.ChannelUserId))
            .Select(m => new { m.Channel, m.ChannelUserId, m.DisplayName }).ToListAsync(ct);
        return parsed
            .Select(p => (p.actor, name: members.FirstOrDefault(m => m.Channel == p.channel && m.ChannelUserId == p.userId)?.DisplayName))
            .Where(p => p.name is not null)
            .ToDictionary(p => p.actor, p => p.name!);
    }
}
