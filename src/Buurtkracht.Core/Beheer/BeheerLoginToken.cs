using Buurtkracht.Core.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Beheer;

/// <summary>
/// A one-time login link for the dashboard. Only the SHA-256 of the token is stored, so a copy of the database cannot
/// be used to log in.
/// </summary>
public sealed class BeheerLoginToken
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public Member? Member { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class BeheerLoginTokenConfiguration : IEntityTypeConfiguration<BeheerLoginToken>
{
    public void Configure(EntityTypeBuilder<BeheerLoginToken> token)
    {
        token.ToTable("BeheerLoginTokens");
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.ExpiresAt);
        token.HasOne(t => t.Member).WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
