using Microsoft.Data.Sqlite;

namespace Buurtkracht.Benchmarks;

/// <summary>Row counts read straight from the service's SQLite file (read-only, beside the running service: WAL allows it).</summary>
public sealed record DbCounts(long ProcessedUpdates, long Outbox, long OutboxPending, long OutboxSent, long OutboxOther, long Members, long DialogStates)
{
    public static DbCounts Read(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar());
        }
        var outbox = Scalar("SELECT COUNT(*) FROM OutboxMessages");
        var pending = Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Pending'");
        var sent = Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Sent'");
        return new DbCounts(Scalar("SELECT COUNT(*) FROM ProcessedUpdates"), outbox, pending, sent, outbox - pending - sent,
            Scalar("SELECT COUNT(*) FROM Members"), Scalar("SELECT COUNT(*) FROM DialogStates"));
    }
}
