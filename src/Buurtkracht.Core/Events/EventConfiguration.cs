using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Events;

internal sealed class EventConfiguration :
    IEntityTypeConfiguration<Event>, IEntityTypeConfiguration<EventOccurrence>, IEntityTypeConfiguration<EventRsvp>,
    IEntityTypeConfiguration<EventAnnouncement>, IEntityTypeConfiguration<EventReminderMessage>, IEntityTypeConfiguration<ScheduledNotice>
{
    public void Configure(EntityTypeBuilder<Event> e)
    {
        e.ToTable("Events");
        e.Property(x => x.ImportKey).HasMaxLength(128);
        e.HasIndex(x => x.ImportKey).IsUnique();
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(2000);
        e.Property(x => x.Location).HasMaxLength(256);
        e.Property(x => x.Organiser).HasMaxLength(128);
        e.Property(x => x.Rule).HasMaxLength(128);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.Audience).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.HasMany(x => x.Occurrences).WithOne(o => o.Event).HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Members.Member>().WithMany().HasForeignKey(x => x.OrganiserMemberId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<EventOccurrence> o)
    {
        o.ToTable("EventOccurrences");
        o.Property(x => x.Note).HasMaxLength(500);
        o.Property(x => x.AttendanceRecordedBy).HasMaxLength(128);
        o.HasIndex(x => new { x.EventId, x.StartsAt });
        o.HasIndex(x => x.StartsAt);
    }

    public void Configure(EntityTypeBuilder<EventRsvp> r)
    {
        r.ToTable("EventRsvps");
        r.Property(x => x.Answer).HasConversion<string>().HasMaxLength(16);
        r.HasIndex(x => new { x.OccurrenceId, x.MemberId }).IsUnique();
        r.HasOne<EventOccurrence>().WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<Members.Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EventAnnouncement> a)
    {
        a.ToTable("EventAnnouncements");
        a.HasIndex(x => new { x.OccurrenceId, x.GroupId }).IsUnique();
        a.HasOne<EventOccurrence>().WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne(x => x.OutboxMessage).WithMany().HasForeignKey(x => x.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<Groups.StreetGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EventReminderMessage> r)
    {
        r.ToTable("EventReminderMessages");
        r.HasIndex(x => new { x.OccurrenceId, x.GroupId });
        r.HasOne<EventOccurrence>().WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne(x => x.OutboxMessage).WithMany().HasForeignKey(x => x.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<Groups.StreetGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ScheduledNotice> n)
    {
        n.ToTable("EventNotices");
        n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        // A concurrency token: two service instances that both pick up a due notice cannot both mark it sent.
        n.Property(x => x.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        n.Property(x => x.Reason).HasMaxLength(200);
        n.HasIndex(x => new { x.OccurrenceId, x.Kind, x.OffsetMinutes }).IsUnique();
        n.HasIndex(x => new { x.Status, x.DueAt });
        n.HasOne<EventOccurrence>().WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
    }
}
