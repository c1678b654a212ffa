using System.Text.Json;
using Buurtkracht.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Cli;

public sealed class RolesCliTests
{
    [Fact]
    public async Task Granting_a_moderator_role_stores_one_row_by_cli_and_granting_again_changes_nothing()
    {
        var bed = new CliTestBed();
        var ids = await bed.SeedAsync();
        string[] grant = ["roles", "grant", "--member", "TELEGRAM:1002", "--role", "Moderator", "--group", ids.DamOost.ToString()];

        var first = await bed.RunAsync(grant);
        var second = await bed.RunAsync(grant);
        var again = await bed.RunAsync([.. grant, "--json"]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal($"Granted moderator of group {ids.DamOost} 'Dam-Oost' to telegram:1002 (Bram).", first.Stdout.Trim());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("already has moderator", second.Stdout);
        Assert.Contains("nothing changed", second.Stdout);
        using var json = JsonDocument.Parse(again.Stdout);
        Assert.False(json.RootElement.GetProperty("changed").GetBoolean());
        Assert.Equal("moderator", json.RootElement.GetProperty("role").GetString());
        Assert.Equal("telegram:1002", json.RootElement.GetProperty("member").GetProperty("reference").GetString());

        await using var db = await bed.OpenDbAsync();
        var row = await db.RoleAssignments.Include(r => r.Member).SingleAsync(r => r.Member!.ChannelUserId == "1002");
        Assert.Equal((Role.Moderator, ids.DamOost, "cli"), (row.Role, row.GroupId, row.GrantedBy));
        Assert.True(row.GrantedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Grants_of_the_same_global_role_at_once_leave_one_row_one_audit_entry_and_no_error()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();
        string[] grant = ["roles", "grant", "--member", "telegram:1002", "--role", "coordinator"];

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => bed.RunAsync(grant))));

        Assert.All(results, r => Assert.True(r.ExitCode == 0 && r.Stderr.Length == 0, r.ToString()));
        Assert.Single(results, r => r.Stdout.Trim() == "Granted coordinator to telegram:1002 (Bram).");
        Assert.Equal(3, results.Count(r => r.Stdout.Trim() == "telegram:1002 (Bram) already has coordinator; nothing changed."));
        await using var db = await bed.OpenDbAsync();
        Assert.Equal(1, await db.RoleAssignments.CountAsync(r => r.Role == Role.Coordinator));
        Assert.Equal(1, await db.Set<Buurtkracht.Core.Audit.AuditEntry>().CountAsync(a => a.Action == "role-granted"));
    }

    [Fact]
    public async Task Global_roles_are_granted_listed_and_revoked_and_revoking_twice_changes_nothing()
    {
        var bed = new CliTestBed();
        var ids = await bed.SeedAsync();

        Assert.Equal(0, (await bed.RunAsync("roles", "grant", "--member", "teams:29:1AbC-xyz", "--role", "coordinator")).ExitCode);
        Assert.Equal(0, (await bed.RunAsync("roles", "grant", "--member", "telegram:1001", "--role", "admin")).ExitCode);

        var all = await bed.RunAsync("roles", "list", "--json");
        using (var json = JsonDocument.Parse(all.Stdout))
        {
            var rows = json.RootElement.EnumerateArray()
                .Select(r => (r.GetProperty("role").GetString(), r.GetProperty("member").GetProperty("reference").GetString(), r.GetProperty("grantedBy").GetString()))
                .ToList();
            Assert.Equal(
                [("moderator", "telegram:1001", "telegram-admin"), ("coordinator", "teams:29:1AbC-xyz", "cli"), ("admin", "telegram:1001", "cli")],
                rows);
        }
        var coordinators = await bed.RunAsync("roles", "list", "--role", "coordinator");
        Assert.Contains("teams:29:1AbC-xyz", coordinators.Stdout);
        Assert.Contains("Dewi", coordinators.Stdout);
        Assert.DoesNotContain("Anna", coordinators.Stdout);
        var moderators = await bed.RunAsync("roles", "list", "--role", "moderator");
        Assert.Contains($"{ids.DamOost} Dam-Oost", moderators.Stdout);

        var revoke = await bed.RunAsync("roles", "revoke", "--member", "teams:29:1AbC-xyz", "--role", "coordinator", "--json");
        var revokeAgain = await bed.RunAsync("roles", "revoke", "--member", "teams:29:1AbC-xyz", "--role", "coordinator");

        using (var json = JsonDocument.Parse(revoke.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("changed").GetBoolean());
            Assert.Equal("revoke", json.RootElement.GetProperty("action").GetString());
        }
        Assert.True(revokeAgain.ExitCode == 0, revokeAgain.ToString());
        Assert.Contains("does not have coordinator; nothing changed", revokeAgain.Stdout);
        await using var db = await bed.OpenDbAsync();
        Assert.Equal([Role.Moderator, Role.Admin], await db.RoleAssignments.OrderBy(r => r.Id).Select(r => r.Role).ToListAsync());
    }

    [Fact]
    public async Task Granting_to_an_unknown_member_fails_with_a_clear_message()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();

        var result = await bed.RunAsync("roles", "grant", "--member", "webchat:nobody", "--role", "admin", "--json");

        result.AssertFailedWith("No member webchat:nobody", "written to the bot");
    }

    [Fact]
    public async Task Granting_a_moderator_role_of_an_unknown_group_fails()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();

        var result = await bed.RunAsync("roles", "grant", "--member", "telegram:1002", "--role", "moderator", "--group", "999");

        result.AssertFailedWith("No street group with id 999");
    }

    [Theory]
    [InlineData("moderator", null, "add --group")]
    [InlineData("coordinator", "1", "coordinator role is global")]
    [InlineData("admin", "1", "admin role is global")]
    [InlineData("boss", null, "'boss' not recognized")]
    public async Task Role_and_group_must_fit_together(string role, string? group, string expected)
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();
        string[] args = ["roles", "grant", "--member", "telegram:1002", "--role", role];
        if (group is not null) args = [.. args, "--group", group];

        var result = await bed.RunAsync(args);

        result.AssertFailedWith(expected, "roles grant --help");
        await using var db = await bed.OpenDbAsync();
        Assert.Equal(1, await db.RoleAssignments.CountAsync());
    }

    [Theory]
    [InlineData("1002", "not a member reference")]
    [InlineData("signal:1002", "Unknown channel 'signal'")]
    [InlineData("telegram:", "not a member reference")]
    public async Task A_malformed_member_reference_is_refused(string member, string expected)
    {
        var bed = new CliTestBed();

        var result = await bed.RunAsync("roles", "revoke", "--member", member, "--role", "admin");

        result.AssertFailedWith(expected);
    }

    [Fact]
    public async Task Members_list_shows_each_member_with_language_and_roles()
    {
        var bed = new CliTestBed();
        var ids = await bed.SeedAsync();
        await bed.RunAsync("roles", "grant", "--member", "telegram:1001", "--role", "admin");

        var table = await bed.RunAsync("members", "list");
        var json = await bed.RunAsync("members", "list", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        // The reference the other verbs take, and the groups each member is in now (Cor left Dam-Oost).
        Assert.Matches($@"telegram:1001\s+Anna de Vries\s+nl\s+{ids.DamOost} Dam-Oost\s+moderator \(group {ids.DamOost}\), admin", table.Stdout);
        Assert.Matches($@"telegram:1002\s+Bram\s+en\s+{ids.DamOost} Dam-Oost, {ids.Oud} Oude groep\s+-", table.Stdout);
        using var doc = JsonDocument.Parse(json.Stdout);
        var members = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, members.Count);
        var dewi = members.Single(m => m.GetProperty("channel").GetString() == "teams");
        Assert.Equal("29:1AbC-xyz", dewi.GetProperty("userId").GetString());
        Assert.Equal(["Nieuwe straat"], dewi.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("title").GetString()));
        var anna = members.Single(m => m.GetProperty("userId").GetString() == "1001");
        Assert.Equal(
            [("moderator", (int?)ids.DamOost), ("admin", null)],
            anna.GetProperty("roles").EnumerateArray().Select(r => (r.GetProperty("role").GetString(), r.GetProperty("groupId").ValueKind == JsonValueKind.Null ? (int?)null : r.GetProperty("groupId").GetInt32())));
    }
}
