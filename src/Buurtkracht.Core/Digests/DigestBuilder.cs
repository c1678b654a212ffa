using System.Globalization;
using System.Text;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Digests;

/// <summary>One figure with its value in the period and in the period before.</summary>
public sealed record Figure(string Key, LocalText Name, int Value, int Previous)
{
    public int Change => Value - Previous;
}

/// <summary>A buurt's totals (<see cref="GroupId"/> null) or one group's figures.</summary>
public sealed record DigestSection(string Buurt, int? GroupId, string? Group, IReadOnlyList<Figure> Figures);

public sealed record Digest(DigestPeriod Period, IReadOnlyList<DigestSection> Sections)
{
    public bool IsEmpty => Sections.All(s => s.Figures.All(f => f.Value == 0 && f.Previous == 0));
}

/// <summary>
/// The figures of a digest, per buurt and per group, for a period and the one before. Counts only: no names, no texts.
/// Groups without a buurt are under "Zonder buurt"; meldingen count for the buurt whose streets hold their street.
/// </summary>
public sealed class DigestBuilder(Microsoft.Extensions.Options.IOptions<CheckinOptions> checkins)
{
    public const string NoBuurt = "Zonder buurt";

    private static readonly LocalText Members = new("Leden", "Members");
    private static readonly LocalText Joined = new("Nieuwe leden", "Joined");
    private static readonly LocalText Left = new("Vertrokken", "Left");
    private static readonly LocalText GroupMessages = new("Groepsberichten", "Group messages");
    private static readonly LocalText EventsHeld = new("Activiteiten", "Activities");
    private static readonly LocalText Rsvps = new("Aanmeldingen", "RSVPs");
    private static readonly LocalText Attendance = new("Opkomst", "Attendance");
    private static readonly LocalText Meldingen = new("Meldingen", "Reports");
    private static readonly LocalText OpenTooLong = new("Meldingen open > {0} dagen", "Reports open > {0} days");
    private static readonly LocalText Failures = new("Niet afgeleverd", "Not delivered");
    private static readonly LocalText Responses = new("Vragenlijsten ingevuld", "Questionnaires answered");
    private static readonly LocalText CheckinAnswers = new("Check-ins beheerders", "Moderator check-ins");
    private static readonly LocalText SupportAsked = new("  waarvan hulp gevraagd", "  of which asked for support");

    private sealed record Data(
        List<(int Id, int? BuurtId, ChannelKind Channel, string ChatId, string Title)> Groups,
        List<(int Id, string Name, List<string> Streets)> Buurten,
        List<(int GroupId, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt)> Memberships,
        List<(int Id, EventAudience Audience, List<int> Ids, DateTimeOffset StartsAt, int? Attendance, int Coming)> Occurrences,
        List<(DateTimeOffset CreatedAt, MeldingTheme Theme, string Category, string? Street, List<(DateTimeOffset At, MeldingStatus Status)> History)> Meldingen,
        List<(ChannelKind Channel, string ChatId, DateTimeOffset CreatedAt)> Failures,
        List<(int? BuurtId, int? GroupId, string Key, bool Flagged, DateOnly SubmittedOn)> Responses,
        Dictionary<int, (int Now, int Before)> Messages);

    /// <summary>The figure of the messages posted in the groups; its bar has a scale of its own (see <see cref="Render"/>).</summary>
    public const string MessagesKey = "messages";

    public async Task<Digest> BuildAsync(BuurtkrachtDb db, DigestPeriod period, string? buurtName, int openTooLongDays, CancellationToken ct = default)
    {
        var from = period.Previous.StartInstant;
        var to = period.EndInstant;
        // The web chat's demo (its groups, the demo buurt, its meldingen) is no part of any figure.
        var groups = (await db.StreetGroups.AsNoTracking().Where(g => g.Channel != ChannelKind.WebChat).OrderBy(g => g.Id).Select(g => new { g.Id, g.BuurtId, g.Channel, g.ChatId, g.Title }).ToListAsync(ct))
            .Select(g => (g.Id, g.BuurtId, g.Channel, g.ChatId, g.Title)).ToList();
        var buurten = (await db.Buurten.AsNoTracking().Where(b => !b.IsDemo).OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync(ct)).Select(b => (b.Id, b.Name, b.Streets)).ToList();
        var memberships = (await db.GroupMemberships.AsNoTracking().Where(m => m.JoinedAt < to)
            .Select(m => new { m.GroupId, m.JoinedAt, m.LeftAt }).ToListAsync(ct)).Select(m => (m.GroupId, m.JoinedAt, m.LeftAt)).ToList();
        var occurrences = await db.EventOccurrences.AsNoTracking().Where(o => !o.IsCancelled && o.StartsAt >= from && o.StartsAt < to)
            .Select(o => new
            {
                o.Id, o.Event!.Audience, o.Event.AudienceIds, o.StartsAt, o.Attendance,
                Coming = db.EventRsvps.Count(r => r.OccurrenceId == o.Id && r.Answer == RsvpAnswer.Coming),
            }).ToListAsync(ct);
        var meldingen = await db.Meldingen.AsNoTracking().Where(m => m.CreatedAt < to && !m.IsDemo)
            .Select(m => new { m.Id, m.CreatedAt, m.Theme, m.CategoryName, m.Status, m.Street }).ToListAsync(ct);
        // The history of just those meldingen, in one query; changes after the period matter to no figure.
        var history = (await db.Set<MeldingStatusChange>().AsNoTracking().Where(c => c.At < to && c.Melding!.CreatedAt < to)
                .OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => new { c.MeldingId, c.At, c.Status }).ToListAsync(ct))
            .ToLookup(c => c.MeldingId, c => (c.At, c.Status));
        var failures = await db.OutboxMessages.AsNoTracking()
            .Where(o => o.ChatKind == ChatKind.Group && o.CreatedAt >= from && o.CreatedAt < to && (o.Status == OutboxStatus.Failed || o.Status == OutboxStatus.Unreachable))
            .Select(o => new { o.Channel, o.ChatId, o.CreatedAt }).ToListAsync(ct);
        var (fromDay, toDay) = (period.Previous.Start, period.End);
        var responses = await db.Set<Questionnaires.QuestionnaireResponse>().AsNoTracking()
            .Where(r => r.SubmittedOn >= fromDay && r.SubmittedOn < toDay)
            .Select(r => new { r.BuurtId, r.GroupId, r.Key, r.Flagged, r.SubmittedOn }).ToListAsync(ct);
        // Summed per group in the database: a busy town has a row per group per day, the digest needs two numbers.
        var start = period.Start;
        var messages = await db.Set<GroupMessageCount>().AsNoTracking()
            .Where(c => c.Day >= fromDay && c.Day < toDay)
            .GroupBy(c => c.GroupId)
            .Select(g => new { GroupId = g.Key, Now = g.Sum(c => c.Day >= start ? c.Messages : 0), Before = g.Sum(c => c.Day < start ? c.Messages : 0) })
            .ToDictionaryAsync(m => m.GroupId, m => (m.Now, m.Before), ct);
        var data = new Data(groups, buurten, memberships,
            occurrences.Select(o => (o.Id, o.Audience, o.AudienceIds, o.StartsAt, o.Attendance, o.Coming)).ToList(),
            meldingen.Select(m => (m.CreatedAt, m.Theme, m.CategoryName, m.Street,
                // Every melding has a row from its creation on (M0012 back-filled the older ones); without one, today's status is the best there is.
                history.Contains(m.Id) ? history[m.Id].ToList() : [(m.CreatedAt, m.Status)])).ToList(),
            failures.Select(f => (f.Channel, f.ChatId, f.CreatedAt)).ToList(),
            responses.Select(r => (r.BuurtId, r.GroupId, r.Key, r.Flagged, r.SubmittedOn)).ToList(),
            messages);

        var sections = new List<DigestSection>();
        var buurtNames = buurten.Select(b => (Id: (int?)b.Id, b.Name)).Append((null, NoBuurt));
        foreach (var (buurtId, name) in buurtNames)
        {
            if (buurtName is not null && !string.Equals(name, buurtName, StringComparison.OrdinalIgnoreCase)) continue;
            var inBuurt = groups.Where(g => g.BuurtId == buurtId).ToList();
            var streets = buurtId is { } id ? buurten.Single(b => b.Id == id).Streets : null;
            var buurtFigures = new List<Figure>();
            buurtFigures.AddRange(GroupFigures(data, inBuurt, period, distinctEvents: true));
            buurtFigures.AddRange(MeldingFigures(data, streets, buurten, period, openTooLongDays));
            var groupIds = inBuurt.Select(g => g.Id).ToHashSet();
            buurtFigures.AddRange(ResponseFigures(data, r => (buurtId is not null && r.BuurtId == buurtId) || (r.GroupId is { } gid && groupIds.Contains(gid))
                || (buurtId is null && r.BuurtId is null && r.GroupId is null), period));
            if (inBuurt.Count == 0 && buurtFigures.All(f => f.Value == 0 && f.Previous == 0) && buurtName is null) continue;
            sections.Add(new DigestSection(name, null, null, buurtFigures));
            foreach (var group in inBuurt)
                sections.Add(new DigestSection(name, group.Id, group.Title,
                    [.. GroupFigures(data, [group], period, distinctEvents: true), .. ResponseFigures(data, r => r.GroupId == group.Id, period)]));
        }
        return new Digest(period, sections);
    }

    private static bool Reaches((int Id, EventAudience Audience, List<int> Ids, DateTimeOffset, int?, int) o, (int Id, int? BuurtId, ChannelKind, string, string) g) =>
        o.Audience switch
        {
            EventAudience.AllGroups => true,
            EventAudience.Buurten => g.BuurtId is { } b && o.Ids.Contains(b),
            _ => o.Ids.Contains(g.Id),
        };

    private static List<Figure> GroupFigures(Data d, IReadOnlyList<(int Id, int? BuurtId, ChannelKind Channel, string ChatId, string Title)> groups, DigestPeriod p, bool distinctEvents)
    {
        var ids = groups.Select(g => g.Id).ToHashSet();
        var chats = groups.Select(g => (g.Channel, g.ChatId)).ToHashSet();
        int MembersAt(DateTimeOffset end) => d.Memberships.Count(m => ids.Contains(m.GroupId) && m.JoinedAt < end && (m.LeftAt is null || m.LeftAt >= end));
        int JoinedIn(DigestPeriod q) => d.Memberships.Count(m => ids.Contains(m.GroupId) && m.JoinedAt >= q.StartInstant && m.JoinedAt < q.EndInstant);
        int LeftIn(DigestPeriod q) => d.Memberships.Count(m => ids.Contains(m.GroupId) && m.LeftAt >= q.StartInstant && m.LeftAt < q.EndInstant);
        List<(int Id, EventAudience Audience, List<int> Ids, DateTimeOffset StartsAt, int? Attendance, int Coming)> Held(DigestPeriod q) =>
            d.Occurrences.Where(o => o.StartsAt >= q.StartInstant && o.StartsAt < q.EndInstant && groups.Any(g => Reaches(o, g))).ToList();
        int FailuresIn(DigestPeriod q) => d.Failures.Count(f => chats.Contains((f.Channel, f.ChatId)) && f.CreatedAt >= q.StartInstant && f.CreatedAt < q.EndInstant);
        var (held, before) = (Held(p), Held(p.Previous));
        return
        [
            new("members", Members, MembersAt(p.EndInstant), MembersAt(p.StartInstant)),
            new("joined", Joined, JoinedIn(p), JoinedIn(p.Previous)),
            new("left", Left, LeftIn(p), LeftIn(p.Previous)),
            new(MessagesKey, GroupMessages, ids.Sum(id => d.Messages.GetValueOrDefault(id).Now), ids.Sum(id => d.Messages.GetValueOrDefault(id).Before)),
            new("events", EventsHeld, held.Count, before.Count),
            new("rsvps", Rsvps, held.Sum(o => o.Coming), before.Sum(o => o.Coming)),
            new("attendance", Attendance, held.Sum(o => o.Attendance ?? 0), before.Sum(o => o.Attendance ?? 0)),
            new("failures", Failures, FailuresIn(p), FailuresIn(p.Previous)),
        ];
    }

    /// <summary>Questionnaire responses, and the moderators' check-ins with how many asked for support (flagged answers).</summary>
    private List<Figure> ResponseFigures(Data d, Func<(int? BuurtId, int? GroupId, string Key, bool Flagged, DateOnly SubmittedOn), bool> where, DigestPeriod p)
    {
        var key = checkins.Value.Questionnaire;
        var mine = d.Responses.Where(where).ToList();
        int Count(DigestPeriod q, Func<(int? BuurtId, int? GroupId, string Key, bool Flagged, DateOnly SubmittedOn), bool> which) =>
            mine.Count(r => r.SubmittedOn >= q.Start && r.SubmittedOn < q.End && which(r));
        return
        [
            new("responses", Responses, Count(p, r => r.Key != key), Count(p.Previous, r => r.Key != key)),
            new("checkins", CheckinAnswers, Count(p, r => r.Key == key), Count(p.Previous, r => r.Key == key)),
            new("checkins-flagged", SupportAsked, Count(p, r => r.Key == key && r.Flagged), Count(p.Previous, r => r.Key == key && r.Flagged)),
        ];
    }

    private static List<Figure> MeldingFigures(Data d, List<string>? streets, List<(int Id, string Name, List<string> Streets)> buurten, DigestPeriod p, int openDays)
    {
        bool InBuurt(string? street) => streets is not null
            ? street is not null && streets.Contains(street, StringComparer.OrdinalIgnoreCase)
            : street is null || !buurten.Any(b => b.Streets.Contains(street, StringComparer.OrdinalIgnoreCase));
        var mine = d.Meldingen.Where(m => InBuurt(m.Street)).ToList();
        var now = mine.Where(m => m.CreatedAt >= p.StartInstant && m.CreatedAt < p.EndInstant).ToList();
        var before = mine.Where(m => m.CreatedAt >= p.Previous.StartInstant && m.CreatedAt < p.Previous.EndInstant).ToList();
        // Afgehandeld is the only closed status; what counts is the status at the period's end, not today's.
        int OpenLong(DigestPeriod q) => mine.Count(m => m.CreatedAt < q.EndInstant.AddDays(-openDays) && StatusAt(m.History, q.EndInstant) != MeldingStatus.Afgehandeld);
        var figures = new List<Figure> { new("meldingen", Meldingen, now.Count, before.Count) };
        foreach (var theme in Enum.GetValues<MeldingTheme>())
            figures.Add(new($"theme:{theme}", new LocalText($"  thema {theme}", $"  theme {theme}"), now.Count(m => m.Theme == theme), before.Count(m => m.Theme == theme)));
        foreach (var category in now.Concat(before).Select(m => m.Category).Distinct().Order(StringComparer.Ordinal))
            figures.Add(new($"category:{category}", new LocalText($"  {category}", $"  {category}"), now.Count(m => m.Category == category), before.Count(m => m.Category == category)));
        foreach (var status in Enum.GetValues<MeldingStatus>())
            figures.Add(new($"status:{status}", new LocalText($"  status {status}", $"  status {status}"),
                now.Count(m => StatusAt(m.History, p.EndInstant) == status), before.Count(m => StatusAt(m.History, p.Previous.EndInstant) == status)));
        figures.Add(new("open-too-long", new LocalText(OpenTooLong.Nl.Replace("{0}", openDays.ToString(CultureInfo.InvariantCulture)), OpenTooLong.En.Replace("{0}", openDays.ToString(CultureInfo.InvariantCulture))),
            OpenLong(p), OpenLong(p.Previous)));
        return figures;
    }

    /// <summary>
    /// A melding's status as it stood at a period's end: the last change before that instant. Periods end exclusively (a
    /// melding made at the very instant counts for the next period), so a change at the instant belongs to the next one too.
    /// The history is in time order.
    /// </summary>
    private static MeldingStatus? StatusAt(List<(DateTimeOffset At, MeldingStatus Status)> history, DateTimeOffset end)
    {
        MeldingStatus? status = null;
        foreach (var change in history.TakeWhile(c => c.At < end)) status = change.Status;
        return status;
    }

    /// <summary>The digest as chat text, one part per buurt so no part passes the platforms' message limits.</summary>
    public static IReadOnlyList<string> Render(Digest digest, string language)
    {
        var parts = new List<string>();
        var intro = new LocalText(
            "📊 Buurtkracht-overzicht {0} (verschil met {1} tussen haakjes)",
            "📊 Buurtkracht digest {0} (change since {1} in brackets)").In(language, digest.Period.Label, digest.Period.Previous.Label);
        if (digest.IsEmpty)
            return [intro + "\n\n" + new LocalText("Geen cijfers in deze periode: nog geen groepen, activiteiten of meldingen.",
                "No figures in this period: no groups, activities or reports yet.").In(language)];
        var (buurtMessagesMax, groupMessagesMax) = (MessagesMax(digest, buurtSections: true), MessagesMax(digest, buurtSections: false));
        foreach (var buurt in digest.Sections.GroupBy(s => s.Buurt))
        {
            var text = new StringBuilder();
            if (parts.Count == 0) text.AppendLine(intro).AppendLine();
            foreach (var section in buurt)
            {
                text.AppendLine(section.GroupId is null ? $"🏘 {section.Buurt}" : $"👥 {section.Group}");
                var max = Math.Max(1, section.Figures.Where(f => f.Key != MessagesKey).Max(f => f.Value));
                // A quiet group shows its 0 messages too: that is worth a coördinator's attention.
                foreach (var figure in section.Figures.Where(f => section.GroupId is null || f.Value != 0 || f.Previous != 0 || f.Key is "members" or MessagesKey))
                {
                    var scale = figure.Key != MessagesKey ? max : section.GroupId is null ? buurtMessagesMax : groupMessagesMax;
                    text.AppendLine($"{figure.Name.In(language),-24} {figure.Value,5} ({Trend(figure)}) {Bar(figure.Value, scale)}");
                }
                text.AppendLine();
            }
            parts.Add(text.ToString().TrimEnd());
        }
        return parts;
    }

    /// <summary>
    /// Messages run into the hundreds where the other figures are a handful, so their bar is scaled against the busiest
    /// group (or buurt) of the digest: the bars then compare the groups' activity instead of flattening every other bar.
    /// </summary>
    private static int MessagesMax(Digest digest, bool buurtSections) =>
        Math.Max(1, digest.Sections.Where(s => (s.GroupId is null) == buurtSections)
            .SelectMany(s => s.Figures).Where(f => f.Key == MessagesKey).Select(f => f.Value).DefaultIfEmpty().Max());

    public static string Trend(Figure f) => f.Change switch { > 0 => $"▲{f.Change}", < 0 => $"▼{-f.Change}", _ => "=" };

    public static string Bar(int value, int max, int width = 10) => value <= 0 ? "" : new string('█', Math.Max(1, (int)Math.Round(width * (double)value / max)));

    public static string Csv(Digest digest)
    {
        var csv = new StringBuilder("period,buurt,group_id,group,figure,value,previous,change\n");
        foreach (var section in digest.Sections)
            foreach (var f in section.Figures)
                csv.Append(string.Join(',', digest.Period.Label, Quote(section.Buurt), section.GroupId?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Quote(section.Group ?? ""), Quote(f.Key), f.Value, f.Previous, f.Change)).Append('\n');
        return csv.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@') ? "'" : "") + value.Replace("\"", "\"\"") + "\""
            : value;
}
