using Buurtkracht.Core;
using Buurtkracht.Core.Messaging;
using Quartz;

namespace Buurtkracht.Bot.Health;

public static class HealthEndpoint
{
    /// <summary>GET /health: 200 once the database is migrated and the scheduler runs, 503 before (and after shutdown starts).</summary>
    public static void MapHealth(this WebApplication app) => app.MapGet("/health", async (
        ServiceReadiness readiness, ISchedulerFactory schedulers, Channels channels, CancellationToken ct) =>
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var schedulerUp = scheduler.Status == SchedulerStatus.Running;
        var body = new
        {
            status = readiness.DatabaseReady && schedulerUp ? "ok" : "starting",
            database = readiness.DatabaseReady,
            scheduler = schedulerUp,
            channels = channels.Configured.Select(c => c.ToString()),
        };
        return Results.Json(body, statusCode: readiness.DatabaseReady && schedulerUp ? 200 : 503);
    });
}
