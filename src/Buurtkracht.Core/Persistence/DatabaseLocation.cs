using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Buurtkracht.Core.Persistence;

/// <summary>
/// The database the configuration names, resolved once for the service and the CLI alike, so both open the same file.
/// </summary>
/// <param name="SqliteFile">The SQLite file's full path; null for PostgreSQL or an in-memory database.</param>
/// <param name="IsDefault">No connection string is configured: the built-in SQLite default is used.</param>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString, string? SqliteFile, bool IsDefault)
{
    public static DatabaseLocation Resolve(IConfiguration configuration)
    {
        var provider = (configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions()).Provider;
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        var connectionString = configured ?? DatabaseOptions.DefaultSqliteConnectionString;
        if (provider != DatabaseProvider.Sqlite) return new(provider, connectionString, null, configured is null);

        // Absolute, because EF Core and Quartz must open the same file.
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not { Length: > 0 } path || path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal))
            return new(provider, connectionString, null, configured is null);
        builder.DataSource = Path.GetFullPath(path);
        return new(provider, builder.ToString(), builder.DataSource, configured is null);
    }
}
