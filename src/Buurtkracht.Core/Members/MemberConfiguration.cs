using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Members;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>, IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.ToTable("Members");
        member.HasIndex(m => new { m.Channel, m.ChannelUserId }).IsUnique();
        member.Property(m => m.ChannelUserId).HasMaxLength(128);
        member.Property(m => m.DisplayName).HasMaxLength(256);
        member.Property(m => m.Language).HasMaxLength(8);
        member.Property(m => m.PrivateChatId).HasMaxLength(256);
        member.Property(m => m.SignInEmail).HasMaxLength(256);
        member.HasIndex(m => m.SignInEmail).IsUnique();
        member.HasMany(m => m.Roles).WithOne(r => r.Member).HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RoleAssignment> role)
    {
        role.ToTable("RoleAssignments");
        // One row per role: a moderator role once per group, a global role (no group) once. Two filtered indexes, because
        // SQLite and PostgreSQL both treat NULLs as distinct in a unique index, so (member, Coordinator, NULL) could repeat
        // under one index over all three columns. Written out in M0011_UniqueRoles; RoleGrants relies on them.
        role.HasIndex(r => new { r.MemberId, r.Role, r.GroupId }).IsUnique().HasFilter("\"GroupId\" IS NOT NULL");
        role.HasIndex(r => new { r.MemberId, r.Role }).IsUnique().HasFilter("\"GroupId\" IS NULL");
        role.Property(r => r.GrantedBy).HasMaxLength(128);
        role.HasOne(r => r.Group).WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
