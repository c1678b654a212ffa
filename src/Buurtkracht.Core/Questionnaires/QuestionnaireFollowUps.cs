using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>A coördinator's mark that a flagged response (a moderator asking for help) was followed up, with a note.</summary>
public sealed class QuestionnaireFollowUp
{
    public string ResponseId { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>Who marked it, as the audit names them.</summary>
    public string By { get; set; } = "";

    public string? Note { get; set; }
}

/// <summary>Marking flagged responses as followed up; every mark is audited (without the note, which may name people).</summary>
public static class QuestionnaireFollowUps
{
    public const string Action = "questionnaire-followed-up";
    public const int NoteMaxLength = 1000;

    /// <summary>Marks (or marks again, with a new note) the flagged response; false when there is no such flagged response.</summary>
    public static async Task<bool> MarkAsync(BuurtkrachtDb db, string responseId, string? note, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!await db.Set<QuestionnaireResponse>().AnyAsync(r => r.Id == responseId && r.Flagged && r.MemberId != null, ct)) return false;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, NoteMaxLength)];
        var mark = await db.Set<QuestionnaireFollowUp>().FindAsync([responseId], ct);
        if (mark is null) db.Add(mark = new QuestionnaireFollowUp { ResponseId = responseId });
        (mark.At, mark.By, mark.Note) = (now, actor, note);
        AuditLog.Record(db, now, actor, Action, $"response:{responseId}", note is null ? "without note" : "with note");
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static Task<Dictionary<string, QuestionnaireFollowUp>> ForAsync(BuurtkrachtDb db, IReadOnlyCollection<string> responseIds, CancellationToken ct = default) =>
        db.Set<QuestionnaireFollowUp>().AsNoTracking().Where(f => responseIds.Contains(f.ResponseId)).ToDictionaryAsync(f => f.ResponseId, ct);
}

internal sealed class QuestionnaireFollowUpConfiguration : IEntityTypeConfiguration<QuestionnaireFollowUp>
{
    public void Configure(EntityTypeBuilder<QuestionnaireFollowUp> b)
    {
        b.ToTable("QuestionnaireFollowUps");
        b.HasKey(x => x.ResponseId);
        b.Property(x => x.ResponseId).HasMaxLength(32);
        b.Property(x => x.By).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(QuestionnaireFollowUps.NoteMaxLength);
        b.HasOne<QuestionnaireResponse>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
