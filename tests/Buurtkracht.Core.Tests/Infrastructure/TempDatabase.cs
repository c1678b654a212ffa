using Microsoft.Data.Sqlite;

namespace Buurtkracht.Core.Tests.Infrastructure;

/// <summary>A SQLite file in its own temp folder, removed afterwards; every test gets a fresh one so they can run in parallel.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(string name = "buurtkracht.db")
    {
        Folder = Path.Combine(Path.GetTempPath(), "buurtkracht-core-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, name);
    }

    public string Folder { get; }
    public string FilePath { get; }
    public string ConnectionString => $"Data Source={FilePath}";

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; the folder goes once they are closed.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
