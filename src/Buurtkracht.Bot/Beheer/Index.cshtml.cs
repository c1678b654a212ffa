using System.Globalization;
using Buurtkracht.Bot.Beheer.Shared;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer;

/// <summary>
/// The overview: the digest's figures (the same <see cref="DigestBuilder"/> as the chat digest) per buurt and for the
/// whole village, for a chosen month and the 12 before it, with the uitvoeringsplan's success factors. A moderator sees
/// only the figures of the groups they moderate: members, messages, activities, the meldingen in their streets and the
/// questionnaires answered.
/// </summary>
public sealed class IndexModel(BuurtkrachtDb db, IDbContextFactory<BuurtkrachtDb> dbFactory, DigestService digests, SuccessFactors successFactors, TimeProvider clock)
    : BeheerPageModel
{
    public const int MonthsBefore = 12;

    /// <summary>The filters, from the URL: a month "2026-11" (default the running one) and a buurt name (default all).</summary>
    public sealed record Query(string? Maand, string? Buurt);

    /// <summary>The village, one buurt or (for a moderator) one group: its charts, this month's breakdowns and the success factors.</summary>
    public sealed record Scope(string Id, string Name, bool IsGroup, bool BotRemoved, IReadOnlyList<BarChart> Charts, IReadOnlyList<BarChart> Breakdowns,
        IReadOnlyList<SuccessFactor> Factors, IReadOnlyList<SupportRequest> Support);

    [BindProperty(SupportsGet = true, Name = "maand")] public string? Maand { get; set; }
    [BindProperty(SupportsGet = true, Name = "buurt")] public string? Buurt { get; set; }

    public DigestPeriod Month { get; private set; } = null!;
    public string? InvalidMonth { get; private set; }
    public IReadOnlyList<string> Buurten { get; private set; } = [];
    public IReadOnlyList<Scope> Scopes { get; private set; } = [];

    /// <summary>The months to choose from: the running one and the three years before it, newest first.</summary>
    public IReadOnlyList<DigestPeriod> MonthChoices { get; private set; } = [];

    public string MonthName(DigestPeriod month) => month.Start.ToString("MMMM yyyy", Culture);

    private static readonly (string Key, TextKey Label)[] Series =
    [
        ("members", new TextKey("Beheer.Index.Scope.MembersAtTheEndOfThe")),
        (DigestBuilder.MessagesKey, new TextKey("Beheer.Index.Scope.GroupMessages")),
        ("events", new TextKey("Beheer.Index.Scope.Activities")),
        ("attendance", new TextKey("Beheer.Index.Scope.AttendanceAtActivities")),
        ("meldingen", new TextKey("Beheer.Index.Scope.Reports")),
        ("followers", new TextKey("Beheer.Index.Scope.FollowersOfReportsNew")),
        (DigestBuilder.ResolvedYesKey, new TextKey("Beheer.Index.Scope.SolvedAccordingToResidents")),
        ("responses", new TextKey("Beheer.Index.Scope.QuestionnairesAnswered")),
        ("checkins", new TextKey("Beheer.Index.Scope.ModeratorCheckIns")),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = new Query(Maand, Buurt);
        var today = Core.Scheduling.Amsterdam.ToLocal(clock.GetUtcNow());
        var running = DigestPeriod.Month(today.Year, today.Month);
        Month = running;
        if (!string.IsNullOrWhiteSpace(query.Maand))
        {
            if (DigestPeriod.TryParse(query.Maand, out var chosen) && chosen.Kind == DigestPeriodKind.Month && chosen.Start <= running.Start) Month = chosen;
            else InvalidMonth = query.Maand;
        }
        Maand = Month.Label;
        MonthChoices = Enumerable.Range(0, 37).Select(i => running.Start.AddMonths(-i)).Select(d => DigestPeriod.Month(d.Year, d.Month)).ToList();
        if (!MonthChoices.Contains(Month)) MonthChoices = [.. MonthChoices, Month];

        var months = Enumerable.Range(0, MonthsBefore + 1).Reverse().Select(i => DigestPeriod.Month(Month.Start.AddMonths(-i).Year, Month.Start.AddMonths(-i).Month)).ToList();
        var year = DigestPeriod.YearTo(Month);
        // All figures for the chosen month; the bars of the months before, the year's totals for the success factors, and
        // only the sections this viewer sees: the coördinator the village and the buurten, a moderator their groups.
        var view = new DigestView(Month, Buurten: Viewer.SeesAll, Group: Viewer.SeesAll ? _ => false : Viewer.CanSeeGroup);
        // The success factors' scores (two aggregates over the buurtpeiling's answers, a fifth of the page's time) are
        // read on a connection of their own while the digests are built (and the builder reads the message counts on a
        // third): they need nothing from the build.
        // (Microsoft.Data.Sqlite's async calls run synchronously, hence the thread of its own.)
        var scoresRead = Viewer.SeesAll ? Task.Run(() => ScoresAsync(year, ct), ct) : null;
        IReadOnlyList<Digest> built;
        try
        {
            await using var second = await dbFactory.CreateDbContextAsync(ct);
            built = await digests.BuildManyAsync(db, [.. months, year], view, ct, second);
        }
        catch
        {
            if (scoresRead is not null) await Task.WhenAny(scoresRead);
            throw;
        }
        var (series, yearDigest) = (built.Take(months.Count).ToList(), built[^1]);
        var current = series[^1];
        Buurten = current.Sections.Where(s => s.GroupId is null).Select(s => s.Buurt).ToList();
        var buurtIds = await db.Buurten.AsNoTracking().ToDictionaryAsync(b => b.Name, b => b.Id, ct);

        var scopes = new List<Scope>();
        if (Viewer.SeesAll)
        {
            var onlyBuurt = Buurten.FirstOrDefault(b => string.Equals(b, query.Buurt, StringComparison.OrdinalIgnoreCase));
            Buurt = onlyBuurt;
            var scores = await scoresRead!;
            if (onlyBuurt is null)
                scopes.Add(ScopeOf(DigestBuilder.Village, d => d.Village, scores, yearDigest.Village!, null, current.SupportRequests, series));
            foreach (var name in Buurten.Where(b => onlyBuurt is null || b == onlyBuurt))
            {
                DigestSection? Of(Digest d) => d.Sections.FirstOrDefault(s => s.GroupId is null && s.Buurt == name);
                var support = current.SupportRequests.Where(r => current.Sections.Any(s => s.Buurt == name && s.GroupId is { } g && r.GroupIds.Contains(g))).ToList();
                scopes.Add(ScopeOf(name, Of, scores, Of(yearDigest), buurtIds.TryGetValue(name, out var id) ? id : null, support, series));
            }
        }
        else
        {
            Buurt = null;
            foreach (var group in current.Sections.Where(s => s.GroupId is { } g && Viewer.CanSeeGroup(g)))
                scopes.Add(GroupScope(group, series));
        }
        Scopes = scopes;
    }

    private async Task<SuccessFactors.Scores> ScoresAsync(DigestPeriod year, CancellationToken ct)
    {
        await using var other = await dbFactory.CreateDbContextAsync(ct);
        return await successFactors.ScoresAsync(other, year, ct);
    }

    private Scope ScopeOf(string name, Func<Digest, DigestSection?> of, SuccessFactors.Scores scores, DigestSection? yearSection, int? buurtId,
        IReadOnlyList<SupportRequest> support, IReadOnlyList<Digest> series)
    {
        var sections = series.Select(of).ToList();
        var factors = yearSection is null ? [] : successFactors.Compute(yearSection, scores, buurtId);
        return new Scope(Id(name, "scope"), name, false, false, Charts(name, sections, series), Breakdowns(name, sections[^1]), factors, support);
    }

    private Scope GroupScope(DigestSection group, IReadOnlyList<Digest> series)
    {
        var sections = series.Select(d => d.Sections.FirstOrDefault(s => s.GroupId == group.GroupId)).ToList();
        // The meldingen in the group's streets, as counts only: a moderator sees no one's report.
        return new Scope(Id($"{group.GroupId}", "group"), group.Group!, true, group.BotRemoved, Charts(group.Group!, sections, series),
            Breakdowns(group.Group!, sections[^1]), [], []);
    }

    private List<BarChart> Charts(string scope, IReadOnlyList<DigestSection?> sections, IReadOnlyList<Digest> series)
    {
        var culture = Culture;
        var charts = new List<BarChart>();
        foreach (var (key, label) in Series)
        {
            if (sections.All(s => s?.Figures.Any(f => f.Key == key) != true)) continue;
            var bars = series.Select((d, i) => new BarChart.Item(
                d.Period.Start.ToString("MMM", culture).TrimEnd('.'), sections[i]?.Figures.FirstOrDefault(f => f.Key == key)?.Value ?? 0,
                Sub: i == 0 || d.Period.Start.Month == 1 ? d.Period.Start.ToString("yyyy", culture) : null, Full: MonthName(d.Period))).ToList();
            charts.Add(new BarChart(Id(scope, key), $"{label.In(Language)} – {scope}", bars, bars.Count - 1));
        }
        return charts;
    }

    private List<BarChart> Breakdowns(string scope, DigestSection? section)
    {
        if (section is null) return [];
        List<BarChart.Item> Items(string prefix) => section.Figures.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => new BarChart.Item(f.Name.In(Language).Trim(), f.Value)).ToList();
        List<BarChart> charts =
        [
            new BarChart(Id(scope, "theme"), $"{T("Beheer.Index.ReportsByTheme")} – {scope}, {MonthName(Month)}", Items("theme:")),
            new BarChart(Id(scope, "status"), $"{T("Beheer.Index.ReportsByStatusNowOrAt")} – {scope}, {MonthName(Month)}", Items("status:")),
        ];
        // Only once someone answered "is het opgelost?" in this scope.
        if (Items(DigestBuilder.ResolvedYesKey + ":") is { Count: > 0 } resolved)
            charts.Add(new BarChart(Id(scope, "resolved"), $"{T("Beheer.Index.SolvedAccordingToResidentsByCategory")} – {scope}, {MonthName(Month)}", resolved));
        return charts;
    }

    private static string Id(string scope, string key) =>
        "c-" + new string($"{scope}-{key}".Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    /// <summary>"+12%" / "−5%" / "–" for a success factor's growth.</summary>
    public static string Percent(double? growth) => growth is { } g ? (g >= 0 ? "+" : "−") + Math.Abs(g * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Number(double? value, bool score) =>
        value is { } v ? v.ToString(score ? "0.0" : "0", CultureInfo.GetCultureInfo("nl-NL")) : "–";
}
