using System.Globalization;
using Npgsql;

namespace Buurtkracht.Benchmarks;

/// <summary>
/// A fresh PostgreSQL database for one run (<c>bk_bench_&lt;random&gt;</c> on the given server), dropped when disposed, so
/// every run starts empty like the SQLite runs do and nothing is left behind on the server.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync(string server)
    {
        var database = new PostgresDatabase(server, "bk_bench_" + Guid.NewGuid().ToString("N")[..12]);
        await using var connection = await OpenAsync(server);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>
    /// User plus system CPU of the server processes (backends) connected to this database now, from /proc/PID/stat.
    /// The instances' pools keep their connections for minutes, so over a run of seconds the same backends serve it;
    /// a backend that closed before the reading is missing from it (the figure is then a little low, never high).
    /// </summary>
    public TimeSpan BackendCpuTime()
    {
        using var connection = OpenAsync(_server).GetAwaiter().GetResult();
        using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue("name", Name);
        var pids = new List<int>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) pids.Add(reader.GetInt32(0));
        return pids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcessCpu(pid));
    }

    private static TimeSpan ProcessCpu(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the
            // 14th field of the line and stime the 15th, in clock ticks (100 a second on Linux).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return TimeSpan.Zero; // The backend has gone meanwhile.
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        // No pool: the harness' own probes must not linger as backends beside the service's.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = await OpenAsync(_server);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            Console.Error.WriteLine($"could not drop the benchmark database {Name}: {ex.Message}");
        }
    }

    internal static NpgsqlConnection Open(string connectionString) => OpenAsync(connectionString).GetAwaiter().GetResult();
}

/// <summary>The same row counts as <see cref="DbCounts.Read"/> reads from SQLite, through Npgsql from the shared database.</summary>
public static class PostgresProbe
{
    public static string? LeaseHolder(string connectionString, string lease)
    {
        using var connection = PostgresDatabase.Open(connectionString);
        using var command = new NpgsqlCommand("""SELECT "Holder" FROM "Leases" WHERE "Name" = @name""", connection);
        command.Parameters.AddWithValue("name", lease);
        return command.ExecuteScalar() as string;
    }

    public static DbCounts Read(string connectionString)
    {
        using var connection = PostgresDatabase.Open(connectionString);
        long Scalar(string sql)
        {
            using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var outbox = Scalar("""SELECT COUNT(*) FROM "OutboxMessages" """);
        var pending = Scalar("""SELECT COUNT(*) FROM "OutboxMessages" WHERE "Status" = 'Pending'""");
        var sent = Scalar("""SELECT COUNT(*) FROM "OutboxMessages" WHERE "Status" = 'Sent'""");
        return new DbCounts(Scalar("""SELECT COUNT(*) FROM "ProcessedUpdates" """), outbox, pending, sent, outbox - pending - sent,
            Scalar("""SELECT COUNT(*) FROM "Members" """), Scalar("""SELECT COUNT(*) FROM "DialogStates" """));
    }
}
