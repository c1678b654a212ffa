using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>Pending outbox rows in id order, without a sort of the whole backlog.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000006_OutboxOrder")]
public sealed class M0006_OutboxOrder : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.CreateIndex("IX_OutboxMessages_Status_Id", "OutboxMessages", ["Status", "Id"]);

    protected override void Down(MigrationBuilder mb) =>
        mb.DropIndex("IX_OutboxMessages_Status_Id", "OutboxMessages");
}
