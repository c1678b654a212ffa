using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>One-time login links for the dashboard, stored as a hash only.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000017_BeheerLogin")]
public sealed class M0017_BeheerLogin : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("BeheerLoginTokens", t => new
        {
            Id = t.Column<long>(nullable: false).AutoIncrement(),
            MemberId = t.Column<int>(nullable: false),
            TokenHash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
            ExpiresAt = t.Column<long>(nullable: false),
            UsedAt = t.Column<long>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_BeheerLoginTokens", x => x.Id);
            t.ForeignKey("FK_BeheerLoginTokens_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_BeheerLoginTokens_TokenHash", "BeheerLoginTokens", "TokenHash", unique: true);
        mb.CreateIndex("IX_BeheerLoginTokens_ExpiresAt", "BeheerLoginTokens", "ExpiresAt");
        mb.CreateIndex("IX_BeheerLoginTokens_MemberId", "BeheerLoginTokens", "MemberId");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("BeheerLoginTokens");
}
