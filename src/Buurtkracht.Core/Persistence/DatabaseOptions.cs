namespace Buurtkracht.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Section "Database"; the connection string itself is ConnectionStrings:Buurtkracht.</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "Buurtkracht";
    public const string DefaultSqliteConnectionString = "Data Source=data/buurtkracht.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: how long a write waits for another writer's lock before it fails (busy_timeout).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many service instances share this database (behind one webhook address). More than one needs PostgreSQL and
    /// the Telegram webhook; the service refuses to start otherwise.
    /// </summary>
    public int Instances { get; set; } = 1;

    /// <summary>
    /// PostgreSQL: how long the outbox dispatcher's lease lasts without renewal; another instance takes over this long
    /// after the holder died. Renewed every third of it.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);
}
