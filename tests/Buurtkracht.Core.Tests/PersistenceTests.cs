using Buurtkracht.Core.Persistence;
using Microsoft.Data.Sqlite;

namespace Buurtkracht.Core.Tests;

/// <summary>What only SQLite has: its pragmas and WAL. The migrations on both providers are in <see cref="MigrationTests"/>.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task Sqlite_pragmas_run_once_per_native_connection_and_every_new_one_gets_them()
    {
        // Driven by hand rather than through the pool: other test classes clear every pool when they dispose their
        // database, so "the reopen gets the same native connection" cannot be arranged reliably while tests run in
        // parallel. What the pool does is hand the same native connection (the same Handle) to the next logical open,
        // which is what a second ConnectionOpened on the same connection stands for here.
        using var database = new TempDatabase();
        var pragmas = new SqlitePragmas();
        static (long Synchronous, long BusyTimeout) Read(SqliteConnection c) =>
            (SqliteSchema.Rows(c, "PRAGMA synchronous", r => r.GetInt64(0)).Single(),
             SqliteSchema.Rows(c, "PRAGMA busy_timeout", r => r.GetInt64(0)).Single());

        using var first = new SqliteConnection(database.ConnectionString + ";Pooling=False");
        first.Open();
        await pragmas.ConnectionOpenedAsync(first, null!);
        Assert.Equal((1L, 30000L), Read(first)); // NORMAL
        // Changed behind the interceptor's back: had it run the pragmas again for this handle, they would be back.
        SqliteSchema.Rows(first, "PRAGMA synchronous=FULL", r => 0);
        SqliteSchema.Rows(first, "PRAGMA busy_timeout=1234", r => 0);
        pragmas.ConnectionOpened(first, null!);
        await pragmas.ConnectionOpenedAsync(first, null!);
        Assert.Equal((2L, 1234L), Read(first));

        // A new native connection gets them, by either path.
        using var second = new SqliteConnection(database.ConnectionString + ";Pooling=False");
        second.Open();
        pragmas.ConnectionOpened(second, null!);
        Assert.Equal((1L, 30000L), Read(second));
    }


    [Fact]
    public async Task Initialisation_puts_the_file_in_wal_mode()
    {
        await using var h = await CoreHarness.StartAsync();
        using var connection = h.Database.Open();

        Assert.Equal(["wal"], SqliteSchema.Rows(connection, "PRAGMA journal_mode", r => r.GetString(0)));
    }
}
