using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// "Bijplaatsing en grofvuil" was not plain Dutch: residents did not know "bijplaatsing". The seeded name becomes
/// "Vuilniszakken naast de container, grofvuil", only where nobody edited it since (the table is the truth).
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000032_PlainCategoryNames")]
public sealed class M0032_PlainCategoryNames : Migration
{
    private const string Old = "Bijplaatsing en grofvuil";
    private const string New = "Vuilniszakken naast de container, grofvuil";

    protected override void Up(MigrationBuilder mb) =>
        mb.Sql($"UPDATE \"MeldingCategories\" SET \"NameNl\" = '{New}' WHERE \"Code\" = 'grofvuil' AND \"NameNl\" = '{Old}';");

    protected override void Down(MigrationBuilder mb) =>
        mb.Sql($"UPDATE \"MeldingCategories\" SET \"NameNl\" = '{Old}' WHERE \"Code\" = 'grofvuil' AND \"NameNl\" = '{New}';");
}
