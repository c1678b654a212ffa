using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Meldingen;

internal sealed class MeldingConfiguration :
    IEntityTypeConfiguration<Melding>, IEntityTypeConfiguration<MeldingForward>,
    IEntityTypeConfiguration<MeldingCategory>, IEntityTypeConfiguration<MeldingGroupSetting>, IEntityTypeConfiguration<MeldingStatusChange>,
    IEntityTypeConfiguration<MeldingAttribute>, IEntityTypeConfiguration<MeldingFollower>, IEntityTypeConfiguration<MeldingFeedback>
{
    public void Configure(EntityTypeBuilder<Melding> melding)
    {
        melding.ToTable("Meldingen");
        melding.Property(m => m.Reference).HasMaxLength(32);
        melding.HasIndex(m => m.Reference).IsUnique();
        melding.HasIndex(m => new { m.Year, m.Sequence }).IsUnique();
        melding.Property(m => m.Theme).HasConversion<string>().HasMaxLength(16);
        melding.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        melding.Property(m => m.CategoryName).HasMaxLength(128);
        melding.Property(m => m.Address).HasMaxLength(256);
        melding.Property(m => m.Street).HasMaxLength(128);
        melding.Property(m => m.Postcode).HasMaxLength(8);
        melding.Property(m => m.Town).HasMaxLength(80);
        melding.Property(m => m.BagId).HasMaxLength(64);
        melding.Property(m => m.AddressToCheck).HasDefaultValue(false);
        melding.Property(m => m.Description).HasMaxLength(1000);
        melding.Property(m => m.ReporterName).HasMaxLength(128);
        melding.Property(m => m.ReporterEmail).HasMaxLength(256);
        melding.Property(m => m.ChatId).HasMaxLength(256);
        melding.Property(m => m.Language).HasMaxLength(8);
        melding.Property(m => m.StatusNotes).HasMaxLength(2000);
        melding.Property(m => m.IsDemo).HasDefaultValue(false);
        melding.HasIndex(m => m.CreatedAt);
        melding.HasIndex(m => m.MemberId);
        melding.HasOne(m => m.Category).WithMany().HasForeignKey(m => m.CategoryId).OnDelete(DeleteBehavior.Restrict);
        melding.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.SetNull);
        melding.HasMany(m => m.Forwards).WithOne(f => f.Melding).HasForeignKey(f => f.MeldingId).OnDelete(DeleteBehavior.Cascade);
        melding.HasMany(m => m.StatusChanges).WithOne(c => c.Melding).HasForeignKey(c => c.MeldingId).OnDelete(DeleteBehavior.Cascade);
        melding.HasMany(m => m.Attributes).WithOne(a => a.Melding).HasForeignKey(a => a.MeldingId).OnDelete(DeleteBehavior.Cascade);
        // A plain column, no foreign key: SQLite cannot add one to an existing table (M0028), and the link is for reading only.
        melding.HasIndex(m => m.ReopenedFromId);
        melding.Ignore(m => m.Chat);
        melding.Ignore(m => m.PlaceLine);
    }

    public void Configure(EntityTypeBuilder<MeldingForward> forward)
    {
        forward.ToTable("MeldingForwards");
        forward.Property(f => f.Sink).HasMaxLength(32);
        forward.Property(f => f.State).HasConversion<string>().HasMaxLength(16);
        forward.Property(f => f.LastError).HasMaxLength(500);
        forward.Property(f => f.ExternalId).HasMaxLength(128);
        forward.Property(f => f.ExternalToken).HasMaxLength(128);
        forward.Property(f => f.RemoteStatus).HasMaxLength(32);
        forward.Property(f => f.RemoteStatusNotes).HasMaxLength(2000);
        // A store default, so the column could be added to existing rows (M0016).
        forward.Property(f => f.PossibleDuplicate).HasDefaultValue(false);
        forward.HasIndex(f => new { f.MeldingId, f.Sink }).IsUnique();
        forward.HasIndex(f => new { f.State, f.NextAttemptAt });
    }

    public void Configure(EntityTypeBuilder<MeldingCategory> category)
    {
        category.ToTable("MeldingCategories");
        category.Property(c => c.Code).HasMaxLength(64);
        category.HasIndex(c => c.Code).IsUnique();
        category.Property(c => c.Theme).HasConversion<string>().HasMaxLength(16);
        category.Property(c => c.NameNl).HasMaxLength(128);
        category.Property(c => c.NameEn).HasMaxLength(128);
    }

    public void Configure(EntityTypeBuilder<MeldingGroupSetting> setting)
    {
        setting.ToTable("MeldingGroupSettings");
        setting.HasKey(s => s.GroupId);
        setting.Property(s => s.GroupId).ValueGeneratedNever();
        setting.Property(s => s.UpdatedBy).HasMaxLength(128);
        setting.HasOne(s => s.Group).WithOne().HasForeignKey<MeldingGroupSetting>(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MeldingStatusChange> change)
    {
        change.ToTable("MeldingStatusChanges");
        change.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        // Also the index of the foreign key: the digest reads a melding's changes in time order.
        change.HasIndex(c => new { c.MeldingId, c.At });
    }

    public void Configure(EntityTypeBuilder<MeldingAttribute> attribute)
    {
        attribute.ToTable("MeldingAttributes");
        attribute.Property(a => a.Code).HasMaxLength(128);
        attribute.Property(a => a.Value).HasMaxLength(1000);
        attribute.Property(a => a.Question).HasMaxLength(500);
        attribute.Property(a => a.Answer).HasMaxLength(1000);
    }

    public void Configure(EntityTypeBuilder<MeldingFollower> follower)
    {
        follower.ToTable("MeldingFollowers");
        follower.Property(f => f.ChatId).HasMaxLength(256);
        follower.Property(f => f.Language).HasMaxLength(8);
        follower.HasIndex(f => new { f.MeldingId, f.MemberId }).IsUnique();
        follower.HasIndex(f => f.MemberId);
        follower.HasOne(f => f.Melding).WithMany().HasForeignKey(f => f.MeldingId).OnDelete(DeleteBehavior.Cascade);
        follower.HasOne(f => f.Member).WithMany().HasForeignKey(f => f.MemberId).OnDelete(DeleteBehavior.Cascade);
        follower.Ignore(f => f.Chat);
    }

    public void Configure(EntityTypeBuilder<MeldingFeedback> feedback)
    {
        feedback.ToTable("MeldingFeedback");
        feedback.Property(f => f.ChatId).HasMaxLength(256);
        feedback.Property(f => f.Answer).HasConversion<string>().HasMaxLength(16);
        feedback.HasIndex(f => new { f.MeldingId, f.Channel, f.ChatId }).IsUnique();
        feedback.HasOne(f => f.Melding).WithMany().HasForeignKey(f => f.MeldingId).OnDelete(DeleteBehavior.Cascade);
    }
}
