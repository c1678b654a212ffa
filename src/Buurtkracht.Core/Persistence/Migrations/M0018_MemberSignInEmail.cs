using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>The e-mail address a coördinator enters for a member, so they can sign in to the dashboard with Microsoft.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000018_MemberSignInEmail")]
public sealed class M0018_MemberSignInEmail : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("SignInEmail", "Members", maxLength: 256, nullable: true);
        // Unique, so a sign-in matches one member at most; NULLs are distinct on SQLite and PostgreSQL.
        mb.CreateIndex("IX_Members_SignInEmail", "Members", "SignInEmail", unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropIndex("IX_Members_SignInEmail", "Members");
        mb.DropColumn("SignInEmail", "Members");
    }
}
