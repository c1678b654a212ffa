using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real service (Program) on a real SQLite file in a temporary folder, or on a PostgreSQL database of the test server
/// named after that folder. Disposing it stops the host but keeps the folder (and the database), so a second host on
/// the same <see cref="DataFolder"/> is a restart.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Runs after Program registered its services, e.g. to add a logger provider.</param>
    /// <param name="provider">PostgreSQL puts the data in a database of the test server (<see cref="TestPostgres"/>).</param>
    public BotHost(
        string? dataFolder = null, IDictionary<string, string?>? settings = null, bool kestrel = false, Action<IServiceCollection>? services = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        _services = services;
        Provider = provider;
        DataFolder = dataFolder ?? NewDataFolder();
        DatabasePath = Path.Combine(DataFolder, "buurtkracht.db");
        ConnectionString = provider == DatabaseProvider.PostgreSql
            ? TestPostgres.Database(Path.GetFileName(DataFolder))
            : $"Data Source={DatabasePath}";
        _settings = new Dictionary<string, string?>(DatabaseSettings)
        {
            ["Outbox:PollInterval"] = "00:00:00.200",
            // A loopback port nothing listens on, never PDOK itself: tests that look addresses up start a FakeLocatieserver.
            ["Meldingen:Geocoder:BaseUrl"] = "http://127.0.0.1:9/bzk/locatieserver/search/v3_1",
        };
        // Files (melding photos) go beside the SQLite file; with PostgreSQL the service is told where, as in production.
        if (provider == DatabaseProvider.PostgreSql) _settings["Meldingen:DataFolder"] = DataFolder;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        // A real port on loopback, for the browser tests; the other tests use the in-memory test server.
        if (kestrel) UseKestrel(0);
    }

    public string DataFolder { get; }
    /// <summary>The SQLite file (unused when <see cref="Provider"/> is PostgreSQL).</summary>
    public string DatabasePath { get; }
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The settings that point a service or the CLI at this host's database.</summary>
    public Dictionary<string, string?> DatabaseSettings => new()
    {
        ["ConnectionStrings:Buurtkracht"] = ConnectionString,
        ["Database:Provider"] = Provider.ToString(),
    };

    public static string NewDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "buurtkracht-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: Program reads configuration while registering services, before
        // the factory's configuration callbacks would run.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureServices(_services);
    }

    /// <summary>Starts the host and waits until GET /health answers 200.</summary>
    public async Task<HttpClient> StartAsync(TimeSpan? timeout = null)
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await client.GetAsync("/health");
            if (response.IsSuccessStatusCode) return client;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"/health still answers {(int)response.StatusCode}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The outbox row once the dispatcher has recorded its outcome: a fake server sees a request before the dispatcher
    /// has stored the answer, so tests wait for the row rather than assume it.
    /// </summary>
    public async Task<OutboxMessage> SettledOutboxRowAsync(long id)
    {
        await using var db = OpenDb();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync(o => o.Id == id);
            if (row.Status != OutboxStatus.Pending || DateTime.UtcNow > deadline) return row;
            await Task.Delay(25);
        }
    }

    /// <summary>Waits until what is stored satisfies <paramref name="condition"/>, which gets a fresh context each time.</summary>
    /// <exception cref="TimeoutException">It did not within a minute.</exception>
    public async Task WaitForDbAsync(Func<BuurtkrachtDb, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var db = OpenDb())
                if (await condition(db)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("What the test waits for was not stored in time.");
            await Task.Delay(50);
        }
    }

    /// <summary>Links the group with <paramref name="chatId"/> to <paramref name="buurt"/>, as /koppel would; returns its id.</summary>
    public async Task<int> LinkGroupAsync(string chatId, string buurt)
    {
        await using var db = OpenDb();
        var group = await db.StreetGroups.SingleAsync(g => g.ChatId == chatId);
        group.BuurtId = await db.Buurten.Where(b => b.Name == buurt).Select(b => b.Id).SingleAsync();
        group.LinkedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        return group.Id;
    }

    /// <summary>A fresh database context on the host's database, for asserting what was stored.</summary>
    public BuurtkrachtDb OpenDb()
    {
        var options = new DbContextOptionsBuilder<BuurtkrachtDb>();
        if (Provider == DatabaseProvider.PostgreSql) options.UseNpgsql(ConnectionString);
        else options.UseSqlite(ConnectionString);
        return new(options.Options);
    }
}
