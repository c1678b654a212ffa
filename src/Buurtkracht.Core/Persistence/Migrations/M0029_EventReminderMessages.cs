using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// The reminders posted in each group, so an RSVP edits their counts too, not only the announcement's. Reminders sent
/// before this version are not known and keep the counts they were sent with.
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000029_EventReminderMessages")]
public sealed class M0029_EventReminderMessages : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("EventReminderMessages", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            OccurrenceId = t.Column<int>(nullable: false),
            GroupId = t.Column<int>(nullable: false),
            OutboxMessageId = t.Column<long>(nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EventReminderMessages", x => x.Id);
            t.ForeignKey("FK_EventReminderMessages_EventOccurrences_OccurrenceId", x => x.OccurrenceId, "EventOccurrences", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EventReminderMessages_OutboxMessages_OutboxMessageId", x => x.OutboxMessageId, "OutboxMessages", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EventReminderMessages_StreetGroups_GroupId", x => x.GroupId, "StreetGroups", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_EventReminderMessages_OccurrenceId_GroupId", "EventReminderMessages", ["OccurrenceId", "GroupId"]);
        mb.CreateIndex("IX_EventReminderMessages_GroupId", "EventReminderMessages", "GroupId");
        mb.CreateIndex("IX_EventReminderMessages_OutboxMessageId", "EventReminderMessages", "OutboxMessageId");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("EventReminderMessages");
}
