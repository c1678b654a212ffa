using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Audit;

/// <summary>What was done; stored as text so new kinds need no migration.</summary>
public static class AuditActions
{
    public const string RoleGranted = "role-granted";
    public const string RoleRevoked = "role-revoked";
    public const string GroupLinked = "group-linked";
    public const string BroadcastSent = "broadcast-sent";
    public const string BroadcastScheduled = "broadcast-scheduled";
    public const string BroadcastCancelled = "broadcast-cancelled";
    public const string EventPlanned = "event-planned";
    public const string EventChanged = "event-changed";
    public const string EventCancelled = "event-cancelled";
    public const string AttendanceRecorded = "attendance-recorded";
    public const string ProgrammeImported = "programme-imported";
    public const string MeldingStatusChanged = "melding-status-changed";
    public const string BeheerLinkIssued = "beheer-link-issued";
    public const string SignInEmailSet = "sign-in-email-set";
    public const string SignInEmailCleared = "sign-in-email-cleared";
    public const string BuurtProposed = "buurt-proposed";
    public const string BuurtApproved = "buurt-approved";
    public const string BuurtRejected = "buurt-rejected";
    public const string BuurtMerged = "buurt-merged";
    public const string OutboxRetried = "outbox-retried";
}

/// <summary>
/// One recorded act of authority: a role change, a group link, a broadcast. Who is a reference ("cli",
/// "telegram:123"), never a name; details never hold message texts.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";

    /// <summary>What it was done to, for example "member:12 role:moderator group:3", "group:3 buurt:2" or "broadcast:7".</summary>
    public string Subject { get; set; } = "";

    public string? Details { get; set; }
}

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> audit)
    {
        audit.ToTable("AuditEntries");
        audit.Property(a => a.Actor).HasMaxLength(128);
        audit.Property(a => a.Action).HasMaxLength(64);
        audit.Property(a => a.Subject).HasMaxLength(256);
        audit.Property(a => a.Details).HasMaxLength(500);
        audit.HasIndex(a => a.At);
    }
}

public static class AuditLog
{
    /// <summary>Adds an entry to the caller's unit of work, so it commits (or not) with the change it records.</summary>
    public static AuditEntry Record(BuurtkrachtDb db, DateTimeOffset at, string actor, string action, string subject, string? details = null)
    {
        var entry = new AuditEntry
        {
            At = at, Actor = Trim(actor, 128), Action = action, Subject = Trim(subject, 256), Details = details is null ? null : Trim(details, 500),
        };
        db.Set<AuditEntry>().Add(entry);
        return entry;
    }

    /// <summary>A member as the audit names them: channel and platform user id, as the CLI's --member takes it.</summary>
    public static string Who(Members.Member member) => $"{member.Channel.ToString().ToLowerInvariant()}:{member.ChannelUserId}";

    private static string Trim(string value, int max) => value.Length <= max ? value : value[..max];
}
