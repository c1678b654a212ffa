using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// What several instances on one database share besides the data: leases (one outbox dispatcher for the whole bot) and
/// the ASP.NET Core Data Protection keys (dashboard sessions and web chat cookies valid on every instance).
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000023_ScaleOut")]
public sealed class M0023_ScaleOut : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("Leases", t => new
        {
            Name = t.Column<string>(maxLength: 64, nullable: false),
            Holder = t.Column<string>(maxLength: 128, nullable: false),
            ExpiresAt = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Leases", x => x.Name));

        mb.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            FriendlyName = t.Column<string>(maxLength: 256, nullable: true),
            Xml = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("DataProtectionKeys");
        mb.DropTable("Leases");
    }
}
