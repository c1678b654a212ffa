using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// Followers of a neighbour's melding ("Ja, deze" instead of a duplicate), and the answers to the municipality's extra
/// questions (Open311 attributes) per melding.
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000027_MeldingFollowersAttributes")]
public sealed class M0027_MeldingFollowersAttributes : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("MeldingFollowers", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            MeldingId = t.Column<int>(nullable: false),
            MemberId = t.Column<int>(nullable: false),
            Channel = t.Column<string>(maxLength: 16, nullable: false),
            ChatId = t.Column<string>(maxLength: 256, nullable: false),
            Language = t.Column<string>(maxLength: 8, nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MeldingFollowers", x => x.Id);
            t.ForeignKey("FK_MeldingFollowers_Meldingen_MeldingId", x => x.MeldingId, "Meldingen", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_MeldingFollowers_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_MeldingFollowers_MeldingId_MemberId", "MeldingFollowers", ["MeldingId", "MemberId"], unique: true);
        mb.CreateIndex("IX_MeldingFollowers_MemberId", "MeldingFollowers", "MemberId");

        mb.CreateTable("MeldingAttributes", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            MeldingId = t.Column<int>(nullable: false),
            Code = t.Column<string>(maxLength: 128, nullable: false),
            Value = t.Column<string>(maxLength: 1000, nullable: false),
            Question = t.Column<string>(maxLength: 500, nullable: false),
            Answer = t.Column<string>(maxLength: 1000, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MeldingAttributes", x => x.Id);
            t.ForeignKey("FK_MeldingAttributes_Meldingen_MeldingId", x => x.MeldingId, "Meldingen", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_MeldingAttributes_MeldingId", "MeldingAttributes", "MeldingId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("MeldingAttributes");
        mb.DropTable("MeldingFollowers");
    }
}
