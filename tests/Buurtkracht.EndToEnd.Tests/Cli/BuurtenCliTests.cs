using System.Text.Json;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Groups;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Cli;

/// <summary>buurten list|approve|reject|merge on a real SQLite file: the coördinator's decisions on proposed buurten.</summary>
public sealed class BuurtenCliTests
{
    [Fact]
    public async Task Proposals_are_listed_rejected_or_merged_with_their_groups_told_and_every_decision_audited()
    {
        var bed = new CliTestBed();
        var seeded = await bed.SeedAsync();
        await using (var db = await bed.OpenDbAsync())
        {
            var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
            var molenwijk = new Buurt { Name = "Molenwijk", Status = BuurtStatus.Proposed, ProposedAt = at, SortOrder = 8, Streets = ["Molenweg"] };
            var oost = new Buurt { Name = "Oost", Status = BuurtStatus.Proposed, ProposedAt = at, SortOrder = 9, Streets = ["Oostkade"] };
            db.Buurten.AddRange(molenwijk, oost);
            (await db.StreetGroups.SingleAsync(g => g.Id == seeded.DamOost)).Buurt = molenwijk;
            (await db.StreetGroups.SingleAsync(g => g.Id == seeded.Nieuw)).Buurt = oost;
            await db.SaveChangesAsync();
        }

        var listed = await bed.RunAsync("buurten", "list", "--proposed", "--json");
        Assert.Equal(0, listed.ExitCode);
        var rows = JsonDocument.Parse(listed.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["Molenwijk", "Oost"], rows.Select(r => r.GetProperty("name").GetString()));
        Assert.All(rows, r => Assert.Equal(("proposed", 1), (r.GetProperty("status").GetString(), r.GetProperty("groups").GetInt32())));
        Assert.DoesNotContain(Buurt.DemoName, (await bed.RunAsync("buurten", "list")).Stdout);

        Assert.Contains("Rejected buurt", (await bed.RunAsync("buurten", "reject", "molenwijk")).Stdout);
        Assert.Contains("Merged buurt", (await bed.RunAsync("buurten", "merge", "Oost", "Souburgh")).Stdout);
        (await bed.RunAsync("buurten", "approve", "Souburgh")).AssertFailedWith("is not a proposal");
        (await bed.RunAsync("buurten", "approve", Buurt.DemoName)).AssertFailedWith("Unknown buurt");

        await using var check = await bed.OpenDbAsync();
        Assert.False(await check.Buurten.AnyAsync(b => b.Status == BuurtStatus.Proposed));
        var groups = await check.StreetGroups.Include(g => g.Buurt).OrderBy(g => g.Id).ToListAsync();
        Assert.Null(groups.Single(g => g.Id == seeded.DamOost).BuurtId);
        var nieuw = groups.Single(g => g.Id == seeded.Nieuw);
        Assert.Equal("Souburgh", nieuw.Buurt!.Name);
        Assert.Contains("Oostkade", nieuw.Buurt.Streets);
        // Each active group hears what became of its proposal.
        var told = await check.OutboxMessages.OrderBy(o => o.Id).Select(o => new { o.ChatId, o.PayloadJson }).ToListAsync();
        Assert.Contains(told, o => o.ChatId == "-100200300" && o.PayloadJson.Contains("niet goedgekeurd"));
        Assert.Contains(told, o => o.ChatId == "19:abc@thread.v2" && o.PayloadJson.Contains("Souburgh"));
        var audit = await check.Set<AuditEntry>().Where(a => a.Actor == "cli").Select(a => a.Action).ToListAsync();
        Assert.Equal([AuditActions.BuurtRejected, AuditActions.BuurtMerged], audit);
    }
}
