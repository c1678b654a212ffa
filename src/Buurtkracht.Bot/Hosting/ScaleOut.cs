using System.Xml.Linq;
using Buurtkracht.Core;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.Hosting;

/// <summary>
/// What lets several instances share one database, and what stops a setup that cannot: more than one instance needs
/// PostgreSQL and the Telegram webhook; one SQLite file serves one instance (a lock file beside it); Data Protection
/// keys live in the database, so cookies and dashboard sessions are valid on every instance and after a restart.
/// </summary>
public static class ScaleOut
{
    /// <summary>The name every instance protects with; the default (the content root path) differs per machine.</summary>
    public const string ApplicationName = "Buurtkracht.Bot";

    /// <exception cref="InvalidOperationException">The configuration cannot run as configured; the message says why.</exception>
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Instances > 1 && database.Provider == DatabaseProvider.Sqlite)
            throw new InvalidOperationException(
                $"Database:Instances is {database.Instances}, but a SQLite file serves one instance. Use Database:Provider=PostgreSql " +
                "for more than one instance (docs/deployment.md).");
        if (database.Instances > 1 && !string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"])
            && !string.Equals(configuration["Telegram:Mode"], "Webhook", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"Database:Instances is {database.Instances}, but Telegram long polling works for one instance only (a second poller " +
                "gets 409 Conflict from Telegram). Set Telegram:Mode=Webhook with Telegram:WebhookUrl behind the load balancer.");
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Taken now, so a second instance stops before anything starts; as a hosted service from a factory, the
            // container disposes it (and so frees the file) when the host stops.
            var taken = SqliteInstanceLock.Take(configuration);
            services.AddHostedService(_ => taken);
        }

        // Options only: AddDataProtection (by the web chat and the dashboard, after the core) registers the hosted
        // service that loads the key ring, which must start after the database initializer, not before it.
        services.Configure<DataProtectionOptions>(o => o.ApplicationDiscriminator = ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<BuurtkrachtDb>>(), sp.GetRequiredService<ServiceReadiness>())));
        return services;
    }

    /// <summary>The Data Protection key ring in the DataProtectionKeys table.</summary>
    private sealed class DatabaseXmlRepository(IDbContextFactory<BuurtkrachtDb> factory, ServiceReadiness readiness) : IXmlRepository
    {
        // The key ring is read on the first cookie; the table exists once the migrations ran.
        private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            readiness.WhenDatabaseReady.Wait(ReadyTimeout);
            using var db = factory.CreateDbContext();
            return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            readiness.WhenDatabaseReady.Wait(ReadyTimeout);
            using var db = factory.CreateDbContext();
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            db.SaveChanges();
        }
    }
}

/// <summary>
/// An exclusive lock on "&lt;database file&gt;.instance.lock", held while the service runs: a second service on the same
/// SQLite file would double every reply. The operating system drops it when the process ends, also after kill -9.
/// The admin CLI does not take it, so it works beside the running service.
/// </summary>
public sealed class SqliteInstanceLock : IHostedService, IDisposable
{
    private readonly FileStream? _file;

    private SqliteInstanceLock(FileStream? file) => _file = file;

    public static SqliteInstanceLock Take(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? DatabaseOptions.DefaultSqliteConnectionString;
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal))
            return new SqliteInstanceLock(null);
        var path = Path.GetFullPath(source) + ".instance.lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new SqliteInstanceLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another instance of the service already runs on the SQLite database {Path.GetFullPath(source)} (it holds {path}). " +
                "SQLite serves one instance; for more, use PostgreSQL (docs/deployment.md).", ex);
        }
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public void Dispose() => _file?.Dispose();
}
