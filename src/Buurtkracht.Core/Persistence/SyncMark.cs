using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Persistence;

/// <summary>
/// What was last pushed to a platform, as a hash of its content, so a restart can tell whether it must push again
/// (such as every role holder's command menu after a release that changed the commands).
/// </summary>
public sealed class SyncMark
{
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset SyncedAt { get; set; }
}

internal sealed class SyncMarkConfiguration : IEntityTypeConfiguration<SyncMark>
{
    public void Configure(EntityTypeBuilder<SyncMark> mark)
    {
        mark.ToTable("SyncMarks");
        mark.HasKey(m => m.Name);
        mark.Property(m => m.Name).HasMaxLength(64);
        // Compared on update: of two instances that both saw the old hash, only one queues the menus.
        mark.Property(m => m.Hash).HasMaxLength(64).IsConcurrencyToken();
    }
}
