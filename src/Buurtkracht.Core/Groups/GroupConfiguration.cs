using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Groups;

internal sealed class GroupConfiguration :
    IEntityTypeConfiguration<Buurt>, IEntityTypeConfiguration<StreetGroup>, IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<Buurt> buurt)
    {
        buurt.ToTable("Buurten");
        buurt.Property(b => b.Name).HasMaxLength(128);
        buurt.HasIndex(b => b.Name).IsUnique();
        // Defaults as in M0014_RolesAndAccess, which gave the existing rows these values.
        buurt.Property(b => b.Status).HasConversion<string>().HasMaxLength(16).HasDefaultValue(BuurtStatus.Approved);
        buurt.Property(b => b.IsDemo).HasDefaultValue(false);
    }

    public void Configure(EntityTypeBuilder<StreetGroup> group)
    {
        group.ToTable("StreetGroups");
        group.HasIndex(g => new { g.Channel, g.ChatId }).IsUnique();
        group.Property(g => g.ChatId).HasMaxLength(256);
        group.Property(g => g.Title).HasMaxLength(256);
        group.HasOne(g => g.Buurt).WithMany().HasForeignKey(g => g.BuurtId).OnDelete(DeleteBehavior.SetNull);
        group.HasMany(g => g.Memberships).WithOne(m => m.Group).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        group.Ignore(g => g.Address);
    }

    public void Configure(EntityTypeBuilder<GroupMembership> membership)
    {
        membership.ToTable("GroupMemberships");
        membership.HasIndex(m => new { m.GroupId, m.MemberId, m.LeftAt });
        membership.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
