using System.Text.Json;
using Buurtkracht.Core.Broadcasts;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Cli;

/// <summary>broadcast send|cancel|list and audit list on a seeded database.</summary>
public sealed class BroadcastCliTests
{
    [Fact]
    public async Task Send_to_groups_now_queues_one_row_per_active_group_and_the_removed_group_counts_unreachable()
    {
        var bed = new CliTestBed();
        var seeded = await bed.SeedAsync();

        var sent = await bed.RunAsync("broadcast", "send", "--audience", $"groups:{seeded.DamOost},{seeded.Oud},{seeded.Nieuw}", "--text", "Buurtavond dinsdag!", "--json");

        Assert.True(sent.ExitCode == 0, sent.ToString());
        var row = JsonDocument.Parse(sent.Stdout).RootElement;
        Assert.Equal("sending", row.GetProperty("status").GetString());
        Assert.Equal(3, row.GetProperty("targets").GetInt32());
        await using var db = await bed.OpenDbAsync();
        var outbox = await db.OutboxMessages.OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(["-100200300", "19:abc@thread.v2"], outbox.Select(o => o.ChatId));
        Assert.Equal(1, await db.Set<BroadcastDelivery>().CountAsync(d => d.GroupId == seeded.Oud && d.OutboxMessageId == null));
    }

    [Fact]
    public async Task A_scheduled_broadcast_is_listed_cancelled_once_and_audited_with_the_role_changes()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();

        var scheduled = await bed.RunAsync("broadcast", "send", "--audience", "buurt:souburgh", "--text", "Kom naar de buurtavond", "--at", "2099-12-01 19:30");
        Assert.True(scheduled.ExitCode == 0, scheduled.ToString());
        Assert.Contains("Broadcast 1 scheduled for 2099-12-01 19:30", scheduled.Stdout);
        var list = (await bed.RunAsync("broadcast", "list")).Stdout;
        Assert.Contains("buurt:", list);
        Assert.Contains("Kom naar de buurtavond", list);

        Assert.Equal("Broadcast 1 cancelled.\n", (await bed.RunAsync("broadcast", "cancel", "1")).Stdout.ReplaceLineEndings("\n"));
        (await bed.RunAsync("broadcast", "cancel", "1")).AssertFailedWith("is cancelled");
        (await bed.RunAsync("broadcast", "send", "--audience", "buurt:Nergens", "--text", "Hallo")).AssertFailedWith("No buurt named 'Nergens'");
        (await bed.RunAsync("broadcast", "send", "--audience", "all", "--text", "Hallo", "--at", "2000-01-01 10:00")).AssertFailedWith("past");

        Assert.Equal(0, (await bed.RunAsync("roles", "grant", "--member", "teams:29:1AbC-xyz", "--role", "coordinator")).ExitCode);
        Assert.Equal(0, (await bed.RunAsync("roles", "grant", "--member", "teams:29:1AbC-xyz", "--role", "coordinator")).ExitCode);

        var audit = await bed.RunAsync("audit", "list", "--json");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        var entries = JsonDocument.Parse(audit.Stdout).RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("action").GetString(), e.GetProperty("subject").GetString())).ToList();
        // Newest first; the second grant changed nothing and is not recorded; no message text anywhere.
        Assert.Equal(
        [
            ("cli", "role-granted", "teams:29:1AbC-xyz role:coordinator"),
            ("cli", "broadcast-cancelled", "broadcast:1"),
            ("cli", "broadcast-scheduled", "broadcast"),
        ], entries);
        Assert.DoesNotContain("buurtavond", audit.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("role-granted", (await bed.RunAsync("audit", "list")).Stdout);
    }

    [Fact]
    public async Task Digest_preview_prints_the_figures_of_a_month_for_one_buurt_and_its_csv()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();

        var preview = await bed.RunAsync("digest", "preview", "--period", "2025-02", "--buurt", "souburgh");

        Assert.True(preview.ExitCode == 0, preview.ToString());
        Assert.StartsWith("📊 Buurtkracht-overzicht 2025-02 (verschil met 2025-01 tussen haakjes)", preview.Stdout);
        Assert.Contains("👥 Dam-Oost", preview.Stdout);
        Assert.Matches(@"(?m)^█+░* \u2007{4}2 Leden \(▲2\)$", preview.Stdout);
        Assert.Matches(@"(?m)^█+░* \u2007{4}1 Vertrokken \(▲1\)$", preview.Stdout);
        Assert.DoesNotContain("Centrum", preview.Stdout);
        Assert.DoesNotContain("Anna", preview.Stdout);

        var csv = await bed.RunAsync("digest", "preview", "--period", "2025-02", "--csv");
        var lines = csv.Stdout.Split('\n');
        Assert.StartsWith("\uFEFFPeriode;Buurt;Groep-id;Groep;Leden;Leden vorige periode;Nieuwe leden;Nieuwe leden vorige periode;", lines[0]);
        var souburgh = lines.Single(l => l.StartsWith("2025-02;Souburgh;;;", StringComparison.Ordinal)).Split(';');
        Assert.Equal(("3", "0"), (souburgh[6], souburgh[7]));
        (await bed.RunAsync("digest", "preview", "--period", "2025-02", "--buurt", "Nergens")).AssertFailedWith("No buurt named 'Nergens'");
        (await bed.RunAsync("digest", "preview", "--period", "februari")).AssertFailedWith("--period");
    }
}
