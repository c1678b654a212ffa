using Buurtkracht.Core.Persistence;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Cli;

/// <summary>How a verb finds the service's database: never a new empty one by accident, and a read verb writes nothing.</summary>
public sealed class CliDatabaseTests
{
    [Fact]
    public async Task A_verb_that_finds_no_database_says_where_it_looked_and_how_to_point_at_one_and_creates_nothing()
    {
        var folder = Path.Combine(BotHost.NewDataFolder(), "nowhere");
        var bed = new CliTestBed(Path.Combine(folder, "buurtkracht.db"));

        var result = await bed.RunAsync("groups", "list");

        result.AssertFailedWith(bed.DatabasePath, "--connection", "ConnectionStrings__Buurtkracht", "Nothing was created");
        Assert.False(Directory.Exists(folder), "the database's folder was created");
    }

    [Fact]
    public async Task A_read_verb_on_an_up_to_date_database_writes_nothing()
    {
        var bed = new CliTestBed();
        await bed.SeedAsync();
        await using var watcher = new SqliteConnection(bed.ConnectionString);
        await watcher.OpenAsync();

        // data_version changes on this connection whenever another connection commits to the file.
        var before = await DataVersionAsync(watcher);
        foreach (var verb in new[] { new[] { "groups", "list" }, ["members", "list"], ["meldingen", "list"], ["roles", "list"], ["buurten", "list"] })
        {
            var result = await bed.RunAsync(verb);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        Assert.Equal(before, await DataVersionAsync(watcher));
    }

    [Fact]
    public async Task A_verb_on_a_database_of_an_older_version_upgrades_it_first()
    {
        var bed = new CliTestBed();
        await using (var db = new BuurtkrachtDb(new DbContextOptionsBuilder<BuurtkrachtDb>().UseSqlite(bed.ConnectionString).Options))
        {
            // As if only an older version of the service ever ran on this file: the last migration is not applied.
            await db.Database.MigrateAsync(db.Database.GetMigrations().ToList()[^2]);
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
        }

        var result = await bed.RunAsync("groups", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        await using var after = new BuurtkrachtDb(new DbContextOptionsBuilder<BuurtkrachtDb>().UseSqlite(bed.ConnectionString).Options);
        Assert.Empty(await after.Database.GetPendingMigrationsAsync());
        Assert.Contains(ReferenceData.Buurten[0], await after.Buurten.Select(b => b.Name).ToListAsync());
    }

    private static async Task<long> DataVersionAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
