using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;

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

    /// <param name="year">The section of a <see cref="DigestPeriodKind.Year"/> digest (see <see cref="DigestPeriod.YearTo"/>).</param>
    /// <param name="buurtId">The buurt, or null for the whole village.</param>
    public async Task<IReadOnlyList<SuccessFactor>> ComputeAsync(BuurtkrachtDb db, DigestPeriod period, DigestSection year, int? buurtId, CancellationToken ct = default)
    {
        Figure? F(string key) => year.Figures.FirstOrDefault(f => f.Key == key);
        var meldingen = F("meldingen");
        var members = F("members");
        var now = await ScoresAsync(db, buurtId, period, ct);
        var before = await ScoresAsync(db, buurtId, period.Previous, ct);
        return
        [
            new("meldingen", MeldingenName, meldingen?.Value, meldingen?.Previous, 0.10, false),
            new("members", MembersName, members?.Value, members?.Previous, 0.10, false),
            new(Proud, ProudName, now.GetValueOrDefault(Proud), before.GetValueOrDefault(Proud), null, true),
            new(KnowNeighbours, NeighboursName, now.GetValueOrDefault(KnowNeighbours), before.GetValueOrDefault(KnowNeighbours), null, true),
        ];
    }

    private Task<Dictionary<string, double?>> ScoresAsync(BuurtkrachtDb db, int? buurtId, DigestPeriod span, CancellationToken ct) =>
        results.AveragesAsync(db, new ResultFilter(Survey, BuurtId: buurtId, From: span.Start, To: span.End.AddDays(-1)), [Proud, KnowNeighbours], ct);
}
