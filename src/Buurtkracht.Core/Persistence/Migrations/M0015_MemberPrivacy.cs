using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// When a member last wrote (so the retention job can anonymise those who left every group and went quiet) and when a
/// member was forgotten (/vergeetmij or retention). Existing members start without a last-written time: their
/// CreatedAt stands in until they write again.
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000015_MemberPrivacy")]
public sealed class M0015_MemberPrivacy : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<long>("LastActiveAt", "Members", nullable: true);
        mb.AddColumn<long>("ForgottenAt", "Members", nullable: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropColumn("LastActiveAt", "Members");
        mb.DropColumn("ForgottenAt", "Members");
    }
}
