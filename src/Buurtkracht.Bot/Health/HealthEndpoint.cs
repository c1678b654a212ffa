using Buurtkracht.Core;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Quartz;

namespace Buurtkracht.Bot.Health;

public static class HealthEndpoint
{
    /// <summary>
    /// GET /health: 503 "starting" until the database is migrated and the scheduler runs (and after shutdown starts);
    /// then 200 "ok", or 200 "degraded" while no write can start (another connection holds SQLite's write lock).
    /// </summary>
    /// <remarks>
    /// Degraded stays 200 on purpose, as ASP.NET Core's health checks map it: on SQLite this is the only instance, so a
    /// load balancer that took it out would turn slow writes into a full outage, and an orchestrator that restarted it
    /// would not free a lock another process holds. Reads still work, and a turn that cannot be stored answers 5xx so the
    /// platform delivers the update again. Monitoring alerts on the body's status.
    /// </remarks>
    public static void MapHealth(this WebApplication app) => app.MapGet("/health", async (
        ServiceReadiness readiness, ISchedulerFactory schedulers, Channels channels, BuurtkrachtDb db, CancellationToken ct) =>
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var schedulerUp = scheduler.Status == SchedulerStatus.Running;
        var up = readiness.DatabaseReady && schedulerUp;
        var writable = readiness.DatabaseReady && await DatabaseWriteProbe.CanWriteAsync(db, ct);
        var body = new
        {
            status = !up ? "starting" : writable ? "ok" : "degraded",
            database = readiness.DatabaseReady,
            databaseWritable = writable,
            scheduler = schedulerUp,
            channels = channels.Configured.Select(c => c.ToString()),
        };
        return Results.Json(body, statusCode: up ? 200 : 503);
    });
}
