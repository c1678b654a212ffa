using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>Buurten, street groups, members, memberships and roles.</summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261122000001_Foundation")]
public sealed class M0001_Foundation : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("Buurten", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            Name = t.Column<string>(maxLength: 128, nullable: false),
            Streets = t.Column<string>(nullable: false),
            SortOrder = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Buurten", x => x.Id));
        mb.CreateIndex("IX_Buurten_Name", "Buurten", "Name", unique: true);

        mb.CreateTable("Members", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            Channel = t.Column<string>(maxLength: 16, nullable: false),
            ChannelUserId = t.Column<string>(maxLength: 128, nullable: false),
            DisplayName = t.Column<string>(maxLength: 256, nullable: false),
            Language = t.Column<string>(maxLength: 8, nullable: false),
            PrivateChatId = t.Column<string>(maxLength: 256, nullable: true),
            PrivateChatUnreachable = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Members", x => x.Id));
        mb.CreateIndex("IX_Members_Channel_ChannelUserId", "Members", ["Channel", "ChannelUserId"], unique: true);

        mb.CreateTable("StreetGroups", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            Channel = t.Column<string>(maxLength: 16, nullable: false),
            ChatId = t.Column<string>(maxLength: 256, nullable: false),
            Title = t.Column<string>(maxLength: 256, nullable: false),
            BuurtId = t.Column<int>(nullable: true),
            Streets = t.Column<string>(nullable: false),
            IsActive = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<long>(nullable: false),
            LinkedAt = t.Column<long>(nullable: true),
            DeactivatedAt = t.Column<long>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_StreetGroups", x => x.Id);
            t.ForeignKey("FK_StreetGroups_Buurten_BuurtId", x => x.BuurtId, "Buurten", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_StreetGroups_Channel_ChatId", "StreetGroups", ["Channel", "ChatId"], unique: true);
        mb.CreateIndex("IX_StreetGroups_BuurtId", "StreetGroups", "BuurtId");

        mb.CreateTable("GroupMemberships", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            GroupId = t.Column<int>(nullable: false),
            MemberId = t.Column<int>(nullable: false),
            JoinedAt = t.Column<long>(nullable: false),
            LeftAt = t.Column<long>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_GroupMemberships", x => x.Id);
            t.ForeignKey("FK_GroupMemberships_StreetGroups_GroupId", x => x.GroupId, "StreetGroups", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_GroupMemberships_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_GroupMemberships_GroupId_MemberId_LeftAt", "GroupMemberships", ["GroupId", "MemberId", "LeftAt"]);
        mb.CreateIndex("IX_GroupMemberships_MemberId", "GroupMemberships", "MemberId");

        mb.CreateTable("RoleAssignments", t => new
        {
            Id = t.Column<int>(nullable: false).AutoIncrement(),
            MemberId = t.Column<int>(nullable: false),
            Role = t.Column<string>(maxLength: 16, nullable: false),
            GroupId = t.Column<int>(nullable: true),
            GrantedAt = t.Column<long>(nullable: false),
            GrantedBy = t.Column<string>(maxLength: 128, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RoleAssignments", x => x.Id);
            t.ForeignKey("FK_RoleAssignments_Members_MemberId", x => x.MemberId, "Members", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_RoleAssignments_StreetGroups_GroupId", x => x.GroupId, "StreetGroups", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_RoleAssignments_MemberId_Role_GroupId", "RoleAssignments", ["MemberId", "Role", "GroupId"]);
        mb.CreateIndex("IX_RoleAssignments_GroupId", "RoleAssignments", "GroupId");
    }
}
