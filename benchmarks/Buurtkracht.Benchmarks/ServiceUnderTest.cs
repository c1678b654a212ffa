using Buurtkracht.Testing;

namespace Buurtkracht.Benchmarks;

/// <summary>
/// The service as the load generator sees it: one process on its own SQLite file (the default), or
/// <see cref="BenchOptions.Instances"/> processes on one fresh PostgreSQL database behind a round-robin "load balancer"
/// (<see cref="Webhooks"/>). CPU and memory are summed over the instances; counts come from the shared database.
/// Disposing kills every instance and drops the database.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly List<BotProcess> _instances;
    private readonly PostgresDatabase? _database;
    private readonly bool _keepDatabase;

    private ServiceUnderTest(List<BotProcess> instances, PostgresDatabase? database, bool keepDatabase)
    {
        _keepDatabase = keepDatabase;
        _instances = instances;
        _database = database;
    }

    public IReadOnlyList<BotProcess> Instances => _instances;
    public IReadOnlyList<Uri> Webhooks => _instances.Select(i => i.WebhookUrl).ToArray();

    /// <summary>"SQLite" or "PostgreSQL × N", for labels.</summary>
    public string Description => _database is null ? "SQLite" : $"PostgreSQL × {_instances.Count}";

    /// <summary>Appended to figure names: nothing for the default (one instance on SQLite), so those names stay as they were.</summary>
    public string Label => _database is null ? "" : $", {Description}";

    /// <summary>How a PostgreSQL run differs, for the report's details.</summary>
    public static string PostgresNote(BenchOptions options) =>
        $"On PostgreSQL: {options.Instances} service process(es) on one fresh database (created for the run, dropped after it), "
        + "Database:Provider=PostgreSql and Database:Instances set as in a scale-out deployment; the load generator sends update i to "
        + "instance i mod N, as a round-robin load balancer would. Service CPU is summed over the instances; the PostgreSQL server's "
        + "own CPU (its backends for this database, from /proc) is reported beside it, as it runs on the same cores.";

    public static async Task<ServiceUnderTest> StartHealthyAsync(
        string botDll, FakeTelegramServer telegram, BenchOptions options, HttpClient health, TimeSpan limit)
    {
        var database = options.Postgres is { } server ? await PostgresDatabase.CreateAsync(server) : null;
        var service = new ServiceUnderTest([], database, options.KeepDatabase);
        try
        {
            // The first instance migrates the empty database; the others start once it is healthy, as in a rolling deployment.
            service._instances.Add(BotProcess.Launch(botDll, telegram, options, database?.ConnectionString));
            await service._instances[0].WaitUntilHealthyAsync(health, limit);
            if (database is not null)
            {
                for (var i = 1; i < options.Instances; i++)
                    service._instances.Add(BotProcess.Launch(botDll, telegram, options, database.ConnectionString));
                await Task.WhenAll(service._instances.Skip(1).Select(i => i.WaitUntilHealthyAsync(health, limit)));
            }
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings that open the service's database from outside (seeding, reading results with the Core DbContext).</summary>
    public Dictionary<string, string?> DatabaseSettings => _database is { } pg
        ? new() { ["ConnectionStrings:Buurtkracht"] = pg.ConnectionString, ["Database:Provider"] = "PostgreSql" }
        : new() { ["ConnectionStrings:Buurtkracht"] = $"Data Source={_instances[0].DatabasePath}" };

    /// <summary>Row counts of the one database all instances write to.</summary>
    public DbCounts Counts() => _database is { } pg ? PostgresProbe.Read(pg.ConnectionString) : DbCounts.Read(_instances[0].DatabasePath);

    /// <summary>Who holds the outbox lease (host:pid:random) on PostgreSQL, so a report can name the sending instance; null on SQLite.</summary>
    public string? OutboxLeaseHolder() => _database is { } pg ? PostgresProbe.LeaseHolder(pg.ConnectionString, "outbox") : null;

    /// <summary>User plus system CPU of every instance so far (a PostgreSQL server's own CPU not included: see <see cref="DatabaseCpuTime"/>).</summary>
    public TimeSpan CpuTime() => _instances.Aggregate(TimeSpan.Zero, (sum, i) => sum + i.CpuTime());

    /// <summary>CPU of the PostgreSQL backends serving this database so far; zero on SQLite (its work is in the service's CPU).</summary>
    public TimeSpan DatabaseCpuTime() => _database?.BackendCpuTime() ?? TimeSpan.Zero;

    /// <summary>A field of /proc/PID/status in kB, summed over the instances.</summary>
    public long ReadStatusKb(string field) => _instances.Sum(i => i.ReadStatusKb(field));

    public string Tail() => string.Concat(_instances.Select(i => i.Tail()));

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        if (_database is null) return;
        if (_keepDatabase) Console.WriteLine($"  kept database {_database.Name}");
        else await _database.DisposeAsync();
    }
}
