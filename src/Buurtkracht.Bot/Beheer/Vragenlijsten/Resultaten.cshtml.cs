using Buurtkracht.Bot.Beheer.Shared;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Microsoft.AspNetCore.Mvc;

namespace Buurtkracht.Bot.Beheer.Vragenlijsten;

/// <summary>
/// The results of one send, from <see cref="QuestionnaireResults"/> (so fewer respondents than the minimum show nothing),
/// as charts with the open answers. A moderator sees only the results of sends to a group they moderate.
/// </summary>
public sealed class ResultatenModel(BuurtkrachtDb db, QuestionnaireService questionnaires, QuestionnaireResults results) : BeheerPageModel
{
    /// <summary>The send, from the URL.</summary>
    public sealed record Query(int Send);

    public sealed record QuestionView(QuestionResult Result, BarChart? Chart);

    public QuestionnaireDefinition Definition { get; private set; } = null!;
    public QuestionnaireResult Result { get; private set; } = null!;
    public IReadOnlyList<QuestionView> Questions { get; private set; } = [];
    public int Minimum => results.MinimumRespondents;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "send")] int send, CancellationToken ct)
    {
        var query = new Query(send);
        var row = await db.Set<QuestionnaireSend>().FindAsync([query.Send], ct);
        if (row is null) return NotFound();
        if (!Viewer.SeesAll && !(row.Target == QuestionnaireTarget.Group && row.TargetId is { } group && Viewer.CanSeeGroup(group))) return Forbid();
        Definition = await questionnaires.Catalog.DefinitionAsync(db, row.VersionId, ct);
        Result = await results.ComputeAsync(db, new ResultFilter(row.Key, SendId: row.Id), Language, ct);
        Questions = Result.Questions.Select(q => new QuestionView(q, Chart(q))).ToList();
        return Page();
    }

    private BarChart? Chart(QuestionResult q)
    {
        if (q.Distribution.Count == 0) return null;
        var question = Definition.Questions.FirstOrDefault(x => x.Id == q.QuestionId);
        string Label(string value) => question?.Options.FirstOrDefault(o => o.Value == value)?.Label.In(Language)
            ?? value switch { "ja" => T("Beheer.Vragenlijsten.Resultaten.Yes"), "nee" => T("Beheer.Vragenlijsten.Resultaten.No"), _ => value };
        return new BarChart($"q-{q.QuestionId}", q.Text, q.Distribution.Select(d => new BarChart.Item(Label(d.Key), d.Value)).ToList());
    }
}
