using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>The "opgevolgd" mark with a note on a check-in where a moderator asked for help.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000019_QuestionnaireFollowUps")]
public sealed class M0019_QuestionnaireFollowUps : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("QuestionnaireFollowUps", t => new
        {
            ResponseId = t.Column<string>(maxLength: 32, nullable: false),
            At = t.Column<long>(nullable: false),
            By = t.Column<string>(maxLength: 200, nullable: false),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_QuestionnaireFollowUps", x => x.ResponseId);
            t.ForeignKey("FK_QuestionnaireFollowUps_QuestionnaireResponses_ResponseId", x => x.ResponseId, "QuestionnaireResponses", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("QuestionnaireFollowUps");
}
