using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;

namespace Buurtkracht.Core.Digests;

/// <summary>
/// One success factor of the uitvoeringsplan: this year (up to a month's end, or now) against the same span last year.
/// <see cref="Target"/> is the growth asked for (0.10 = +10%); scores have no target, only the trend.
/// </summary>
public sealed record SuccessFactor(string Key, LocalText Name, double? Value, double? Previous, double? Target, bool IsScore)
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

    private static readonly LocalText MeldingenName = new("Meldingen (doel +10%)", "Reports (target +10%)");
    private static readonly LocalText MembersName = new("Deelnemers: leden van de straatgroepen (doel +10%)", "Participants: street group members (target +10%)");
    private static readonly LocalText ProudName = new("Trots op de buurt (1–5)", "Proud of the neighbourhood (1–5)");
    private static readonly LocalText NeighboursName = new("Ik ken mijn buren (1–5)", "I know my neighbours (1–5)");

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
