using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// Safe by default: buurten get a status (a name typed in /koppel is a proposal until a coördinator approves it) and a
/// demo flag (the web chat's own buurt, seeded by ReferenceData), meldingen a demo flag. What the web chat could do
/// before is undone: its visitors lose every role, its groups their link to a real buurt, and buurten that were added
/// with "andere buurt" (not one of the seeded names) become proposals for a coördinator to approve.
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000014_RolesAndAccess")]
public sealed class M0014_RolesAndAccess : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        // Defaults (also in the model) so existing rows get a value: every buurt so far is approved, nothing a demo.
        mb.AddColumn<string>("Status", "Buurten", maxLength: 16, nullable: false, defaultValue: "Approved");
        mb.AddColumn<long>("ProposedAt", "Buurten", nullable: true);
        mb.AddColumn<bool>("IsDemo", "Buurten", nullable: false, defaultValue: false);
        mb.AddColumn<bool>("IsDemo", "Meldingen", nullable: false, defaultValue: false);

        var seeded = string.Join(", ", ReferenceData.Buurten.Select(name => $"'{name.Replace("'", "''")}'"));
        mb.Sql($"""
            UPDATE "Buurten" SET "Status" = 'Proposed' WHERE "Name" NOT IN ({seeded});
            UPDATE "Meldingen" SET "IsDemo" = TRUE WHERE "Channel" = 'WebChat';
            DELETE FROM "RoleAssignments" WHERE "MemberId" IN (SELECT "Id" FROM "Members" WHERE "Channel" = 'WebChat');
            UPDATE "StreetGroups" SET "BuurtId" = NULL WHERE "Channel" = 'WebChat';
            """);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropColumn("IsDemo", "Meldingen");
        mb.DropColumn("IsDemo", "Buurten");
        mb.DropColumn("ProposedAt", "Buurten");
        mb.DropColumn("Status", "Buurten");
    }
}
