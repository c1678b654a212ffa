using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Broadcasts;

public enum BroadcastAudienceKind
{
    /// <summary>Every street group the bot knows.</summary>
    AllGroups,

    /// <summary>The groups linked to one buurt (<see cref="Broadcast.AudienceIds"/> holds its id).</summary>
    Buurt,

    /// <summary>The groups in <see cref="Broadcast.AudienceIds"/>.</summary>
    Groups,

    /// <summary>Every moderator, privately.</summary>
    Moderators,
}

public enum BroadcastStatus
{
    /// <summary>Waiting for <see cref="Broadcast.SendAt"/>; can still be cancelled.</summary>
    Scheduled,

    /// <summary>Fanned out into the outbox; the report follows once every row is final.</summary>
    Sending,

    /// <summary>Every row is final and the sender has the report.</summary>
    Done,

    Cancelled,
}

/// <summary>A message from a coördinator to many chats at once, now or at a set time.</summary>
public sealed class Broadcast
{
    public int Id { get; set; }
    public BroadcastAudienceKind AudienceKind { get; set; }

    /// <summary>Buurt id or group ids, comma-separated; empty for all groups and moderators.</summary>
    public string AudienceIds { get; set; } = "";

    public string Text { get; set; } = "";
    public string? Link { get; set; }

    /// <summary>A file under the data folder, sent as the photo with the text as its caption.</summary>
    public string? PhotoPath { get; set; }

    /// <summary>Who sent it, as the audit names them ("cli" or "telegram:123").</summary>
    public string SentBy { get; set; } = "";

    /// <summary>The sender as a member, who gets the delivery report privately; null from the CLI.</summary>
    public int? SenderMemberId { get; set; }

    public BroadcastStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset SendAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public int Targets { get; set; }
    public int Delivered { get; set; }
    public int Failed { get; set; }
    public int Unreachable { get; set; }

    public IReadOnlyList<int> Ids => AudienceIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    /// <summary>What every recipient sees: the text, the link under it, the photo when there is one.</summary>
    public OutgoingMessage Message() => BroadcastMessages.Render(Text, Link, PhotoPath);
}

/// <summary>One target of a broadcast: a group, or a moderator's private chat.</summary>
public sealed class BroadcastDelivery
{
    public long Id { get; set; }
    public int BroadcastId { get; set; }
    public Broadcast? Broadcast { get; set; }
    public int? GroupId { get; set; }
    public int? MemberId { get; set; }

    /// <summary>The outbox row; null when the target was known to be unreachable and nothing was sent.</summary>
    public long? OutboxMessageId { get; set; }
    public OutboxMessage? OutboxMessage { get; set; }
}

public static class BroadcastMessages
{
    public static OutgoingMessage Render(string text, string? link, string? photoPath) => new()
    {
        Text = string.IsNullOrWhiteSpace(link) ? text : $"{text}\n\n{link}",
        PhotoPath = photoPath,
    };
}

internal sealed class BroadcastConfiguration : IEntityTypeConfiguration<Broadcast>, IEntityTypeConfiguration<BroadcastDelivery>
{
    public void Configure(EntityTypeBuilder<Broadcast> b)
    {
        b.ToTable("Broadcasts");
        b.Property(x => x.AudienceKind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.AudienceIds).HasMaxLength(2000);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.Link).HasMaxLength(500);
        b.Property(x => x.PhotoPath).HasMaxLength(500);
        b.Property(x => x.SentBy).HasMaxLength(128);
        b.HasIndex(x => new { x.Status, x.SendAt });
        b.Ignore(x => x.Ids);
    }

    public void Configure(EntityTypeBuilder<BroadcastDelivery> d)
    {
        d.ToTable("BroadcastDeliveries");
        d.HasIndex(x => x.BroadcastId);
        d.HasOne(x => x.Broadcast).WithMany().HasForeignKey(x => x.BroadcastId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne(x => x.OutboxMessage).WithMany().HasForeignKey(x => x.OutboxMessageId).OnDelete(DeleteBehavior.Restrict);
    }
}
