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
}
