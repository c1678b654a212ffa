using System.CommandLine;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Cli;

internal static class RolesCommands
{
    private static readonly string[] RoleNames = Enum.GetValues<Role>().Select(Name).ToArray();

    public static Command Build(CliContext context) =>
        new("roles", "Roles on top of resident: moderator of one street group, coordinator (SWA) or admin (global).")
        {
            Change(context, grant: true),
            Change(context, grant: false),
            List(context),
        };

    public static string Name(Role role) => role.ToString().ToLowerInvariant();

    private static Command Change(CliContext context, bool grant)
    {
        var member = MemberReference.RequiredOption();
        var role = RoleOption(required: true);
        var group = new Option<int?>("--group")
        {
            Description = "The street group id (see 'groups list'); required for moderator, not allowed for coordinator and admin.",
            HelpName = "groupId",
        };
        var command = new Command(
            grant ? "grant" : "revoke",
            grant
                ? "Give a member a role. Granting a role the member already has changes nothing."
                : "Take a role away from a member. Revoking a role the member does not have changes nothing.")
        {
            member, role, group,
        };
        // Usage mistakes are parse errors, reported before the database is opened.
        command.Validators.Add(result =>
        {
            if (Parse(result.GetValue(role)) is not { } chosen) return;
            var hasGroup = result.GetValue(group) is not null;
            if (chosen == Role.Moderator && !hasGroup)
                result.AddError("The moderator role belongs to one street group: add --group <groupId> (see 'groups list').");
            else if (chosen != Role.Moderator && hasGroup)
                result.AddError($"The {Name(chosen)} role is global: leave out --group.");
        });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var change = await ApplyAsync(session, grant, parse.GetRequiredValue(member), Parse(parse.GetValue(role))!.Value, parse.GetValue(group), ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, change);
            else output.WriteLine(Describe(change));
            return 0;
        });
        return command;
    }

    internal sealed record MemberInfo(int Id, string Reference, string Channel, string UserId, string DisplayName)
    {
        public static MemberInfo Of(Member m) => new(m.Id, MemberReference.Of(m), MemberReference.ChannelName(m.Channel), m.ChannelUserId, m.DisplayName);
    }

    internal sealed record RoleChange(string Action, bool Changed, MemberInfo Member, string Role, int? GroupId, string? GroupTitle);

    private static async Task<RoleChange> ApplyAsync(
        CliDatabase session, bool grant, MemberReference reference, Role role, int? groupId, CancellationToken ct)
    {
        var db = session.Db;
        var member = await reference.FindAsync(db.Members.AsNoTracking(), ct);
        StreetGroup? group = null;
        if (groupId is { } id)
            group = await db.StreetGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct)
                ?? throw new CliException($"No street group with id {id}; see 'groups list --inactive'.");

        bool changed;
        if (grant)
        {
            // Idempotent also when another grant races this one: RoleGrants catches the unique index and says "already had it".
            if (!RoleGrants.CanHoldRoles(member))
                throw new CliException($"{MemberReference.Of(member)} is a web chat visitor: the web chat has no accounts, so it can never hold a role.");
            changed = await RoleGrants.GrantAsync(db, member, role, group, session.Clock.GetUtcNow(), "cli", "cli", null, ct);
        }
        else
        {
            changed = await RoleGrants.RevokeAsync(db, member, role, groupId, session.Clock.GetUtcNow(), "cli", ct);
        }
        return new RoleChange(grant ? "grant" : "revoke", changed, MemberInfo.Of(member), Name(role), groupId, group?.Title);
    }

    private static string Describe(RoleChange change)
    {
        var who = change.Member.DisplayName.Length > 0 ? $"{change.Member.Reference} ({change.Member.DisplayName})" : change.Member.Reference;
        var what = change.GroupId is { } id ? $"{change.Role} of group {id} '{change.GroupTitle}'" : change.Role;
        return (change.Action, change.Changed) switch
        {
            ("grant", true) => $"Granted {what} to {who}.",
            ("grant", false) => $"{who} already has {what}; nothing changed.",
            (_, true) => $"Revoked {what} from {who}.",
            _ => $"{who} does not have {what}; nothing changed.",
        };
    }

    internal sealed record RoleRow(
        MemberInfo Member, string Role, int? GroupId, string? GroupTitle, DateTimeOffset? GrantedAt, string GrantedBy);

    private static Command List(CliContext context)
    {
        var role = RoleOption(required: false);
        var command = new Command("list", "List who has which role, with the group for moderators and when and by whom it was granted.") { role };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var filter = Parse(parse.GetValue(role));
            var assignments = await session.Db.RoleAssignments.AsNoTracking().Include(r => r.Member).Include(r => r.Group)
                .Where(r => filter == null || r.Role == filter)
                .ToListAsync(ct);
            var rows = assignments.OrderBy(r => r.Role).ThenBy(r => r.GroupId).ThenBy(r => r.MemberId)
                .Select(r => new RoleRow(MemberInfo.Of(r.Member!), Name(r.Role), r.GroupId, r.Group?.Title, CliOutput.Local(r.GrantedAt), r.GrantedBy))
                .ToList();

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json))
                CliOutput.WriteJson(output, rows);
            else
                CliOutput.WriteTable(output, ["ROLE", "GROUP", "MEMBER ID", "MEMBER", "NAME", "GRANTED AT", "GRANTED BY"],
                    rows.Select(r => new[]
                    {
                        r.Role, r.GroupId is { } id ? $"{id} {r.GroupTitle}" : "-", r.Member.Id.ToString(), r.Member.Reference,
                        r.Member.DisplayName, CliOutput.LocalText(r.GrantedAt), r.GrantedBy,
                    }).ToList(),
                    "No roles granted.");
            return 0;
        });
        return command;
    }

    private static Option<string?> RoleOption(bool required)
    {
        var option = new Option<string?>("--role")
        {
            Description = required ? "The role: moderator, coordinator or admin." : "Only this role: moderator, coordinator or admin.",
            HelpName = string.Join('|', RoleNames),
            Required = required,
        };
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, RoleNames);
        return option;
    }

    private static Role? Parse(string? name) =>
        name is not null && RoleNames.Contains(name, StringComparer.OrdinalIgnoreCase) ? Enum.Parse<Role>(name, ignoreCase: true) : null;
}
