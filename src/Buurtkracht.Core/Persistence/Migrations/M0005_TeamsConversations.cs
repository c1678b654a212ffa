using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>Teams conversation and user references: serviceUrl and tenant per conversation, for proactive messages.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000005_TeamsConversations")]
public sealed class M0005_TeamsConversations : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("TeamsConversations", t => new
        {
            ConversationId = t.Column<string>(maxLength: 256, nullable: false),
            ServiceUrl = t.Column<string>(maxLength: 512, nullable: false),
            TenantId = t.Column<string>(maxLength: 64, nullable: true),
            ConversationType = t.Column<string>(maxLength: 16, nullable: false),
            TeamId = t.Column<string>(maxLength: 256, nullable: true),
            InstalledByUserId = t.Column<string>(maxLength: 128, nullable: true),
            UpdatedAt = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_TeamsConversations", x => x.ConversationId));
        mb.CreateIndex("IX_TeamsConversations_TeamId", "TeamsConversations", "TeamId");

        mb.CreateTable("TeamsUsers", t => new
        {
            UserId = t.Column<string>(maxLength: 128, nullable: false),
            ServiceUrl = t.Column<string>(maxLength: 512, nullable: false),
            TenantId = t.Column<string>(maxLength: 64, nullable: true),
            PersonalConversationId = t.Column<string>(maxLength: 256, nullable: true),
            UpdatedAt = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_TeamsUsers", x => x.UserId));
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("TeamsUsers");
        mb.DropTable("TeamsConversations");
    }
}
