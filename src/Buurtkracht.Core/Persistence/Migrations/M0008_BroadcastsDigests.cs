using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>The audit trail, broadcasts with one delivery row per target, and the digests sent per period.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000008_BroadcastsDigests")]
public sealed class M0008_BroadcastsDigests : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("AuditEntries", t => new
        {
            Id = t.Column<long>(nullable: false).AutoIncrement(),
            At = t.Column<long>(nullable: false),
            Actor = t.Column<string>(maxLength: 128, nullable: false),
            Action = t.Column<string>(maxLength: 64, nullable: false),
            Subject = t.Column<string>(maxLength: 256, nullable: false),
            Details = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Id));
        mb.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");

        mb.CreateTable("Broadcasts", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            AudienceKind = t.Column<string>(maxLength: 16, nullable: false),
            AudienceIds = t.Column<string>(maxLength: 2000, nullable: false),
            Text = t.Column<string>(maxLength: 4000, nullable: false),
            Link = t.Column<string>(maxLength: 500, nullable: true),
            PhotoPath = t.Column<string>(maxLength: 500, nullable: true),
            SentBy = t.Column<string>(maxLength: 128, nullable: false),
            SenderMemberId = t.Column<int>(nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
            SendAt = t.Column<long>(nullable: false),
            StartedAt = t.Column<long>(nullable: true),
            CompletedAt = t.Column<long>(nullable: true),
            Targets = t.Column<int>(nullable: false),
            Delivered = t.Column<int>(nullable: false),
            Failed = t.Column<int>(nullable: false),
            Unreachable = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Broadcasts", x => x.Id));
        mb.CreateIndex("IX_Broadcasts_Status_SendAt", "Broadcasts", ["Status", "SendAt"]);

        mb.CreateTable("BroadcastDeliveries", t => new
        {
            Id = t.Column<long>(nullable: false).AutoIncrement(),
            BroadcastId = t.Column<int>(nullable: false),
            GroupId = t.Column<int>(nullable: true),
            MemberId = t.Column<int>(nullable: true),
            OutboxMessageId = t.Column<long>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_BroadcastDeliveries", x => x.Id);
            t.ForeignKey("FK_BroadcastDeliveries_Broadcasts_BroadcastId", x => x.BroadcastId, "Broadcasts", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_BroadcastDeliveries_OutboxMessages_OutboxMessageId", x => x.OutboxMessageId, "OutboxMessages", "Id", onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_BroadcastDeliveries_BroadcastId", "BroadcastDeliveries", "BroadcastId");
        mb.CreateIndex("IX_BroadcastDeliveries_OutboxMessageId", "BroadcastDeliveries", "OutboxMessageId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("BroadcastDeliveries");
        mb.DropTable("Broadcasts");
        mb.DropTable("AuditEntries");
    }
}
