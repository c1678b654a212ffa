using System.Globalization;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Digests;

/// <summary>One figure with its value in the period and in the period before.</summary>
public sealed record Figure(string Key, Phrase Name, int Value, int Previous)
{
    public int Change => Value - Previous;
}

/// <summary>A buurt's totals (<see cref="GroupId"/> null) or one group's figures; <see cref="BotRemoved"/>: the bot is no longer in that group.</summary>
public sealed record DigestSection(string Buurt, int? GroupId, string? Group, IReadOnlyList<Figure> Figures, bool BotRemoved = false);

/// <summary>A moderator who asked for help in a check-in of the period, with the groups they moderate.</summary>
public sealed record SupportRequest(DateOnly Date, int MemberId, string Moderator, IReadOnlyList<string> Groups, IReadOnlyList<int> GroupIds);

/// <summary>
/// What the dashboard's overview shows of a build of many periods, so that the rest is not computed. Every figure only
/// for <see cref="Full"/> (the chosen month); for the other periods the figures of its charts per month (members,
/// messages, activities, meldingen, followers, "opgelost", questionnaires), without the breakdowns by theme, category and
/// status and without "open too long", which need every melding's status at the period's end. <see cref="Buurten"/>:
/// compute the village's and the buurten's figures; <see cref="Group"/>: the groups whose figures to compute. Sections
/// not computed are there without figures (the overview still reads which buurt a group is in); a buurt without groups
/// gets every figure in every period, because whether it is shown at all depends on all of them.
/// </summary>
public sealed record DigestView(DigestPeriod Full, bool Buurten, Func<int, bool> Group);

public sealed record Digest(DigestPeriod Period, IReadOnlyList<DigestSection> Sections)
{
    public bool IsEmpty => Sections.All(s => s.Figures.All(f => f.Value == 0 && f.Previous == 0));

    /// <summary>The whole village (every group, melding and response), when the digest is not for one buurt.</summary>
    public DigestSection? Village { get; init; }

    public IReadOnlyList<SupportRequest> SupportRequests { get; init; } = [];
}

/// <summary>
/// The figures of a digest, per buurt and per group, for a period and the one before. Counts only, apart from the names
/// of moderators who asked for help (their check-ins are not anonymous, so a coördinator can call them).
/// Groups without a buurt are under "Zonder buurt"; meldingen count for the buurt whose streets hold their street.
/// A period that is still running counts up to now: a melding made today is not yet "open too long" at the month's end.
/// </summary>
public sealed partial class DigestBuilder(
    Microsoft.Extensions.Options.IOptions<CheckinOptions> checkins, QuestionnaireResults results, TimeProvider clock)
{
    public const string NoBuurt = "Zonder buurt";

    /// <summary>The name of the section with the whole village's figures.</summary>
    public const string Village = "Alblasserdam";

    private static readonly TextKey Members = new("Digests.DigestBuilder.Members");
    private static readonly TextKey Joined = new("Digests.DigestBuilder.Joined");
    private static readonly TextKey Left = new("Digests.DigestBuilder.Left");
    private static readonly TextKey GroupMessages = new("Digests.DigestBuilder.GroupMessages");
    private static readonly TextKey EventsHeld = new("Digests.DigestBuilder.EventsHeld");
    private static readonly TextKey Rsvps = new("Digests.DigestBuilder.Rsvps");
    private static readonly TextKey Attendance = new("Digests.DigestBuilder.Attendance");
    private static readonly TextKey Meldingen = new("Digests.DigestBuilder.Meldingen");
    private static readonly TextKey OpenTooLong = new("Digests.DigestBuilder.OpenTooLong");
    private static readonly TextKey ThemeFigure = new("Digests.DigestBuilder.ThemeFigure");
    private static readonly TextKey CategoryFigure = new("Digests.DigestBuilder.CategoryFigure");

    private static TextKey StatusFigure(MeldingStatus status) => status switch
    {
        MeldingStatus.Ontvangen => new("Digests.StatusFigure.Ontvangen"),
        MeldingStatus.InBehandeling => new("Digests.StatusFigure.InBehandeling"),
        _ => new("Digests.StatusFigure.Other"),
    };
    private static readonly TextKey Followers = new("Digests.DigestBuilder.Followers");
    private static readonly TextKey ResolvedAnswers = new("Digests.DigestBuilder.ResolvedAnswers");
    private static readonly TextKey ResolvedYesShare = new("Digests.DigestBuilder.ResolvedYesShare");
    private static readonly TextKey ResolvedYesCategory = new("Digests.DigestBuilder.ResolvedYesCategory");
    private static readonly TextKey Failures = new("Digests.DigestBuilder.Failures");
    private static readonly TextKey Responses = new("Digests.DigestBuilder.Responses");
    private static readonly TextKey CheckinAnswers = new("Digests.DigestBuilder.CheckinAnswers");
    private static readonly TextKey SupportAsked = new("Digests.DigestBuilder.SupportAsked");

    private sealed record Data(
        DateTimeOffset Now,
        List<(int Id, int? BuurtId, ChannelKind Channel, string ChatId, string Title, bool Active, List<string> Streets)> Groups,
        List<(int Id, string Name, List<string> Streets)> Buurten,
        List<(int GroupId, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt)> Memberships,
        List<(int Id, EventAudience Audience, List<int> Ids, DateTimeOffset StartsAt, int? Attendance, int Coming)> Occurrences,
        List<(int Index, DateTimeOffset CreatedAt, MeldingTheme Theme, string Category, string? Street, Range History)> Meldingen,
        StatusHistory History,
        List<(string? Street, DateTimeOffset At)> Follows,
        List<(string? Street, string Category, DateTimeOffset At, ResolvedAnswer Answer)> ResolvedAnswers,
        List<(ChannelKind Channel, string ChatId, DateTimeOffset CreatedAt)> Failures,
        List<(int? BuurtId, int? GroupId, bool Checkin, bool Flagged, DateOnly SubmittedOn)> Responses,
        List<QuestionnaireResults.FlaggedResponse> Flagged)
    {
        /// <summary>Where a period's figures stop: its end, or now while it is still running.</summary>
        public DateTimeOffset End(DigestPeriod q) => q.EndInstant < Now ? q.EndInstant : Now;

        private readonly Dictionary<(Type Rows, string Scope), object> _scoped = [];
        private readonly Dictionary<DateTimeOffset, MeldingStatus?[]> _statuses = [];

        /// <summary>The streets of every buurt, for "Zonder buurt": a melding in none of them.</summary>
        public HashSet<string> BuurtStreets { get; } = Buurten.SelectMany(b => b.Streets).ToHashSet(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Every melding's status at an instant (by <c>Index</c>), worked out once and shared by all sections: the village,
        /// every buurt and every group asked for the same statuses at the same period ends, 14 periods over.
        /// </summary>
        public MeldingStatus?[] StatusesAt(DateTimeOffset end)
        {
            if (_statuses.TryGetValue(end, out var statuses)) return statuses;
            statuses = new MeldingStatus?[Meldingen.Count];
            foreach (var m in Meldingen) statuses[m.Index] = History.StatusAt(m.History, end);
            return _statuses[end] = statuses;
        }

        /// <summary>
        /// The rows of one section (a buurt, a group, the village), filtered once and reused for every period: the dashboard
        /// builds 14 periods at a time, and filtering 10,000 meldingen per section per period was most of its time.
        /// </summary>
        public List<T> Scoped<T>(string scope, Func<List<T>> filter)
        {
            var key = (typeof(T), scope);
            if (!_scoped.TryGetValue(key, out var rows)) _scoped[key] = rows = filter();
            return (List<T>)rows;
        }
    }

    /// <summary>The figure of the messages posted in the groups.</summary>
    public const string MessagesKey = "messages";

    public async Task<Digest> BuildAsync(BuurtkrachtDb db, DigestPeriod period, string? buurtName, int openTooLongDays, CancellationToken ct = default) =>
        (await BuildManyAsync(db, [period], buurtName, openTooLongDays, ct))[0];

    /// <summary>The digests of several periods from one read of the data, for the dashboard's months side by side.</summary>
    /// <param name="groupMeldingen">Also the meldingen in each group's streets (for the dashboard's moderators); the chat digest leaves them out.</param>
    /// <param name="second">
    /// Another context on the same database, for the dashboard: the groups' message counts (an aggregate over every group's
    /// days, about a sixth of a build) are read on it while <paramref name="db"/> reads the rest. Not for a caller whose
    /// <paramref name="db"/> has uncommitted changes, which the other connection would not see.
    /// </param>
    public async Task<IReadOnlyList<Digest>> BuildManyAsync(BuurtkrachtDb db, IReadOnlyList<DigestPeriod> periods, string? buurtName, int openTooLongDays,
        CancellationToken ct = default, bool groupMeldingen = false, DigestView? view = null, BuurtkrachtDb? second = null)
    {
        var now = clock.GetUtcNow();
        var from = periods.Min(p => p.Previous.StartInstant);
        var to = periods.Max(p => p.EndInstant < now ? p.EndInstant : now);
        // The web chat's demo (its groups, the demo buurt, its meldingen) is no part of any figure.
        var groups = (await db.StreetGroups.AsNoTracking().Where(g => g.Channel != ChannelKind.WebChat).OrderBy(g => g.Id)
                .Select(g => new { g.Id, g.BuurtId, g.Channel, g.ChatId, g.Title, g.IsActive, g.Streets }).ToListAsync(ct))
            .Select(g => (g.Id, g.BuurtId, g.Channel, g.ChatId, g.Title, g.IsActive, g.Streets)).ToList();
        var buurten = (await db.Buurten.AsNoTracking().Where(b => !b.IsDemo).OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync(ct)).Select(b => (b.Id, b.Name, b.Streets)).ToList();
        // A view without the village and the buurten (a moderator's) computes only its groups' sections, which count only
        // the memberships and responses of those groups and the meldingen in their streets: the rest is not read.
        var visible = view is { Buurten: false } ? groups.Where(g => view.Group(g.Id)).ToList() : null;
        var visibleIds = visible?.Select(g => g.Id).ToList();
        // Microsoft.Data.Sqlite's async calls run synchronously, hence a thread of its own.
        var dailyRead = second is null ? null : Task.Run(() => DailyMessagesAsync(second, periods, visibleIds, ct), ct);
        Data data;
        try
        {
            var membershipRows = db.GroupMemberships.AsNoTracking().Where(m => m.JoinedAt < to);
            if (visibleIds is not null) membershipRows = membershipRows.Where(m => visibleIds.Contains(m.GroupId));
            var memberships = (await membershipRows
                .Select(m => new { m.GroupId, m.JoinedAt, m.LeftAt }).ToListAsync(ct)).Select(m => (m.GroupId, m.JoinedAt, m.LeftAt)).ToList();
            var occurrences = await db.EventOccurrences.AsNoTracking().Where(o => !o.IsCancelled && o.StartsAt >= from && o.StartsAt < to)
                .Select(o => new
                {
                    o.Id, o.Event!.Audience, o.Event.AudienceIds, o.StartsAt, o.Attendance,
                    Coming = db.EventRsvps.Count(r => r.OccurrenceId == o.Id && r.Answer == RsvpAnswer.Coming),
                }).ToListAsync(ct);
            var meldingen = await db.Meldingen.AsNoTracking().Where(m => m.CreatedAt < to && !m.IsDemo)
                .Select(m => new { m.Id, m.CreatedAt, m.Theme, m.CategoryName, m.Status, m.Street }).ToListAsync(ct);
            if (visible is not null)
            {
                // Matched here as the group sections match them (ignoring case), not in SQL, whose case rules differ per provider.
                var streets = visible.SelectMany(g => g.Streets).ToHashSet(StringComparer.OrdinalIgnoreCase);
                meldingen = meldingen.Where(m => m.Street is not null && streets.Contains(m.Street)).ToList();
            }
            var meldingIds = visible is null ? null : meldingen.Select(m => m.Id).ToList();
            // The history in one query; changes after the period matter to no figure. Only the meldingen read above are looked
            // up, so no join with them is needed, and each melding's changes in time order (then by id) are all that counts:
            // in the order of the (MeldingId, At) index, SQLite reads them without sorting 25,000 rows. They are kept as one
            // list with each melding's slice of it, not a list per melding: grouping them into 10,000 small lists cost about 20 ms a build.
            var changes = db.Set<MeldingStatusChange>().AsNoTracking().Where(c => c.At < to);
            if (meldingIds is not null) changes = changes.Where(c => meldingIds.Contains(c.MeldingId));
            var history = new StatusHistory(await changes
                .OrderBy(c => c.MeldingId).ThenBy(c => c.At).ThenBy(c => c.Id)
                .Select(c => new StatusHistory.Change(c.MeldingId, c.At, c.Status)).ToListAsync(ct));
            var follows = await db.MeldingFollowers.AsNoTracking().Where(f => f.CreatedAt >= from && f.CreatedAt < to && !f.Melding!.IsDemo)
                .Select(f => new { f.Melding!.Street, f.CreatedAt }).ToListAsync(ct);
            var answers = await db.MeldingFeedback.AsNoTracking()
                .Where(f => f.Answer != null && f.AnsweredAt >= from && f.AnsweredAt < to && !f.Melding!.IsDemo)
                .Select(f => new { f.Melding!.Street, f.Melding.CategoryName, f.AnsweredAt, f.Answer }).ToListAsync(ct);
            var failures = await db.OutboxMessages.AsNoTracking()
                .Where(o => o.ChatKind == ChatKind.Group && o.CreatedAt >= from && o.CreatedAt < to && (o.Status == OutboxStatus.Failed || o.Status == OutboxStatus.Unreachable))
                .Select(o => new { o.Channel, o.ChatId, o.CreatedAt }).ToListAsync(ct);
            var (fromDay, toDay) = (periods.Min(p => p.Previous.Start), periods.Max(p => p.End));
            var checkinKey = checkins.Value.Questionnaire;
            var responseRows = db.Set<QuestionnaireResponse>().AsNoTracking().Where(r => r.SubmittedOn >= fromDay && r.SubmittedOn < toDay);
            if (visibleIds is not null) responseRows = responseRows.Where(r => r.GroupId != null && visibleIds.Contains(r.GroupId.Value));
            var responses = await responseRows
                // Whether it is a check-in, not the key: 10,000 strings read for one comparison each.
                .Select(r => new { r.BuurtId, r.GroupId, Checkin = r.Key == checkinKey, r.Flagged, r.SubmittedOn }).ToListAsync(ct);
            var flagged = await results.FlaggedAsync(db, new ResultFilter(checkins.Value.Questionnaire, From: fromDay, To: toDay.AddDays(-1)), ct);
            data = new Data(now, groups, buurten, memberships,
                occurrences.Select(o => (o.Id, o.Audience, o.AudienceIds, o.StartsAt, o.Attendance, o.Coming)).ToList(),
                meldingen.Select((m, i) => (i, m.CreatedAt, m.Theme, m.CategoryName, m.Street, history.Of(m.Id, m.CreatedAt, m.Status))).ToList(), history,
                follows.Select(f => (f.Street, f.CreatedAt)).ToList(),
                answers.Select(a => (a.Street, a.CategoryName, a.AnsweredAt!.Value, a.Answer!.Value)).ToList(),
                failures.Select(f => (f.Channel, f.ChatId, f.CreatedAt)).ToList(),
                responses.Select(r => (r.BuurtId, r.GroupId, r.Checkin, r.Flagged, r.SubmittedOn)).ToList(),
                flagged);
        }
        catch
        {
            // Not left running on a context the caller disposes once this throws.
            if (dailyRead is not null) await Task.WhenAny(dailyRead);
            throw;
        }
        var daily = dailyRead is null ? await DailyMessagesAsync(db, periods, visibleIds, ct) : await dailyRead;
        var digests = new List<Digest>();
        foreach (var period in periods)
            digests.Add(Compose(data, period, Messages(daily, period), buurtName, openTooLongDays, groupMeldingen, view));
        return digests;
    }

    private Digest Compose(Data data, DigestPeriod period, Dictionary<int, (int Now, int Before)> messages, string? buurtName, int openTooLongDays,
        bool groupMeldingen, DigestView? view)
    {
        // Only the chart figures in the periods the overview shows as bars (see DigestView).
        var lean = view is not null && view.Full != period;
        var sections = new List<DigestSection>();
        var buurtNames = data.Buurten.Select(b => (Id: (int?)b.Id, b.Name)).Append((null, NoBuurt));
        var shown = new HashSet<int>();
        foreach (var (buurtId, name) in buurtNames)
        {
            if (buurtName is not null && !string.Equals(name, buurtName, StringComparison.OrdinalIgnoreCase)) continue;
            var inBuurt = data.Groups.Where(g => g.BuurtId == buurtId).ToList();
            var streets = buurtId is { } id ? data.Buurten.Single(b => b.Id == id).Streets.ToHashSet(StringComparer.OrdinalIgnoreCase) : null;
            bool InBuurt(string? street) => streets is not null
                ? street is not null && streets.Contains(street)
                : street is null || !data.BuurtStreets.Contains(street);
            var scope = $"buurt:{buurtId}";
            var buurtFigures = new List<Figure>();
            var groupIds = inBuurt.Select(g => g.Id).ToHashSet();
            if (view is null || view.Buurten)
            {
                buurtFigures.AddRange(GroupFigures(data, messages, inBuurt, period, scope));
                buurtFigures.AddRange(MeldingFigures(data, scope, InBuurt, period, openTooLongDays, lean && inBuurt.Count > 0));
                buurtFigures.AddRange(ResponseFigures(data, scope, r => (buurtId is not null && r.BuurtId == buurtId) || (r.GroupId is { } gid && groupIds.Contains(gid))
                    || (buurtId is null && r.BuurtId is null && r.GroupId is null), period));
            }
            if (inBuurt.Count == 0 && buurtFigures.All(f => f.Value == 0 && f.Previous == 0) && buurtName is null) continue;
            shown.UnionWith(groupIds);
            sections.Add(new DigestSection(name, null, null, buurtFigures));
            foreach (var group in inBuurt)
            {
                if (view is not null && !view.Group(group.Id))
                {
                    sections.Add(new DigestSection(name, group.Id, group.Title, [], BotRemoved: !group.Active));
                    continue;
                }
                var groupScope = $"group:{group.Id}";
                var figures = new List<Figure>(GroupFigures(data, messages, [group], period, groupScope));
                // A group's meldingen are those in its streets, as the group notice decides it; only counts, no person.
                if (groupMeldingen)
                {
                    var groupStreets = group.Streets.ToHashSet(StringComparer.OrdinalIgnoreCase);
                    figures.AddRange(MeldingFigures(data, groupScope, street => street is not null && groupStreets.Contains(street),
                        period, openTooLongDays, lean));
                }
                figures.AddRange(ResponseFigures(data, groupScope, r => r.GroupId == group.Id, period));
                sections.Add(new DigestSection(name, group.Id, group.Title, figures, BotRemoved: !group.Active));
            }
        }
        var village = buurtName is not null || view is { Buurten: false } ? null : new DigestSection(Village, null, null,
            [.. GroupFigures(data, messages, data.Groups, period, "village"), .. MeldingFigures(data, "village", _ => true, period, openTooLongDays, lean),
                .. ResponseFigures(data, "village", _ => true, period)]);
        var support = data.Flagged
            .Where(f => f.Date >= period.Start && f.Date < period.End && (buurtName is null || f.Group is { } g && shown.Contains(g) || f.GroupIds.Any(shown.Contains)))
            .OrderBy(f => f.Date).Select(f => new SupportRequest(f.Date, f.MemberId, f.Member, f.Groups, f.GroupIds)).ToList();
        return new Digest(period, sections) { Village = village, SupportRequests = support };
    }

    private static bool Reaches((int Id, EventAudience Audience, List<int> Ids, DateTimeOffset, int?, int) o, (int Id, int? BuurtId, ChannelKind, string, string, bool, List<string>) g) =>
        o.Audience switch
        {
            EventAudience.AllGroups => true,
            EventAudience.Buurten => g.BuurtId is { } b && o.Ids.Contains(b),
            _ => o.Ids.Contains(g.Id),
        };

    private static List<Figure> GroupFigures(Data d, Dictionary<int, (int Now, int Before)> messages,
        IReadOnlyList<(int Id, int? BuurtId, ChannelKind Channel, string ChatId, string Title, bool Active, List<string> Streets)> groups, DigestPeriod p,
        string scope)
    {
        var ids = groups.Select(g => g.Id).ToHashSet();
        var chats = groups.Select(g => (g.Channel, g.ChatId)).ToHashSet();
        var memberships = d.Scoped(scope, () => d.Memberships.Where(m => ids.Contains(m.GroupId)).ToList());
        var reached = d.Scoped(scope, () => d.Occurrences.Where(o => groups.Any(g => Reaches(o, g))).ToList());
        var failures = d.Scoped(scope, () => d.Failures.Where(f => chats.Contains((f.Channel, f.ChatId))).ToList());
        int MembersAt(DateTimeOffset end) => memberships.Count(m => m.JoinedAt < end && (m.LeftAt is null || m.LeftAt >= end));
        int JoinedIn(DigestPeriod q) => memberships.Count(m => m.JoinedAt >= q.StartInstant && m.JoinedAt < d.End(q));
        int LeftIn(DigestPeriod q) => memberships.Count(m => m.LeftAt >= q.StartInstant && m.LeftAt < d.End(q));
        List<(int Id, EventAudience Audience, List<int> Ids, DateTimeOffset StartsAt, int? Attendance, int Coming)> Held(DigestPeriod q) =>
            reached.Where(o => o.StartsAt >= q.StartInstant && o.StartsAt < d.End(q)).ToList();
        int FailuresIn(DigestPeriod q) => failures.Count(f => f.CreatedAt >= q.StartInstant && f.CreatedAt < d.End(q));
        var (held, before) = (Held(p), Held(p.Previous));
        return
        [
            new("members", Members, MembersAt(d.End(p)), MembersAt(d.End(p.Previous))),
            new("joined", Joined, JoinedIn(p), JoinedIn(p.Previous)),
            new("left", Left, LeftIn(p), LeftIn(p.Previous)),
            new(MessagesKey, GroupMessages, ids.Sum(id => messages.GetValueOrDefault(id).Now), ids.Sum(id => messages.GetValueOrDefault(id).Before)),
            new("events", EventsHeld, held.Count, before.Count),
            new("rsvps", Rsvps, held.Sum(o => o.Coming), before.Sum(o => o.Coming)),
            new("attendance", Attendance, held.Sum(o => o.Attendance ?? 0), before.Sum(o => o.Attendance ?? 0)),
            new("failures", Failures, FailuresIn(p), FailuresIn(p.Previous)),
        ];
    }

    /// <summary>Questionnaire responses, and the moderators' check-ins with how many asked for support (flagged answers).</summary>
    private static List<Figure> ResponseFigures(Data d, string scope, Func<(int? BuurtId, int? GroupId, bool Checkin, bool Flagged, DateOnly SubmittedOn), bool> where, DigestPeriod p)
    {
        var mine = d.Scoped(scope, () => d.Responses.Where(where).ToList());
        // One pass per period over the section's responses, counting all three figures at once.
        (int Responses, int Checkins, int Flagged) Count(DigestPeriod q)
        {
            var (responses, checkins, flagged) = (0, 0, 0);
            foreach (var r in mine)
            {
                if (r.SubmittedOn < q.Start || r.SubmittedOn >= q.End) continue;
                if (!r.Checkin) responses++;
                else if (r.Flagged) (checkins, flagged) = (checkins + 1, flagged + 1);
                else checkins++;
            }
            return (responses, checkins, flagged);
        }
        var (now, before) = (Count(p), Count(p.Previous));
        return
        [
            new("responses", Responses, now.Responses, before.Responses),
            new("checkins", CheckinAnswers, now.Checkins, before.Checkins),
            new("checkins-flagged", SupportAsked, now.Flagged, before.Flagged),
        ];
    }
}
