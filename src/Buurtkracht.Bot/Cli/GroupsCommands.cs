using System.CommandLine;
using Buurtkracht.Core.Groups;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Cli;

internal static class GroupsCommands
{
    public static Command Build(CliContext context)
    {
        var buurt = new Option<string?>("--buurt")
        {
            Description = "Only groups linked to this buurt (name, case-insensitive).",
            HelpName = "name",
        };
        var inactive = new Option<bool>("--inactive")
        {
            Description = "Also list groups the bot was removed from or can no longer deliver to.",
        };
        var list = new Command("list", "List the street groups with their buurt, streets, current member and moderator counts and when they were linked (Europe/Amsterdam time).")
        {
            buurt, inactive,
        };
        list.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var rows = await ListAsync(session.Db, session.Clock.GetUtcNow(), parse.GetValue(buurt), parse.GetValue(inactive), ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, rows);
            else WriteTable(output, rows);
            return 0;
        });

        return new Command("groups", "Street groups (straatgroepen) the bot is in.") { list };
    }

    internal sealed record GroupRow(
        int Id, string Channel, string ChatId, string Title, string? Buurt, IReadOnlyList<string> Streets, bool Active,
        int Members, int Moderators, DateTimeOffset? LinkedAt);

    private static async Task<List<GroupRow>> ListAsync(Core.Persistence.BuurtkrachtDb db, DateTimeOffset now, string? buurtName, bool includeInactive, CancellationToken ct)
    {
        int? buurtId = null;
        if (buurtName is not null)
        {
            // Few buurten, and SQLite compares case-sensitively: match in memory.
            var buurten = await db.Buurten.AsNoTracking().Where(b => !b.IsDemo).OrderBy(b => b.SortOrder).ToListAsync(ct);
            buurtId = buurten.FirstOrDefault(b => string.Equals(b.Name, buurtName.Trim(), StringComparison.OrdinalIgnoreCase))?.Id
                ?? throw new CliException($"Unknown buurt '{buurtName}'. Known buurten: {string.Join(", ", buurten.Select(b => b.Name))}.");
        }

        var groups = await GroupOverview.ListAsync(db, now, buurtId: buurtId, includeInactive: includeInactive, ct: ct);
        return groups.Select(g => new GroupRow(
            g.Id, MemberReference.ChannelName(g.Channel), g.ChatId, g.Title, g.Buurt, g.Streets, g.IsActive,
            g.Members, g.Moderators.Count, CliOutput.Local(g.LinkedAt))).ToList();
    }

    private static void WriteTable(TextWriter output, List<GroupRow> rows) =>
        CliOutput.WriteTable(output,
            ["ID", "CHANNEL", "CHAT ID", "TITLE", "BUURT", "STREETS", "ACTIVE", "MEMBERS", "MODERATORS", "LINKED AT"],
            rows.Select(g => new[]
            {
                g.Id.ToString(), g.Channel, g.ChatId, g.Title, g.Buurt ?? "-", g.Streets.Count > 0 ? string.Join(", ", g.Streets) : "-",
                g.Active ? "yes" : "no", g.Members.ToString(), g.Moderators.ToString(), CliOutput.LocalText(g.LinkedAt),
            }).ToList(),
            "No street groups found.");
}
