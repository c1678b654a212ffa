using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// Hashes of what was last pushed to a platform (<see cref="SyncMark"/>): the role holders' Telegram command menus are
/// re-sent at start only when the commands changed since.
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000036_SyncMarks")]
public sealed class M0036_SyncMarks : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.CreateTable("SyncMarks", t => new
        {
            Name = t.Column<string>(maxLength: 64, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            SyncedAt = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SyncMarks", x => x.Name));

    protected override void Down(MigrationBuilder mb) => mb.DropTable("SyncMarks");
}
