using System.Text.Json;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Cli;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Events;

public sealed class EventsCliTests
{
    private static string ExampleFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "uitvoeringsplan-2027.example.yaml");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("docs/uitvoeringsplan-2027.example.yaml");
    }

    [Fact]
    public async Task An_activity_added_in_the_quiet_hours_says_when_the_announcement_will_come()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();
        // The CLI runs on the system clock: quiet hours that cover (nearly) the whole day make "now" quiet.
        var quiet = new Dictionary<string, string?> { ["Events:QuietHoursStart"] = "00:00", ["Events:QuietHoursEnd"] = "23:59" };
        var today = EventTime.ToLocal(TimeProvider.System.GetUtcNow()).Date;
        var start = today.AddDays(3).AddHours(10).ToString("yyyy-MM-dd HH:mm");

        var result = await bed.RunWithSettingsAsync(quiet, "events", "add", "--title", "Buurtkoffie", "--start", start);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"It is quiet time now (00:00–23:59), so the groups get the announcement at {today:yyyy-MM-dd} 23:59.", result.Stdout);
        Assert.DoesNotContain("within a minute", result.Stdout);
    }

    [Fact]
    public async Task An_activity_added_outside_the_quiet_hours_is_announced_at_once_or_a_month_ahead()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();
        var none = new Dictionary<string, string?> { ["Events:QuietHoursStart"] = "00:00", ["Events:QuietHoursEnd"] = "00:00" };
        var today = EventTime.ToLocal(TimeProvider.System.GetUtcNow()).Date;

        var soon = await bed.RunWithSettingsAsync(none, "events", "add", "--title", "Buurtkoffie", "--start", today.AddDays(3).AddHours(10).ToString("yyyy-MM-dd HH:mm"));
        Assert.Contains("The groups get the announcement within a minute, while the service runs.", soon.Stdout);

        var later = await bed.RunWithSettingsAsync(none, "events", "add", "--title", "Voorjaarsschoonmaak", "--start", today.AddDays(60).AddHours(10).ToString("yyyy-MM-dd HH:mm"));
        Assert.Contains($"The groups get the announcement at {today.AddDays(30):yyyy-MM-dd} 10:00 (Events:AnnounceAhead before the start).", later.Stdout);
    }

    [Fact]
    public async Task The_example_programme_imports_and_importing_again_changes_nothing()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();

        var dry = await bed.RunAsync("events", "import", ExampleFile(), "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("Dry run", dry.Stdout);
        await using (var db = await bed.OpenDbAsync()) Assert.Equal(0, await db.Events.CountAsync());

        var first = await bed.RunAsync("events", "import", ExampleFile(), "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var events = JsonDocument.Parse(first.Stdout).RootElement.GetProperty("events");
        Assert.Equal(7, events.GetArrayLength());
        Assert.All(events.EnumerateArray(), e => Assert.Equal("created", e.GetProperty("result").GetString()));

        await using (var db = await bed.OpenDbAsync())
        {
            var workshop = await db.Events.Include(e => e.Occurrences).SingleAsync(e => e.ImportKey == "kinderworkshop-2027");
            Assert.Equal(12, workshop.Occurrences.Count);
            Assert.Equal("3 Saturday 10:00", workshop.Rule);
            var cleanUp = await db.Events.Include(e => e.Occurrences).SingleAsync(e => e.ImportKey == "opruimactie-2027");
            Assert.Equal(3, cleanUp.Occurrences.Count);
            Assert.Equal("Dag 1: Souburgh en Blokweer", cleanUp.Occurrences.OrderBy(o => o.StartsAt).First().Note);
            var schouw = await db.Events.SingleAsync(e => e.ImportKey == "schouw-souburgh-2027");
            Assert.Equal(EventAudience.Buurten, schouw.Audience);
        }

        var again = await bed.RunAsync("events", "import", ExampleFile(), "--json");
        var second = JsonDocument.Parse(again.Stdout).RootElement.GetProperty("events");
        Assert.All(second.EnumerateArray(), e =>
        {
            Assert.Equal("updated", e.GetProperty("result").GetString());
            Assert.Equal(0, e.GetProperty("changedDates").GetInt32());
        });
        await using (var db = await bed.OpenDbAsync())
        {
            Assert.Equal(7, await db.Events.CountAsync());
            Assert.Equal(12 + 3 + 5, await db.EventOccurrences.CountAsync());
        }
    }

    [Fact]
    public async Task A_broken_programme_names_every_problem_and_saves_nothing()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();
        var file = Path.Combine(Path.GetDirectoryName(bed.DatabasePath)!, "kapot.yaml");
        await File.WriteAllTextAsync(file, """
            events:
              - title: Zonder id
                dates:
                  - start: 2027-03-20 10:00
              - id: b
                title: Onbekende buurt
                kind: feest
                buurten: [Atlantis]
                dates:
                  - start: 20 maart
            """);
        var result = await bed.RunAsync("events", "import", file);
        result.AssertFailedWith("'id' is required", "kind 'feest'", "unknown buurt 'Atlantis'", "start '20 maart'");
        await using var db = await bed.OpenDbAsync();
        Assert.Equal(0, await db.Events.CountAsync());
    }

    [Fact]
    public async Task Add_list_cancel_and_attendance()
    {
        var bed = new CliTestBed();
        var seeded = await bed.SeedAsync();

        var add = await bed.RunAsync("events", "add", "--title", "Buurtbarbecue", "--kind", "buurtbarbecue",
            "--start", "2099-06-26 17:00", "--end", "2099-06-26 21:00", "--group", seeded.DamOost.ToString(), "--capacity", "80");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("2099-06-26 17:00", add.Stdout);

        var list = await bed.RunAsync("events", "list", "--json");
        var row = Assert.Single(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray());
        Assert.Equal("2099-06-26T17:00:00+02:00", row.GetProperty("start").GetString());
        var eventId = row.GetProperty("eventId").GetInt32();
        var occurrenceId = row.GetProperty("occurrenceId").GetInt32();

        Assert.Equal(0, (await bed.RunAsync("events", "attendance", occurrenceId.ToString(), "35")).ExitCode);
        Assert.Equal(0, (await bed.RunAsync("events", "cancel", eventId.ToString())).ExitCode);
        var after = await bed.RunAsync("events", "list", "--all", "--json");
        var cancelled = Assert.Single(JsonDocument.Parse(after.Stdout).RootElement.EnumerateArray());
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(35, cancelled.GetProperty("attendance").GetInt32());
        Assert.Empty(JsonDocument.Parse((await bed.RunAsync("events", "list", "--json")).Stdout).RootElement.EnumerateArray());

        (await bed.RunAsync("events", "add", "--title", "X")).AssertFailedWith("--start or --rule");
        (await bed.RunAsync("events", "cancel", "999")).AssertFailedWith("No event 999");
    }
}
