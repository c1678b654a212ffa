using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// Delivery guarantees: an outbox row's give-up budget counts from its first real failure (FirstFailedAt); the
/// dispatcher's due rows are read per channel from a (Channel, Status, Id) index; a melding forward remembers that it may
/// have reached the other side twice (PossibleDuplicate).
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000016_DeliveryGuarantees")]
public sealed class M0016_DeliveryGuarantees : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<long>("FirstFailedAt", "OutboxMessages", nullable: true);
        mb.DropIndex("IX_OutboxMessages_Status_Id", "OutboxMessages");
        mb.CreateIndex("IX_OutboxMessages_Channel_Status_Id", "OutboxMessages", ["Channel", "Status", "Id"]);
        mb.AddColumn<bool>("PossibleDuplicate", "MeldingForwards", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropColumn("PossibleDuplicate", "MeldingForwards");
        mb.DropIndex("IX_OutboxMessages_Channel_Status_Id", "OutboxMessages");
        mb.CreateIndex("IX_OutboxMessages_Status_Id", "OutboxMessages", ["Status", "Id"]);
        mb.DropColumn("FirstFailedAt", "OutboxMessages");
    }
}
