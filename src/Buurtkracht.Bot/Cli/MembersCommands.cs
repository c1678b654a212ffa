using System.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Cli;

internal static class MembersCommands
{
    public static Command Build(CliContext context)
    {
        var list = new Command("list", "List the members known to the bot (everyone who wrote to it) with their groups, language and roles.");
        list.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var members = await session.Db.Members.AsNoTracking().Include(m => m.Roles).OrderBy(m => m.Id).ToListAsync(ct);
            // The groups a member is in now (not those they left), by id and title, as 'groups list' shows them.
            var groups = (await session.Db.GroupMemberships.AsNoTracking()
                    .Where(g => g.LeftAt == null)
                    .Select(g => new { g.MemberId, g.GroupId, Title = g.Group!.Title })
                    .ToListAsync(ct))
                .ToLookup(g => g.MemberId, g => new MemberGroup(g.GroupId, g.Title));
            var rows = members.Select(m => new MemberRow(
                m.Id, MemberReference.Of(m), MemberReference.ChannelName(m.Channel), m.ChannelUserId, m.DisplayName, m.Language,
                m.Roles.OrderBy(r => r.Role).ThenBy(r => r.GroupId).Select(r => new MemberRole(RolesCommands.Name(r.Role), r.GroupId)).ToList(),
                groups[m.Id].OrderBy(g => g.Id).ToList())).ToList();

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json))
                CliOutput.WriteJson(output, rows);
            else
                CliOutput.WriteTable(output, ["ID", "MEMBER", "NAME", "LANGUAGE", "GROUPS", "ROLES"],
                    rows.Select(m => new[]
                    {
                        m.Id.ToString(), m.Reference, m.DisplayName, m.Language,
                        m.Groups.Count > 0 ? string.Join(", ", m.Groups.Select(g => $"{g.Id} {g.Title}")) : "-",
                        m.Roles.Count > 0 ? string.Join(", ", m.Roles.Select(r => r.GroupId is { } id ? $"{r.Role} (group {id})" : r.Role)) : "-",
                    }).ToList(),
                    "No members yet: a member is known once they have written to the bot.");
            return 0;
        });
        return new Command("members", "People known to the bot, per channel.") { list };
    }

    internal sealed record MemberRole(string Role, int? GroupId);

    internal sealed record MemberGroup(int Id, string Title);

    internal sealed record MemberRow(
        int Id, string Reference, string Channel, string UserId, string DisplayName, string Language, IReadOnlyList<MemberRole> Roles,
        IReadOnlyList<MemberGroup> Groups);
}
