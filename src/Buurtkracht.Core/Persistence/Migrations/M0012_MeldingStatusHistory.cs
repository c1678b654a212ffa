using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// The status history of meldingen, so the digest can count a past period as it stood at that period's end instead of
/// with today's statuses. Counts only: no personal data.
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000012_MeldingStatusHistory")]
public sealed class M0012_MeldingStatusHistory : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("MeldingStatusChanges", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            MeldingId = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            At = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MeldingStatusChanges", x => x.Id);
            t.ForeignKey("FK_MeldingStatusChanges_Meldingen_MeldingId", x => x.MeldingId, "Meldingen", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_MeldingStatusChanges_MeldingId_At", "MeldingStatusChanges", ["MeldingId", "At"]);

        // The back-fill knows only two points of an existing melding: it was made 'Ontvangen' (every melding starts so)
        // at CreatedAt, and has its current status since UpdatedAt. UpdatedAt is the last time a status or a note was set,
        // so a change in between is lost and the last one may have come earlier than recorded: the history of these
        // meldingen is approximate, that of later ones exact.
        mb.Sql("""
            INSERT INTO "MeldingStatusChanges" ("MeldingId", "Status", "At")
                SELECT "Id", 'Ontvangen', "CreatedAt" FROM "Meldingen";
            INSERT INTO "MeldingStatusChanges" ("MeldingId", "Status", "At")
                SELECT "Id", "Status", "UpdatedAt" FROM "Meldingen" WHERE "Status" <> 'Ontvangen';
            """);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("MeldingStatusChanges");
}
