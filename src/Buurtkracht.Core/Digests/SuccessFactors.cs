using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Digests;

/// <summary>
/// One success factor of the uitvoeringsplan: this year (up to a month's end, or now) against the same span last year.
/// <see cref="Target"/> is the growth asked for (0.10 = +10%); scores have no target, only the trend.
/// </summary>
public sealed record SuccessFactor(string Key, TextKey Name, double? Value, double? Previous, double? Target, bool IsScore)
{
    /// <summary>The growth against last year as a fraction, when both years have a figure and last year's is not 0.</summary>
    public double? Growth => Value is { } now && Previous is { } before && before != 0 ? (now - before) / before : null;

    public bool? Reached => Target is { } target && Growth is { } growth ? growth >= target : null;
}

/// <summary>
/// The uitvoeringsplan's success factors: meldingen +10% and deelnemers (members of the street groups) +10%, from the
/// digest's own year figures, and the buurtpeiling's scores for "trots op de buurt" and "ik ken mijn buren", from the
/// questionnaire results (which hide a score with too few respondents).
/// </summary>
public sealed class SuccessFactors(QuestionnaireResults results)
{
    public const string Survey = "buurtpeiling";
    public const string Proud = "trots";
    public const string KnowNeighbours = "buren-kennen";

    private static readonly TextKey MeldingenName = new("Digests.SuccessFactors.MeldingenName");
    private static readonly TextKey MembersName = new("Digests.SuccessFactors.MembersName");
    private static readonly TextKey ProudName = new("Digests.SuccessFactors.ProudName");
    private static readonly TextKey NeighboursName = new("Digests.SuccessFactors.NeighboursName");

    /// <summary>The buurtpeiling's average scores per buurt (and for the village) in a period and in the one before.</summary>
    public sealed class Scores
    {
        internal (Span Now, Span Before) Spans { get; init; }

        internal sealed record Span(int Respondents, Dictionary<int, int> RespondentsPerBuurt,
            List<(int? BuurtId, string QuestionId, double Sum, int Count)> Answers);
    }

    /// <summary>
    /// The scores of every buurt and of the village, one query per span and figure instead of two per buurt: the overview
    /// shows eight scopes, and averaging the buurtpeiling's answers again for each one was a third of its time.
    /// </summary>
    public async Task<Scores> ScoresAsync(BuurtkrachtDb db, DigestPeriod period, CancellationToken ct = default) =>
        new() { Spans = (await SpanAsync(db, period, ct), await SpanAsync(db, period.Previous, ct)) };

    /// <param name="year">The section of a <see cref="DigestPeriodKind.Year"/> digest (see <see cref="DigestPeriod.YearTo"/>).</param>
    /// <param name="buurtId">The buurt, or null for the whole village.</param>
    public IReadOnlyList<SuccessFactor> Compute(DigestSection year, Scores scores, int? buurtId)
    {
        Figure? F(string key) => year.Figures.FirstOrDefault(f => f.Key == key);
        var meldingen = F("meldingen");
        var members = F("members");
        var now = Averages(scores.Spans.Now, buurtId);
        var before = Averages(scores.Spans.Before, buurtId);
        return
        [
            new("meldingen", MeldingenName, meldingen?.Value, meldingen?.Previous, 0.10, false),
            new("members", MembersName, members?.Value, members?.Previous, 0.10, false),
            new(Proud, ProudName, now.GetValueOrDefault(Proud), before.GetValueOrDefault(Proud), null, true),
            new(KnowNeighbours, NeighboursName, now.GetValueOrDefault(KnowNeighbours), before.GetValueOrDefault(KnowNeighbours), null, true),
        ];
    }

    /// <inheritdoc cref="Compute"/>
    public async Task<IReadOnlyList<SuccessFactor>> ComputeAsync(BuurtkrachtDb db, DigestPeriod period, DigestSection year, int? buurtId, CancellationToken ct = default) =>
        Compute(year, await ScoresAsync(db, period, ct), buurtId);

    private static readonly List<string> Questions = [Proud, KnowNeighbours];

    /// <summary>
    /// The buurtpeiling's responses of a span and their answers to the two questions, summed per buurt: the scores are
    /// whole numbers, so a buurt's or the village's sum over count is exactly its average.
    /// </summary>
    private static async Task<Scores.Span> SpanAsync(BuurtkrachtDb db, DigestPeriod span, CancellationToken ct)
    {
        var (from, to) = (span.Start, span.End.AddDays(-1));
        var responses = db.Set<QuestionnaireResponse>().Where(r => r.Key == Survey && r.SubmittedOn >= from && r.SubmittedOn <= to);
        var perBuurt = await responses.GroupBy(r => r.BuurtId).Select(g => new { BuurtId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var answers = await (from a in db.Set<QuestionnaireAnswer>()
                             join r in responses on a.ResponseId equals r.Id
                             where Questions.Contains(a.QuestionId) && a.Value != null && a.Number != null
                             group a by new { r.BuurtId, a.QuestionId } into g
                             select new { g.Key.BuurtId, g.Key.QuestionId, Sum = g.Sum(a => a.Number!.Value), Count = g.Count() }).ToListAsync(ct);
        return new Scores.Span(perBuurt.Sum(b => b.Count), perBuurt.Where(b => b.BuurtId is not null).ToDictionary(b => b.BuurtId!.Value, b => b.Count),
            answers.Select(a => (a.BuurtId, a.QuestionId, a.Sum, a.Count)).ToList());
    }

    /// <summary>A buurt's (or, for null, the village's) average per question, nothing with fewer respondents than the results show.</summary>
    private Dictionary<string, double?> Averages(Scores.Span span, int? buurtId)
    {
        var respondents = buurtId is { } id ? span.RespondentsPerBuurt.GetValueOrDefault(id) : span.Respondents;
        if (respondents < results.MinimumRespondents) return [];
        var mine = span.Answers.Where(a => buurtId is null || a.BuurtId == buurtId).ToList();
        return Questions.ToDictionary(q => q, q => mine.Where(a => a.QuestionId == q).ToList() is { Count: > 0 } rows
            ? Math.Round(rows.Sum(a => a.Sum) / rows.Sum(a => a.Count), 2) : (double?)null);
    }
}
