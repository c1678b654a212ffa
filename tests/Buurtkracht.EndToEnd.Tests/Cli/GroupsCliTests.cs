using System.Text.Json;

namespace Buurtkracht.EndToEnd.Tests.Cli;

public sealed class GroupsCliTests
{
    [Fact]
    public async Task Groups_list_prints_an_aligned_table_of_active_groups_with_current_counts()
    {
        var bed = new CliTestBed();
        var ids = await bed.SeedAsync();

        var result = await bed.RunAsync("groups", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        var lines = result.Stdout.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ID", lines[0]);
        var damOost = lines.Single(l => l.Contains("Dam-Oost"));
        // Cor left, so two current members; one moderator; 13:05 UTC in March is 14:05 in Amsterdam.
        Assert.Matches($@"^{ids.DamOost}\s+telegram\s+-100200300\s+Dam-Oost\s+Souburgh\s+Dam, Kerkstraat\s+yes\s+2\s+1\s+2025-03-01 14:05$", damOost);
        Assert.Matches($@"^{ids.Nieuw}\s+teams\s+19:abc@thread.v2\s+Nieuwe straat\s+-\s+-\s+yes\s+1\s+0\s+-$", lines.Single(l => l.Contains("Nieuwe straat")));
        Assert.DoesNotContain("Oude groep", result.Stdout);
        // Aligned: every column starts at the same place on every line.
        foreach (var header in new[] { "CHANNEL", "TITLE", "LINKED AT" })
            Assert.All(lines.Skip(1), line => Assert.NotEqual(' ', line[lines[0].IndexOf(header, StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task Groups_list_json_carries_every_field_and_local_link_time()
    {
        var bed = new CliTestBed();
        var ids = await bed.SeedAsync();

        var result = await bed.RunAsync("groups", "list", "--inactive", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var groups = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([ids.DamOost, ids.Oud, ids.Nieuw], groups.Select(g => g.GetProperty("id").GetInt32()));

        var damOost = groups[0];
        Assert.Equal("telegram", damOost.GetProperty("channel").GetString());
        Assert.Equal("-100200300", damOost.GetProperty("chatId").GetString());
        Assert.Equal("Dam-Oost", damOost.GetProperty("title").GetString());
        Assert.Equal("Souburgh", damOost.GetProperty("buurt").GetString());
        Assert.Equal(["Dam", "Kerkstraat"], damOost.GetProperty("streets").EnumerateArray().Select(s => s.GetString()));
        Assert.True(damOost.GetProperty("active").GetBoolean());
        Assert.Equal(2, damOost.GetProperty("members").GetInt32());
        Assert.Equal(1, damOost.GetProperty("moderators").GetInt32());
        Assert.Equal("2025-03-01T14:05:00+01:00", damOost.GetProperty("linkedAt").GetString());

        var oud = groups[1];
        Assert.False(oud.GetProperty("active").GetBoolean());
        Assert.Equal("2025-07-01T12:00:00+02:00", oud.GetProperty("linkedAt").GetString());
        Assert.Equal(JsonValueKind.Null, groups[2].GetProperty("linkedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, groups[2].GetProperty("buurt").ValueKind);
    }

    [Fact]
    public async Task Groups_list_filters_by_buurt_case_insensitively()
    {
        var bed = new CliTestBed();
        var ids = await bed.SeedAsync();

        var centrumActive = await bed.RunAsync("groups", "list", "--buurt", "centrum", "--json");
        var centrumAll = await bed.RunAsync("groups", "list", "--buurt", "CENTRUM", "--inactive", "--json");

        Assert.Equal("[]", centrumActive.Stdout.Trim());
        using var json = JsonDocument.Parse(centrumAll.Stdout);
        Assert.Equal(ids.Oud, Assert.Single(json.RootElement.EnumerateArray()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Groups_list_with_an_unknown_buurt_fails_and_names_the_known_ones()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();

        var result = await bed.RunAsync("groups", "list", "--buurt", "Atlantis", "--json");

        result.AssertFailedWith("Unknown buurt 'Atlantis'", "Souburgh");
    }

    [Fact]
    public async Task Groups_list_works_on_a_fresh_database()
    {
        var bed = new CliTestBed();
        // What the service leaves after its first start: migrated and seeded, no groups yet.
        await (await bed.OpenDbAsync()).DisposeAsync();

        var result = await bed.RunAsync("groups", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("No street groups found.", result.Stdout.Trim());
    }
}
