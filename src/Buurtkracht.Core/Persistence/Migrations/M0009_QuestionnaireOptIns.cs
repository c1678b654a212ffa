using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>Who wants the buurtpeilingen of which buurt privately; the (member, buurt) pair is the key and opting out deletes the row.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000009_QuestionnaireOptIns")]
public sealed class M0009_QuestionnaireOptIns : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("QuestionnaireOptIns", t => new
        {
            MemberId = t.Column<int>(nullable: false),
            BuurtId = t.Column<int>(nullable: false),
            OptedInAt = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_QuestionnaireOptIns", x => new { x.MemberId, x.BuurtId });
            t.ForeignKey("FK_QuestionnaireOptIns_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_QuestionnaireOptIns_Buurten_BuurtId", x => x.BuurtId, "Buurten", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_QuestionnaireOptIns_BuurtId", "QuestionnaireOptIns", "BuurtId");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("QuestionnaireOptIns");
}
