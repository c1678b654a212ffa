using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>The number of messages per street group per local day, for the digest's group activity (counts only).</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000010_GroupActivity")]
public sealed class M0010_GroupActivity : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("GroupMessageCounts", t => new
        {
            GroupId = t.Column<int>(nullable: false),
            Day = t.Column<DateOnly>(nullable: false),
            Messages = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_GroupMessageCounts", x => new { x.GroupId, x.Day });
            t.ForeignKey("FK_GroupMessageCounts_StreetGroups_GroupId", x => x.GroupId, "StreetGroups", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("GroupMessageCounts");
}
