using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>"Is het opgelost?" per resident and melding, and the link of a reopened melding to the one it reopens.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000028_MeldingFeedback")]
public sealed class M0028_MeldingFeedback : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("MeldingFeedback", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            MeldingId = t.Column<int>(nullable: false),
            MemberId = t.Column<int>(nullable: true),
            Channel = t.Column<string>(maxLength: 16, nullable: false),
            ChatId = t.Column<string>(maxLength: 256, nullable: false),
            AskedAt = t.Column<long>(nullable: false),
            ClosesAt = t.Column<long>(nullable: false),
            Answer = t.Column<string>(maxLength: 16, nullable: true),
            AnsweredAt = t.Column<long>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MeldingFeedback", x => x.Id);
            t.ForeignKey("FK_MeldingFeedback_Meldingen_MeldingId", x => x.MeldingId, "Meldingen", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_MeldingFeedback_MeldingId_Channel_ChatId", "MeldingFeedback", ["MeldingId", "Channel", "ChatId"], unique: true);

        mb.AddColumn<int>("ReopenedFromId", "Meldingen", nullable: true);
        mb.CreateIndex("IX_Meldingen_ReopenedFromId", "Meldingen", "ReopenedFromId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropIndex("IX_Meldingen_ReopenedFromId", "Meldingen");
        mb.DropColumn("ReopenedFromId", "Meldingen");
        mb.DropTable("MeldingFeedback");
    }
}
