using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// A role once per member (and group): duplicates left by concurrent grants are removed, keeping the oldest row, then two
/// filtered unique indexes make it so. One index over (MemberId, Role, GroupId) would not do: SQLite and PostgreSQL both
/// treat NULLs as distinct in a unique index, and global roles have no group.
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000011_UniqueRoles")]
public sealed class M0011_UniqueRoles : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        // Ids grow with every insert, so the lowest Id of a (member, role, group) is the oldest grant. GROUP BY puts NULL
        // groups together on both providers, so duplicate global roles are caught too.
        mb.Sql("""
            DELETE FROM "RoleAssignments" WHERE "Id" NOT IN
                (SELECT MIN("Id") FROM "RoleAssignments" GROUP BY "MemberId", "Role", "GroupId");
            """);
        mb.DropIndex("IX_RoleAssignments_MemberId_Role_GroupId", "RoleAssignments");
        mb.CreateIndex("IX_RoleAssignments_MemberId_Role_GroupId", "RoleAssignments", ["MemberId", "Role", "GroupId"],
            unique: true, filter: "\"GroupId\" IS NOT NULL");
        mb.CreateIndex("IX_RoleAssignments_MemberId_Role", "RoleAssignments", ["MemberId", "Role"],
            unique: true, filter: "\"GroupId\" IS NULL");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropIndex("IX_RoleAssignments_MemberId_Role", "RoleAssignments");
        mb.DropIndex("IX_RoleAssignments_MemberId_Role_GroupId", "RoleAssignments");
        mb.CreateIndex("IX_RoleAssignments_MemberId_Role_GroupId", "RoleAssignments", ["MemberId", "Role", "GroupId"]);
    }
}
