using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Messaging;

/// <summary>
/// Where a Teams conversation can be reached: the Bot Connector serviceUrl and tenant that arrived on an
/// authenticated activity. Proactive messages (reminders, digests) need it, since Teams has no fixed API address.
/// Only the Teams adapter reads and writes it (through <c>db.Set&lt;TeamsConversationReference&gt;()</c>).
/// </summary>
public sealed class TeamsConversationReference
{
    /// <summary>The conversation id without a channel thread's ";messageid=" suffix.</summary>
    public string ConversationId { get; set; } = "";

    public string ServiceUrl { get; set; } = "";
    public string? TenantId { get; set; }

    /// <summary>"personal", "groupChat" or "channel".</summary>
    public string ConversationType { get; set; } = "";

    /// <summary>For channel conversations: the team they belong to.</summary>
    public string? TeamId { get; set; }

    /// <summary>The Teams user id of whoever added the bot here; that person counts as the group's admin.</summary>
    public string? InstalledByUserId { get; set; }

    /// <summary>Since when the bot is installed here; null after a removal. Teams reports one install with two
    /// activities, and only the one that sets this (atomically, from null) greets.</summary>
    public DateTimeOffset? BotInstalledAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A Teams user the bot has seen on an authenticated activity, so a private 1:1 conversation can be created
/// (POST /v3/conversations) when a message must go to them before they ever opened one.
/// </summary>
public sealed class TeamsUserReference
{
    public string UserId { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string? TenantId { get; set; }

    /// <summary>The personal conversation with the bot, once known (received or created).</summary>
    public string? PersonalConversationId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class TeamsReferenceConfiguration
    : IEntityTypeConfiguration<TeamsConversationReference>, IEntityTypeConfiguration<TeamsUserReference>
{
    public void Configure(EntityTypeBuilder<TeamsConversationReference> reference)
    {
        reference.ToTable("TeamsConversations");
        reference.HasKey(r => r.ConversationId);
        reference.Property(r => r.ConversationId).HasMaxLength(256);
        reference.Property(r => r.ServiceUrl).HasMaxLength(512);
        reference.Property(r => r.TenantId).HasMaxLength(64);
        reference.Property(r => r.ConversationType).HasMaxLength(16);
        reference.Property(r => r.TeamId).HasMaxLength(256);
        reference.Property(r => r.InstalledByUserId).HasMaxLength(128);
        reference.HasIndex(r => r.TeamId);
    }

    public void Configure(EntityTypeBuilder<TeamsUserReference> user)
    {
        user.ToTable("TeamsUsers");
        user.HasKey(u => u.UserId);
        user.Property(u => u.UserId).HasMaxLength(128);
        user.Property(u => u.ServiceUrl).HasMaxLength(512);
        user.Property(u => u.TenantId).HasMaxLength(64);
        user.Property(u => u.PersonalConversationId).HasMaxLength(256);
    }
}
