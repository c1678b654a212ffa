using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>Events, their occurrences, RSVPs, announcements per group and the scheduled announcements and reminders.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000004_Events")]
public sealed class M0004_Events : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("Events", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            ImportKey = t.Column<string>(maxLength: 128, nullable: true),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Description = t.Column<string>(maxLength: 2000, nullable: false),
            Location = t.Column<string>(maxLength: 256, nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            Audience = t.Column<string>(maxLength: 16, nullable: false),
            AudienceIds = t.Column<string>(nullable: false),
            Capacity = t.Column<int>(nullable: true),
            Organiser = t.Column<string>(maxLength: 128, nullable: false),
            OrganiserMemberId = t.Column<int>(nullable: true),
            Rule = t.Column<string>(maxLength: 128, nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
            UpdatedAt = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Events", x => x.Id);
            t.ForeignKey("FK_Events_Members_OrganiserMemberId", x => x.OrganiserMemberId, "Members", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_Events_ImportKey", "Events", "ImportKey", unique: true);
        mb.CreateIndex("IX_Events_OrganiserMemberId", "Events", "OrganiserMemberId");

        mb.CreateTable("EventOccurrences", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            EventId = t.Column<int>(nullable: false),
            StartsAt = t.Column<long>(nullable: false),
            EndsAt = t.Column<long>(nullable: false),
            Note = t.Column<string>(maxLength: 500, nullable: true),
            IsCancelled = t.Column<bool>(nullable: false),
            Attendance = t.Column<int>(nullable: true),
            AttendanceRecordedAt = t.Column<long>(nullable: true),
            AttendanceRecordedBy = t.Column<string>(maxLength: 128, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EventOccurrences", x => x.Id);
            t.ForeignKey("FK_EventOccurrences_Events_EventId", x => x.EventId, "Events", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_EventOccurrences_EventId_StartsAt", "EventOccurrences", ["EventId", "StartsAt"]);
        mb.CreateIndex("IX_EventOccurrences_StartsAt", "EventOccurrences", "StartsAt");

        mb.CreateTable("EventRsvps", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            OccurrenceId = t.Column<int>(nullable: false),
            MemberId = t.Column<int>(nullable: false),
            Answer = t.Column<string>(maxLength: 16, nullable: false),
            UpdatedAt = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EventRsvps", x => x.Id);
            t.ForeignKey("FK_EventRsvps_EventOccurrences_OccurrenceId", x => x.OccurrenceId, "EventOccurrences", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EventRsvps_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_EventRsvps_OccurrenceId_MemberId", "EventRsvps", ["OccurrenceId", "MemberId"], unique: true);
        mb.CreateIndex("IX_EventRsvps_MemberId", "EventRsvps", "MemberId");

        mb.CreateTable("EventAnnouncements", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            OccurrenceId = t.Column<int>(nullable: false),
            GroupId = t.Column<int>(nullable: false),
            OutboxMessageId = t.Column<long>(nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EventAnnouncements", x => x.Id);
            t.ForeignKey("FK_EventAnnouncements_EventOccurrences_OccurrenceId", x => x.OccurrenceId, "EventOccurrences", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EventAnnouncements_OutboxMessages_OutboxMessageId", x => x.OutboxMessageId, "OutboxMessages", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EventAnnouncements_StreetGroups_GroupId", x => x.GroupId, "StreetGroups", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_EventAnnouncements_OccurrenceId_GroupId", "EventAnnouncements", ["OccurrenceId", "GroupId"], unique: true);
        mb.CreateIndex("IX_EventAnnouncements_GroupId", "EventAnnouncements", "GroupId");
        mb.CreateIndex("IX_EventAnnouncements_OutboxMessageId", "EventAnnouncements", "OutboxMessageId");

        mb.CreateTable("EventNotices", t => new
        {
            Id = t.Column<long>(nullable: false).AutoIncrement(),
            OccurrenceId = t.Column<int>(nullable: false),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            OffsetMinutes = t.Column<int>(nullable: false),
            DueAt = t.Column<long>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            SentAt = t.Column<long>(nullable: true),
            Reason = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EventNotices", x => x.Id);
            t.ForeignKey("FK_EventNotices_EventOccurrences_OccurrenceId", x => x.OccurrenceId, "EventOccurrences", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_EventNotices_OccurrenceId_Kind_OffsetMinutes", "EventNotices", ["OccurrenceId", "Kind", "OffsetMinutes"], unique: true);
        mb.CreateIndex("IX_EventNotices_Status_DueAt", "EventNotices", ["Status", "DueAt"]);
    }
}
