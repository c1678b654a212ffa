using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// The BAG address of a melding (postcode, woonplaats, Locatieserver id) and the "adres nog controleren" mark for an
/// address kept as typed while the geocoder was unreachable. Existing meldingen were placed on a street list, not the
/// BAG: they keep their address and get no mark.
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000026_MeldingAddresses")]
public sealed class M0026_MeldingAddresses : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("Postcode", "Meldingen", maxLength: 8, nullable: true);
        mb.AddColumn<string>("Town", "Meldingen", maxLength: 80, nullable: true);
        mb.AddColumn<string>("BagId", "Meldingen", maxLength: 64, nullable: true);
        mb.AddColumn<bool>("AddressToCheck", "Meldingen", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropColumn("AddressToCheck", "Meldingen");
        mb.DropColumn("BagId", "Meldingen");
        mb.DropColumn("Town", "Meldingen");
        mb.DropColumn("Postcode", "Meldingen");
    }
}
