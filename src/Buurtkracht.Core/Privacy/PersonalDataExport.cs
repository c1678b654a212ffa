using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Privacy;

/// <summary>Everything stored about one member, as /mijngegevens hands it over (AVG art. 15).</summary>
public sealed record PersonalData(
    PersonalData.MemberRecord Member,
    IReadOnlyList<PersonalData.RoleRecord> Roles,
    IReadOnlyList<PersonalData.GroupRecord> Groups,
    IReadOnlyList<PersonalData.MeldingRecord> Meldingen,
    IReadOnlyList<PersonalData.FollowRecord> Following,
    IReadOnlyList<PersonalData.RsvpRecord> Rsvps,
    IReadOnlyList<PersonalData.QuestionnaireRecord> Questionnaires,
    IReadOnlyList<PersonalData.OptInRecord> OptIns,
    IReadOnlyList<PersonalData.DialogRecord> OpenDialogs,
    IReadOnlyList<PersonalData.AuditRecord> Audit)
{
    public sealed record MemberRecord(string Channel, string UserId, string Name, string Language, string? PrivateChatId, DateTimeOffset CreatedAt, DateTimeOffset? LastActiveAt);
    public sealed record RoleRecord(string Role, string? Group, DateTimeOffset GrantedAt, string GrantedBy);
    public sealed record GroupRecord(string Group, string Channel, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);
    public sealed record MeldingRecord(
        string Reference, string Category, string Status, DateTimeOffset CreatedAt, string? Address, double? Latitude, double? Longitude,
        string Description, bool Anonymous, string? Name, string? Email, IReadOnlyList<string> Photos, IReadOnlyList<string> ForwardedTo);
    /// <param name="Resolved">The answer to "is het opgelost?" about it, if given.</param>
    public sealed record FollowRecord(string Reference, string Category, DateTimeOffset Since, string? Resolved);
    public sealed record RsvpRecord(string Activity, DateTimeOffset StartsAt, string Answer, DateTimeOffset UpdatedAt);

    /// <param name="Answers">Question id to answer: the submitted ones (not for an anonymous questionnaire, whose answers are linked to no one) or the draft.</param>
    public sealed record QuestionnaireRecord(string Questionnaire, string Status, bool Anonymous, DateTimeOffset? CompletedAt, IReadOnlyDictionary<string, string?> Answers);
    public sealed record OptInRecord(string Buurt, DateTimeOffset Since);
    public sealed record DialogRecord(string Dialog, string Step, DateTimeOffset StartedAt, IReadOnlyDictionary<string, string> Answers);
    public sealed record AuditRecord(DateTimeOffset At, string Actor, string Action, string Subject);
}

/// <summary>Collects <see cref="PersonalData"/> and writes it as JSON and as readable Dutch text.</summary>
public static class PersonalDataExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<PersonalData> CollectAsync(BuurtkrachtDb db, Member member, CancellationToken ct = default)
    {
        var id = member.Id;
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.MemberId == id).Include(r => r.Group).OrderBy(r => r.GrantedAt).ToListAsync(ct);
        var groups = await db.GroupMemberships.AsNoTracking().Where(m => m.MemberId == id).Include(m => m.Group).OrderBy(m => m.JoinedAt).ToListAsync(ct);
        var meldingen = await db.Meldingen.AsNoTracking().Where(m => m.MemberId == id).Include(m => m.Forwards).OrderBy(m => m.CreatedAt).ToListAsync(ct);
        var following = await db.MeldingFollowers.AsNoTracking().Where(f => f.MemberId == id).OrderBy(f => f.CreatedAt)
            .Select(f => new
            {
                f.Melding!.Reference, f.Melding.CategoryName, f.CreatedAt,
                Resolved = db.MeldingFeedback.Where(r => r.MeldingId == f.MeldingId && r.MemberId == id).Select(r => r.Answer).FirstOrDefault(),
            }).ToListAsync(ct);
        var rsvps = await (from r in db.EventRsvps.AsNoTracking()
                           where r.MemberId == id
                           join o in db.EventOccurrences on r.OccurrenceId equals o.Id
                           join e in db.Events on o.EventId equals e.Id
                           orderby o.StartsAt
                           select new PersonalData.RsvpRecord(e.Title, o.StartsAt, r.Answer.ToString(), r.UpdatedAt)).ToListAsync(ct);
        var participations = await (from p in db.Set<QuestionnaireParticipation>().AsNoTracking()
                                    where p.MemberId == id
                                    join s in db.Set<QuestionnaireSend>() on p.SendId equals s.Id
                                    select new { p, s.Key, s.Anonymous }).ToListAsync(ct);
        // Answers only of non-anonymous responses: an anonymous one has no member id, by design.
        var responses = await db.Set<QuestionnaireResponse>().AsNoTracking().Where(r => r.MemberId == id).ToListAsync(ct);
        var responseIds = responses.Select(r => r.Id).ToList();
        var answers = (await db.Set<QuestionnaireAnswer>().AsNoTracking().Where(a => responseIds.Contains(a.ResponseId)).ToListAsync(ct))
            .ToLookup(a => a.ResponseId);
        var optIns = await (from o in db.Set<QuestionnaireOptIn>().AsNoTracking()
                            where o.MemberId == id
                            join b in db.Buurten on o.BuurtId equals b.Id
                            select new PersonalData.OptInRecord(b.Name, o.OptedInAt)).ToListAsync(ct);
        var dialogs = await db.DialogStates.AsNoTracking()
            .Where(d => d.Channel == member.Channel && d.UserId == member.ChannelUserId).ToListAsync(ct);
        var audit = await AuditAboutAsync(db, AuditLog.Who(member), ct);

        var questionnaires = participations.Select(x =>
        {
            var response = responses.FirstOrDefault(r => r.SendId == x.p.SendId);
            var given = response is null
                ? Draft(x.p.DraftJson)
                : answers[response.Id].ToDictionary(a => a.QuestionId, a => a.Value);
            // A draft is theirs while they answer, anonymous or not: it is linked to them until it is submitted.
            return new PersonalData.QuestionnaireRecord(x.Key, x.p.Status.ToString(), x.Anonymous, x.p.CompletedAt, given);
        }).ToList();

        return new PersonalData(
            new PersonalData.MemberRecord(member.Channel.ToString(), member.ChannelUserId, member.DisplayName, member.Language, member.PrivateChatId, member.CreatedAt, member.LastActiveAt),
            roles.Select(r => new PersonalData.RoleRecord(r.Role.ToString(), r.Group?.Title, r.GrantedAt, r.GrantedBy)).ToList(),
            groups.Select(g => new PersonalData.GroupRecord(g.Group?.Title ?? "", g.Group?.Channel.ToString() ?? "", g.JoinedAt, g.LeftAt)).ToList(),
            meldingen.Select(m => new PersonalData.MeldingRecord(
                m.Reference, m.CategoryName, m.Status.ToString(), m.CreatedAt, m.Address, m.Latitude, m.Longitude, m.Description, m.Anonymous,
                m.ReporterName, m.ReporterEmail, m.PhotoPaths.Select(Path.GetFileName).OfType<string>().ToList(),
                m.Forwards.Where(f => f.State == Meldingen.ForwardingState.Forwarded).Select(f => f.Sink).ToList())).ToList(),
            following.Select(f => new PersonalData.FollowRecord(f.Reference, f.CategoryName, f.CreatedAt, f.Resolved?.ToString())).ToList(),
            rsvps,
            questionnaires,
            optIns,
            dialogs.Select(d => new PersonalData.DialogRecord(d.DialogName, d.StepId, d.StartedAt,
                JsonSerializer.Deserialize<Dictionary<string, string>>(d.ValuesJson) ?? [])).ToList(),
            audit.Select(a => new PersonalData.AuditRecord(a.At, a.Actor, a.Action, a.Subject)).ToList());
    }

    /// <summary>Audit entries whose actor is the member or whose subject names them (as a whole word: "telegram:12" is not "telegram:123").</summary>
    internal static async Task<List<AuditEntry>> AuditAboutAsync(BuurtkrachtDb db, string who, CancellationToken ct)
    {
        var candidates = await db.Set<AuditEntry>().Where(a => a.Actor == who || a.Subject.Contains(who)).OrderBy(a => a.At).ToListAsync(ct);
        return candidates.Where(a => a.Actor == who || NamesWho(a.Subject, who)).ToList();
    }

    internal static bool NamesWho(string subject, string who) => subject.Split(' ').Contains(who, StringComparer.Ordinal);

    private static Dictionary<string, string?> Draft(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (string?)p.Value.ToString())
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string ToJson(PersonalData data) => JsonSerializer.Serialize(data, Json);

    /// <summary>The same as the JSON, in plain Dutch headings and lines, times in Europe/Amsterdam.</summary>
    public static string ToText(PersonalData d)
    {
        static string T(DateTimeOffset at) => Amsterdam.ToLocal(at).ToString("d-M-yyyy HH:mm", CultureInfo.InvariantCulture);
        static string TO(DateTimeOffset? at) => at is { } a ? T(a) : "-";
        var text = new StringBuilder();
        void Section(string title, int count)
        {
            text.AppendLine().AppendLine($"== {title} ({count}) ==");
            if (count == 0) text.AppendLine("Niets.");
        }

        text.AppendLine("Wat de Buurtkracht-bot over je bewaart");
        text.AppendLine().AppendLine("== Jij ==");
        text.AppendLine($"Naam: {d.Member.Name}");
        text.AppendLine($"Kanaal: {d.Member.Channel}, gebruiker {d.Member.UserId}");
        text.AppendLine($"Taal: {d.Member.Language}");
        text.AppendLine($"Privégesprek: {d.Member.PrivateChatId ?? "-"}");
        text.AppendLine($"Eerst gezien: {T(d.Member.CreatedAt)}; laatst geschreven: {TO(d.Member.LastActiveAt)}");

        Section("Rollen", d.Roles.Count);
        foreach (var r in d.Roles) text.AppendLine($"- {r.Role}{(r.Group is null ? "" : $" in {r.Group}")}, sinds {T(r.GrantedAt)} (door {r.GrantedBy})");
        Section("Groepen", d.Groups.Count);
        foreach (var g in d.Groups) text.AppendLine($"- {g.Group} ({g.Channel}), van {T(g.JoinedAt)} tot {TO(g.LeftAt)}");
        Section("Meldingen", d.Meldingen.Count);
        foreach (var m in d.Meldingen)
        {
            var place = m.Address ?? string.Create(CultureInfo.InvariantCulture, $"{m.Latitude:F5}, {m.Longitude:F5}");
            text.AppendLine($"- {m.Reference}: {m.Category}, {m.Status}, {T(m.CreatedAt)}");
            text.AppendLine($"  Plek: {place}");
            text.AppendLine($"  Omschrijving: {m.Description}");
            text.AppendLine(m.Anonymous ? "  Anoniem gemeld" : $"  Naam: {m.Name}; e-mail: {m.Email}");
            text.AppendLine($"  Foto's: {(m.Photos.Count == 0 ? "geen" : string.Join(", ", m.Photos))}");
            text.AppendLine($"  Doorgestuurd naar: {(m.ForwardedTo.Count == 0 ? "nog niet" : string.Join(", ", m.ForwardedTo))}");
        }
        Section("Meldingen die je volgt", d.Following.Count);
        foreach (var f in d.Following)
            text.AppendLine($"- {f.Reference}: {f.Category}, sinds {T(f.Since)}{(f.Resolved is null ? "" : $"; opgelost? {f.Resolved}")}");
        Section("Antwoorden op activiteiten", d.Rsvps.Count);
        foreach (var r in d.Rsvps) text.AppendLine($"- {r.Activity} op {T(r.StartsAt)}: {r.Answer}");
        Section("Vragenlijsten", d.Questionnaires.Count);
        foreach (var q in d.Questionnaires)
        {
            text.AppendLine($"- {q.Questionnaire}: {q.Status}{(q.Anonymous ? " (anoniem: je antwoorden zijn niet aan jou gekoppeld)" : "")}");
            foreach (var (question, answer) in q.Answers) text.AppendLine($"  {question}: {answer ?? "(overgeslagen)"}");
        }
        Section("Aanmeldingen voor buurtpeilingen", d.OptIns.Count);
        foreach (var o in d.OptIns) text.AppendLine($"- {o.Buurt}, sinds {T(o.Since)}");
        Section("Gesprekken die nog lopen", d.OpenDialogs.Count);
        foreach (var g in d.OpenDialogs)
            text.AppendLine($"- {g.Dialog} (bij {g.Step}, sinds {T(g.StartedAt)}): {string.Join("; ", g.Answers.Select(a => $"{a.Key} = {a.Value}"))}");
        Section("Logboek over jou", d.Audit.Count);
        foreach (var a in d.Audit) text.AppendLine($"- {T(a.At)}: {a.Action} door {a.Actor} ({a.Subject})");
        return text.ToString();
    }
}
