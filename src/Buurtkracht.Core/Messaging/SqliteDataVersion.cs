using Microsoft.Data.Sqlite;

namespace Buurtkracht.Core.Messaging;

/// <summary>
/// SQLite's PRAGMA data_version on a connection of its own: it changes whenever any other connection, in this process or
/// another (the CLI), commits to the database file. Reading it costs microseconds and no table, so an idle dispatcher
/// can look for new rows every poll interval without running a round (a scope, a DbContext and three queries).
/// </summary>
internal sealed class SqliteDataVersion(string connectionString) : IDisposable
{
    private SqliteConnection? _connection;
    private SqliteCommand? _command;

    /// <summary>The current version, or null when it could not be read (then the caller runs a round, as without it).</summary>
    public long? Read()
    {
        try
        {
            if (_command is null)
            {
                _connection = new SqliteConnection(connectionString);
                _connection.Open();
                _command = _connection.CreateCommand();
                _command.CommandText = "PRAGMA data_version;";
            }
            return (long)_command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            Dispose();
            return null;
        }
    }

    public void Dispose()
    {
        _command?.Dispose();
        _connection?.Dispose();
        (_command, _connection) = (null, null);
    }
}
