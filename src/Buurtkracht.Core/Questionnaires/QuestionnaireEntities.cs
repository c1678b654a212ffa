using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>One version of a questionnaire: the YAML text as it was, kept for as long as answers point at it.</summary>
public sealed class QuestionnaireVersion
{
    public int Id { get; set; }
    public string Key { get; set; } = "";
    public int Version { get; set; }
    public string Hash { get; set; } = "";
    public string Yaml { get; set; } = "";
    public DateTimeOffset LoadedAt { get; set; }
}

public enum QuestionnaireTarget
{
    Group,
    Event,
    Moderators,

    /// <summary>Privately to everyone who opted in (/peilingen) for the buurt in <see cref="QuestionnaireSend.TargetId"/>.</summary>
    BuurtOptIn,
}

public enum SendStatus
{
    Scheduled,
    Sent,
}

/// <summary>One sending of a questionnaire version to an audience, open between two instants. Swept by <see cref="QuestionnaireJob"/>.</summary>
public sealed class QuestionnaireSend
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public string Key { get; set; } = "";
    public QuestionnaireTarget Target { get; set; }

    /// <summary>The street group (Group), the event occurrence (Event) or the buurt (BuurtOptIn, Moderators of one buurt); null for all moderators.</summary>
    public int? TargetId { get; set; }

    /// <summary>For breakdowns: the buurt of the group, of the moderators' groups or of the opted-in residents, when known.</summary>
    public int? BuurtId { get; set; }

    public bool Anonymous { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset? ReminderAt { get; set; }
    public SendStatus Status { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? ReminderSentAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ParticipationStatus
{
    Invited,
    Started,
    Completed,
}

/// <summary>
/// Whether a person was invited to, is answering, or has answered one send. While answering, the draft answers live
/// here so a pause or restart loses nothing; on completion the draft is cleared. For anonymous sends this row is the
/// only trace of the person and holds no answer, no response id and no completion time.
/// </summary>
public sealed class QuestionnaireParticipation
{
    public long Id { get; set; }
    public int SendId { get; set; }
    public int MemberId { get; set; }
    public ParticipationStatus Status { get; set; }
    public string? DraftJson { get; set; }
    public DateTimeOffset? InvitedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
}

/// <summary>A finished response. Anonymous: no member, a random id and only the local date.</summary>
public sealed class QuestionnaireResponse
{
    public string Id { get; set; } = "";
    public int SendId { get; set; }
    public int VersionId { get; set; }
    public string Key { get; set; } = "";
    public int? MemberId { get; set; }
    public int? EventOccurrenceId { get; set; }
    public int? BuurtId { get; set; }
    public int? GroupId { get; set; }
    public DateOnly SubmittedOn { get; set; }
    public bool Flagged { get; set; }
}

public sealed class QuestionnaireAnswer
{
    public long Id { get; set; }
    public string ResponseId { get; set; } = "";
    public string QuestionId { get; set; } = "";

    /// <summary>Scale and number as invariant numbers, choices by option value (multiple: comma-separated), yes/no as "ja"/"nee", or the text; null = skipped.</summary>
    public string? Value { get; set; }

    public double? Number { get; set; }
}

internal sealed class QuestionnaireConfiguration :
    IEntityTypeConfiguration<QuestionnaireVersion>, IEntityTypeConfiguration<QuestionnaireSend>,
    IEntityTypeConfiguration<QuestionnaireParticipation>, IEntityTypeConfiguration<QuestionnaireResponse>,
    IEntityTypeConfiguration<QuestionnaireAnswer>
{
    public void Configure(EntityTypeBuilder<QuestionnaireVersion> b)
    {
        b.ToTable("QuestionnaireVersions");
        b.Property(x => x.Key).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => new { x.Key, x.Version }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<QuestionnaireSend> b)
    {
        b.ToTable("QuestionnaireSends");
        b.Property(x => x.Key).HasMaxLength(64);
        b.Property(x => x.Target).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<QuestionnaireVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Status, x.OpensAt });
        b.HasIndex(x => new { x.Target, x.TargetId });
    }

    public void Configure(EntityTypeBuilder<QuestionnaireParticipation> b)
    {
        b.ToTable("QuestionnaireParticipations");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<QuestionnaireSend>().WithMany().HasForeignKey(x => x.SendId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SendId, x.MemberId }).IsUnique();
        b.HasIndex(x => x.MemberId);
    }

    public void Configure(EntityTypeBuilder<QuestionnaireResponse> b)
    {
        b.ToTable("QuestionnaireResponses");
        b.Property(x => x.Id).HasMaxLength(32);
        b.Property(x => x.Key).HasMaxLength(64);
        b.HasOne<QuestionnaireVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Key, x.SubmittedOn });
        b.HasIndex(x => x.SendId);
    }

    public void Configure(EntityTypeBuilder<QuestionnaireAnswer> b)
    {
        b.ToTable("QuestionnaireAnswers");
        b.Property(x => x.ResponseId).HasMaxLength(32);
        b.Property(x => x.QuestionId).HasMaxLength(64);
        b.HasOne<QuestionnaireResponse>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ResponseId);
    }
}
