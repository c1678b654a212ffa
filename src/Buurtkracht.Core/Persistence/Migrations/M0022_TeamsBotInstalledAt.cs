using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Persistence.Migrations;

/// <summary>
/// When the bot was installed in a Teams conversation, so of the two activities Teams sends for one install only the
/// first greets. Existing rows start without it: their next install activity counts as an arrival.
/// </summary>
[DbContext(typeof(BuurtkrachtDb))]
[Migration("20261202000022_TeamsBotInstalledAt")]
public sealed class M0022_TeamsBotInstalledAt : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.AddColumn<long>("BotInstalledAt", "TeamsConversations", nullable: true);

    protected override void Down(MigrationBuilder mb) => mb.DropColumn("BotInstalledAt", "TeamsConversations");
}
