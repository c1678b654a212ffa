using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Persistence;

/// <summary>
/// Migrates and seeds the database in the background at start, so /health can answer 503 until it is done; retries
/// when the database is not reachable yet.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes, ServiceReadiness readiness, IOptions<DatabaseOptions> options, TimeProvider clock,
    ILogger<DatabaseInitializer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        // Everything up to the first real await (building the EF model, about a second) would otherwise run inside the
        // host's StartAsync and hold up the hosted services after this one and Kestrel.
        await Task.Yield();
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await InitializeAsync(scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>(), options.Value.Provider, ct);
                readiness.MarkDatabaseReady();
                log.LogInformation("Database ready ({Provider})", options.Value.Provider);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogError(ex, "Database not ready; retrying in {Delay}", delay);
                await Task.Delay(delay, clock, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    /// <summary>
    /// For the CLI: migrates and seeds only when the file is behind this version, so a verb on an up-to-date database
    /// costs one read of the migrations history instead of Migrate's lock table and checks, and writes nothing.
    /// </summary>
    public static async Task UpgradeIfBehindAsync(BuurtkrachtDb db, DatabaseProvider provider, CancellationToken ct)
    {
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any()) await InitializeAsync(db, provider, ct);
    }

    /// <summary>Brings the schema to the current version and seeds reference data; used by the service and the CLI.</summary>
    public static async Task InitializeAsync(BuurtkrachtDb db, DatabaseProvider provider, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers (web chat, CLI) work while a turn writes; it is a property of the file, set once.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        await db.Database.MigrateAsync(ct);
        await ReferenceData.SeedAsync(db, ct);
    }
}
