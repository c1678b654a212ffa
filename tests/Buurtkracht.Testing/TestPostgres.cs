using Npgsql;

namespace Buurtkracht.Testing;

/// <summary>
/// The PostgreSQL server the tests may use: a connection string in BUURTKRACHT_TEST_POSTGRES (`.ci/run` starts a
/// throwaway cluster and sets it). Without it the PostgreSQL tests are skipped locally and fail under CI=true.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "BUURTKRACHT_TEST_POSTGRES";

    private static readonly List<string> Created = [];

    static TestPostgres() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropCreated();

    /// <summary>The server's connection string (to its maintenance database), or null when none is configured.</summary>
    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    private static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests are skipped; null when they run (a server is configured, or CI demands them).</summary>
    public static string? SkipReason => ServerConnectionString is null && !OnCi
        ? $"PostgreSQL tests skipped: set {EnvironmentVariable} to a server's connection string (.ci/run starts one)."
        : null;

    /// <summary>
    /// A new, empty database named after <paramref name="key"/> (so a host restarted on the same data folder finds its
    /// data again) and its connection string. Databases are dropped when the test process ends.
    /// </summary>
    public static string Database(string key)
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException(
            $"CI=true but {EnvironmentVariable} is not set: the PostgreSQL tests need a server (.ci/run starts one).");
        var name = "bk_" + new string([.. key.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        if (name.Length > 63) name = name[..63];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                create.ExecuteNonQuery();
                lock (Created) Created.Add(name);
            }
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    /// <summary>A fresh database for one test (or one test class).</summary>
    public static string NewDatabase() => Database(Guid.NewGuid().ToString("N"));

    private static void DropCreated()
    {
        if (ServerConnectionString is not { } server) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            lock (Created)
                foreach (var name in Created)
                {
                    using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                    drop.ExecuteNonQuery();
                }
        }
        catch (NpgsqlException)
        {
            // Best effort at exit: the throwaway cluster of .ci/run goes anyway.
        }
    }
}
