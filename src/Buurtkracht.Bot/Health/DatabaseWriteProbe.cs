using Buurtkracht.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Health;

/// <summary>Whether a write could start now: on SQLite another connection can hold the one write lock for a long time.</summary>
internal static class DatabaseWriteProbe
{
    public static async Task<bool> CanWriteAsync(BuurtkrachtDb db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return await db.Database.CanConnectAsync(ct);
        // Its own unpooled connection: the service's pooled ones carry busy_timeout=30000, and a health check must not
        // wait that long nor change what they carry. Default Timeout bounds Microsoft.Data.Sqlite's retries on BUSY.
        var settings = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false, DefaultTimeout = 1 };
        await using var connection = new SqliteConnection(settings.ToString());
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            await command.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (SqliteException)
        {
            // SQLITE_BUSY or LOCKED while another connection writes; also a read-only or damaged file.
            return false;
        }
    }
}
