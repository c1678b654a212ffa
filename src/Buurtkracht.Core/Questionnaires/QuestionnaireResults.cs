using System.Globalization;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>Which responses a result covers; every filter is optional except the questionnaire key.</summary>
public sealed record ResultFilter(string Key, int? SendId = null, int? EventOccurrenceId = null, int? BuurtId = null, DateOnly? From = null, DateOnly? To = null);

public sealed record QuestionResult(
    string QuestionId, string Kind, string Text, int Answered, int Skipped, double? Average,
    IReadOnlyDictionary<string, int> Distribution, IReadOnlyList<string> Texts);

/// <summary>
/// Results of one questionnaire over a selection of responses. With fewer than the minimum respondents
/// <see cref="Suppressed"/> is true and no figures or texts are given at all.
/// </summary>
public sealed record QuestionnaireResult(string Key, ResultFilter Filter, int Respondents, bool Suppressed, int Flagged, IReadOnlyList<QuestionResult> Questions);

/// <summary>Counts, averages, distributions and free texts per question, merged over the versions by question id.</summary>
public sealed class QuestionnaireResults(QuestionnaireCatalog catalog, IOptions<QuestionnaireOptions> options)
{
    public int MinimumRespondents => Math.Max(1, options.Value.MinimumRespondents);

    private static IQueryable<QuestionnaireResponse> Select(BuurtkrachtDb db, ResultFilter f)
    {
        var q = db.Set<QuestionnaireResponse>().Where(r => r.Key == f.Key);
        if (f.SendId is { } send) q = q.Where(r => r.SendId == send);
        if (f.EventOccurrenceId is { } occurrence) q = q.Where(r => r.EventOccurrenceId == occurrence);
        if (f.BuurtId is { } buurt) q = q.Where(r => r.BuurtId == buurt);
        if (f.From is { } from) q = q.Where(r => r.SubmittedOn >= from);
        if (f.To is { } to) q = q.Where(r => r.SubmittedOn <= to);
        return q;
    }

    public async Task<QuestionnaireResult> ComputeAsync(BuurtkrachtDb db, ResultFilter filter, string language = "nl", CancellationToken ct = default)
    {
        var responses = Select(db, filter);
        var respondents = await responses.CountAsync(ct);
        if (respondents < MinimumRespondents) return new QuestionnaireResult(filter.Key, filter, respondents, true, 0, []);
        var flagged = await responses.CountAsync(r => r.Flagged, ct);

        // The question order and texts of the newest version that has answers; questions only older versions had follow.
        var versionIds = await responses.Select(r => r.VersionId).Distinct().OrderByDescending(v => v).ToListAsync(ct);
        var questions = new List<Question>();
        foreach (var versionId in versionIds)
            foreach (var q in (await catalog.DefinitionAsync(db, versionId, ct)).Questions)
                if (questions.All(x => x.Id != q.Id)) questions.Add(q);

        var answers = await (from a in db.Set<QuestionnaireAnswer>()
                             join r in responses on a.ResponseId equals r.Id
                             select new { a.QuestionId, a.Value, a.Number }).ToListAsync(ct);
        var byQuestion = answers.ToLookup(a => a.QuestionId);
        var results = new List<QuestionResult>();
        foreach (var q in questions)
        {
            var given = byQuestion[q.Id].ToList();
            var values = given.Where(a => a.Value is not null).ToList();
            var numbers = values.Where(a => a.Number is not null).Select(a => a.Number!.Value).ToList();
            var distribution = new SortedDictionary<string, int>(StringComparer.Ordinal);
            if (q.Kind is QuestionKind.Scale) foreach (var n in Enumerable.Range(1, 5)) distribution[n.ToString(CultureInfo.InvariantCulture)] = 0;
            if (q.Kind is QuestionKind.YesNo) { distribution["ja"] = 0; distribution["nee"] = 0; }
            if (q.Kind is QuestionKind.Single or QuestionKind.Multiple) foreach (var o in q.Options) distribution[o.Value] = 0;
            if (q.Kind is not QuestionKind.Text and not QuestionKind.Number)
                foreach (var v in values.SelectMany(a => q.Kind == QuestionKind.Multiple ? a.Value!.Split(',') : [a.Value!]))
                    distribution[v] = distribution.GetValueOrDefault(v) + 1;
            results.Add(new QuestionResult(
                q.Id, q.Kind.ToString().ToLowerInvariant(), q.Text.In(language), values.Count, given.Count - values.Count,
                numbers.Count > 0 ? Math.Round(numbers.Average(), 2) : null,
                distribution,
                q.Kind == QuestionKind.Text ? values.Select(a => a.Value!).Order(StringComparer.CurrentCulture).ToList() : []));
        }
        return new QuestionnaireResult(filter.Key, filter, respondents, false, flagged, results);
    }

    /// <summary>
    /// Responses flagged for follow-up (such as a moderator asking for support) of questionnaires that are not anonymous,
    /// with who answered, the groups it concerns (the response's group, or else the groups the person moderates) and the
    /// answers given, so a coördinator can get in touch. Anonymous responses never appear here.
    /// </summary>
    public async Task<List<FlaggedResponse>> FlaggedAsync(BuurtkrachtDb db, ResultFilter filter, CancellationToken ct = default)
    {
        var rows = await (from r in Select(db, filter)
                          join m in db.Members on r.MemberId equals m.Id
                          where r.Flagged
                          orderby r.SubmittedOn descending, r.Id
                          select new { r.Id, r.Key, r.SubmittedOn, MemberId = m.Id, m.DisplayName, m.Channel, r.GroupId, r.BuurtId, r.VersionId })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];
        var memberIds = rows.Select(r => r.MemberId).Distinct().ToList();
        var moderated = (await db.RoleAssignments.AsNoTracking()
                .Where(a => a.Role == Members.Role.Moderator && a.GroupId != null && memberIds.Contains(a.MemberId))
                .Select(a => new { a.MemberId, GroupId = a.GroupId!.Value }).ToListAsync(ct))
            .ToLookup(a => a.MemberId, a => a.GroupId);
        var groupIds = rows.Where(r => r.GroupId != null).Select(r => r.GroupId!.Value).Concat(moderated.SelectMany(g => g)).Distinct().ToList();
        var titles = await db.StreetGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Title, ct);
        var responseIds = rows.Select(r => r.Id).ToList();
        var answers = (await db.Set<QuestionnaireAnswer>().AsNoTracking().Where(a => responseIds.Contains(a.ResponseId) && a.Value != null)
                .OrderBy(a => a.Id).Select(a => new { a.ResponseId, a.QuestionId, a.Value }).ToListAsync(ct))
            .ToLookup(a => a.ResponseId);
        var flagged = new List<FlaggedResponse>();
        foreach (var r in rows)
        {
            var given = answers[r.Id].ToList();
            var definition = given.Count > 0 ? await catalog.DefinitionAsync(db, r.VersionId, ct) : null;
            List<int> groups = r.GroupId is { } own ? [own] : moderated[r.MemberId].Order().ToList();
            flagged.Add(new FlaggedResponse(r.Id, r.Key, r.SubmittedOn, r.MemberId, r.DisplayName, r.Channel.ToString(), r.GroupId, r.BuurtId)
            {
                GroupIds = groups,
                Groups = groups.Select(g => titles.GetValueOrDefault(g, "?")).ToList(),
                Answers = given.Select(a => new FlaggedAnswer(a.QuestionId,
                    definition!.Questions.FirstOrDefault(q => q.Id == a.QuestionId)?.Text ?? Translated.Dutch(a.QuestionId), a.Value!)).ToList(),
            });
        }
        return flagged;
    }

    /// <summary>A flagged response, with <see cref="Groups"/> (titles) and <see cref="GroupIds"/> of the groups it concerns.</summary>
    public sealed record FlaggedResponse(string Response, string Questionnaire, DateOnly Date, int MemberId, string Member, string Channel, int? Group, int? Buurt)
    {
        public IReadOnlyList<int> GroupIds { get; init; } = [];
        public IReadOnlyList<string> Groups { get; init; } = [];
        public IReadOnlyList<FlaggedAnswer> Answers { get; init; } = [];
    }

    /// <summary>One answer of a flagged response, with the question as it was asked.</summary>
    public sealed record FlaggedAnswer(string QuestionId, Translated Question, string Value);

    /// <summary>One row per answer for CSV export; anonymous or not, no member is ever included.</summary>
    public async Task<List<ExportRow>> ExportAsync(BuurtkrachtDb db, ResultFilter filter, CancellationToken ct = default)
    {
        var responses = Select(db, filter);
        if (await responses.CountAsync(ct) < MinimumRespondents) return [];
        return await (from a in db.Set<QuestionnaireAnswer>()
                      join r in responses on a.ResponseId equals r.Id
                      join v in db.Set<QuestionnaireVersion>() on r.VersionId equals v.Id
                      orderby r.SubmittedOn, r.Id, a.Id
                      select new ExportRow(r.Id, r.Key, v.Version, r.SendId, r.EventOccurrenceId, r.BuurtId, r.SubmittedOn, a.QuestionId, a.Value, a.Number))
            .ToListAsync(ct);
    }

    public sealed record ExportRow(string Response, string Questionnaire, int Version, int Send, int? Event, int? Buurt, DateOnly Date, string Question, string? Value, double? Number);
}
