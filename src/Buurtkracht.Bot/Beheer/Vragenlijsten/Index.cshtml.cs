using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Bot.Beheer.Vragenlijsten;

/// <summary>
/// The questionnaires and their sends; a coördinator sends one (the same <see cref="QuestionnaireService"/> as the CLI's
/// 'questionnaires send') and follows up the check-ins where a moderator asked for help. A moderator sees only the
/// sends to their own groups.
/// </summary>
public sealed class IndexModel(
    BuurtkrachtDb db, QuestionnaireService questionnaires, QuestionnaireResults results, IOptions<CheckinOptions> checkins,
    ISchedulerFactory schedulers, TimeProvider clock) : BeheerPageModel
{
    public const string AuditSend = "questionnaire-send";

    /// <summary>Send a questionnaire now to one audience: "groep", "activiteit", "beheerders" or "buurt" (who signed up).</summary>
    public sealed record SendCommand(string? Vragenlijst, string? Doel, int? Groep, int? Activiteit, int? Buurt);

    /// <summary>Mark a flagged check-in as followed up.</summary>
    public sealed record FollowUpCommand(string? Antwoord, string? Notitie);

    public sealed record SendRow(int Id, string Key, string Title, string Audience, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Sent, int Responses);

    public sealed record Option(int Id, string Name);

    public IReadOnlyList<QuestionnaireDefinition> Definitions { get; private set; } = [];
    public IReadOnlyList<SendRow> Sends { get; private set; } = [];
    public IReadOnlyList<Option> Groups { get; private set; } = [];
    public IReadOnlyList<Option> Activities { get; private set; } = [];
    public IReadOnlyList<Option> BuurtOptions { get; private set; } = [];
    public IReadOnlyList<QuestionnaireResults.FlaggedResponse> Flagged { get; private set; } = [];
    public IReadOnlyDictionary<string, QuestionnaireFollowUp> FollowUps { get; private set; } = new Dictionary<string, QuestionnaireFollowUp>();

    [BindProperty] public SendCommand? Send { get; set; }
    [BindProperty] public FollowUpCommand? FollowUp { get; set; }
    [TempData] public string? Done { get; set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!Viewer.SeesAll) return Forbid();
        var command = Send ?? new SendCommand(null, null, null, null, null);
        QuestionnaireTarget? target = command.Doel switch
        {
            "groep" => QuestionnaireTarget.Group,
            "activiteit" => QuestionnaireTarget.Event,
            "beheerders" => QuestionnaireTarget.Moderators,
            "buurt" => QuestionnaireTarget.BuurtOptIn,
            _ => null,
        };
        var id = command.Doel switch { "groep" => command.Groep, "activiteit" => command.Activiteit, "beheerders" or "buurt" => command.Buurt, _ => null };
        if (string.IsNullOrEmpty(command.Vragenlijst) || !questionnaires.Catalog.Current().ContainsKey(command.Vragenlijst))
            Problem = T("Beheer.Vragenlijsten.Index.ChooseAQuestionnaire");
        else if (target is null)
            Problem = T("Beheer.Vragenlijsten.Index.ChooseWhoGetsTheQuestionnaire");
        else if (id is null && target is QuestionnaireTarget.Group or QuestionnaireTarget.Event or QuestionnaireTarget.BuurtOptIn)
            Problem = target switch
            {
                QuestionnaireTarget.Group => T("Beheer.Vragenlijsten.Index.ChooseTheGroup"),
                QuestionnaireTarget.Event => T("Beheer.Vragenlijsten.Index.ChooseTheActivity"),
                _ => T("Beheer.Vragenlijsten.Index.ChooseTheBuurt"),
            };
        if (Problem is not null)
        {
            await LoadAsync(ct);
            return Page();
        }

        var now = clock.GetUtcNow();
        QuestionnaireSend send;
        try
        {
            send = await questionnaires.CreateSendAsync(db, command.Vragenlijst!, target!.Value, id, now, null, now, ct);
        }
        catch (ArgumentException)
        {
            Problem = T("Beheer.Vragenlijsten.Index.ThatGroupActivityOrBuurtNo");
            await LoadAsync(ct);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        AuditLog.Record(db, now, Viewer.AuditActor, AuditSend, $"send:{send.Id}", $"{send.Key} to {send.Target.ToString().ToLowerInvariant()}:{send.TargetId}");
        await db.SaveChangesAsync(ct);
        // Delivered by the questionnaire job; run it now instead of at its next sweep, as the monthly check-in does.
        var scheduler = await schedulers.GetScheduler(ct);
        if (await scheduler.GetJobDetail(QuestionnaireJob.Key, ct) is not null) await scheduler.TriggerJob(QuestionnaireJob.Key, ct);
        Done = T("Beheer.Vragenlijsten.Index.TheQuestionnaireWasSentNumber", send.Id);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFollowUpAsync(CancellationToken ct)
    {
        if (!Viewer.SeesAll) return Forbid();
        var command = FollowUp ?? new FollowUpCommand(null, null);
        if (command.Antwoord is null || !await QuestionnaireFollowUps.MarkAsync(db, command.Antwoord, command.Notitie, Viewer.AuditActor, clock.GetUtcNow(), ct))
            return NotFound();
        Done = T("Beheer.Vragenlijsten.Index.MarkedAsFollowedUp");
        return Redirect(Url.Page("Index")! + "#checkins");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Definitions = questionnaires.Catalog.Current().Values.OrderBy(d => d.Title.In(Language), StringComparer.CurrentCulture).ToList();
        var titles = Definitions.ToDictionary(d => d.Key, d => d.Title.In(Language));
        var groups = await db.StreetGroups.AsNoTracking().OrderBy(g => g.Title).Select(g => new { g.Id, g.Title, g.IsActive, Buurt = g.Buurt!.Name }).ToListAsync(ct);
        var buurten = await db.Buurten.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Name).Select(b => new Option(b.Id, b.Name)).ToListAsync(ct);
        var query = db.Set<QuestionnaireSend>().AsNoTracking();
        if (Viewer.GroupFilter is { } mine)
        {
            var ids = mine.ToList();
            query = query.Where(s => s.Target == QuestionnaireTarget.Group && s.TargetId != null && ids.Contains(s.TargetId.Value));
        }
        var sends = await query.OrderByDescending(s => s.OpensAt).ThenByDescending(s => s.Id).Take(200).ToListAsync(ct);
        var sendIds = sends.Select(s => s.Id).ToList();
        var counts = await db.Set<QuestionnaireResponse>().Where(r => sendIds.Contains(r.SendId)).GroupBy(r => r.SendId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var now = clock.GetUtcNow();
        var occurrences = await db.EventOccurrences.AsNoTracking()
            .Where(o => !o.IsCancelled && o.StartsAt > now.AddDays(-60) && o.StartsAt < now.AddDays(60))
            .OrderBy(o => o.StartsAt).Select(o => new { o.Id, o.Event!.Title, o.StartsAt }).ToListAsync(ct);
        string Audience(QuestionnaireSend s) => s.Target switch
        {
            QuestionnaireTarget.Group => T("Beheer.Vragenlijsten.Index.Group") + (groups.FirstOrDefault(g => g.Id == s.TargetId)?.Title ?? "?"),
            QuestionnaireTarget.Event => T("Beheer.Vragenlijsten.Index.ParticipantsOf") + (occurrences.FirstOrDefault(o => o.Id == s.TargetId)?.Title ?? $"#{s.TargetId}"),
            QuestionnaireTarget.Moderators => T("Beheer.Vragenlijsten.Index.Moderators") + (s.TargetId is { } b ? " " + buurten.FirstOrDefault(x => x.Id == b)?.Name : ""),
            _ => T("Beheer.Vragenlijsten.Index.SignedUpResidentsOf") + (buurten.FirstOrDefault(x => x.Id == s.TargetId)?.Name ?? "?"),
        };
        Sends = sends.Select(s => new SendRow(s.Id, s.Key, titles.GetValueOrDefault(s.Key, s.Key), Audience(s), s.OpensAt, s.ClosesAt,
            s.Status == SendStatus.Sent, counts.GetValueOrDefault(s.Id))).ToList();
        if (!Viewer.SeesAll) return;
        Groups = groups.Where(g => g.IsActive).Select(g => new Option(g.Id, g.Buurt is null ? g.Title : $"{g.Title} ({g.Buurt})")).ToList();
        Activities = occurrences.Select(o => new Option(o.Id, $"{o.Title}, {Core.Events.EventTime.Format(o.StartsAt, Language)}")).ToList();
        BuurtOptions = buurten;
        Flagged = await results.FlaggedAsync(db, new ResultFilter(checkins.Value.Questionnaire), ct);
        FollowUps = await QuestionnaireFollowUps.ForAsync(db, Flagged.Select(f => f.Response).ToList(), ct);
    }
}
