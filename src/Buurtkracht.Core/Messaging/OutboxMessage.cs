using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Messaging;

public enum OutboxStatus
{
    Pending,
    Sent,

    /// <summary>
    /// Gave up after <see cref="OutboxOptions.GiveUpAfter"/> of failures, or the platform rejected the message; kept, listed
    /// by <see cref="OutboxAdmin"/> and sent again on request.
    /// </summary>
    Failed,

    /// <summary>The chat cannot be reached any more (bot blocked or removed).</summary>
    Unreachable,
}

/// <summary>
/// One outgoing message, written in the same transaction as the change that caused it and sent later by the
/// <see cref="OutboxDispatcher"/>. Rows are never deleted by the dispatcher, so nothing stored is lost.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public ChannelKind Channel { get; set; }
    public string ChatId { get; set; } = "";
    public ChatKind ChatKind { get; set; }

    /// <summary>The <see cref="OutgoingMessage"/> as JSON.</summary>
    public string PayloadJson { get; set; } = "";

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The first real failure (not throttling) since the row was written or last retried: the give-up budget counts from here.</summary>
    public DateTimeOffset? FirstFailedAt { get; set; }
    public string? PlatformMessageId { get; set; }

    /// <summary>Technical reason of the last failure; never contains message text.</summary>
    public string? LastError { get; set; }

    public ChatAddress Address => new(Channel, ChatId);
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> outbox)
    {
        outbox.ToTable("OutboxMessages");
        outbox.Property(o => o.ChatId).HasMaxLength(256);
        outbox.Property(o => o.PlatformMessageId).HasMaxLength(128);
        outbox.Property(o => o.LastError).HasMaxLength(500);
        outbox.HasIndex(o => new { o.Status, o.NextAttemptAt });
        // The dispatcher reads each channel's pending rows in id order; this index spares it sorting a large backlog every round.
        outbox.HasIndex(o => new { o.Channel, o.Status, o.Id });
        outbox.HasIndex(o => new { o.Channel, o.ChatId, o.Id });
        outbox.Ignore(o => o.Address);
    }
}
