using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Events;

/// <summary>
/// Sends due announcements and reminders. One persistent trigger repeats every <see cref="EventOptions.SweepInterval"/>
/// (misfire: fire now, so it runs right after a restart); when the next notice is due sooner than that, a one-shot
/// trigger wakes the job exactly then. Which notices are due and which were sent lives in the EventNotices table.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EventNoticeJob(
    BuurtkrachtDb db, EventService events, TimeProvider clock, OutboxSignal signal, ServiceReadiness readiness,
    IOptions<EventOptions> options, ILogger<EventNoticeJob> log) : IJob
{
    public static readonly JobKey Key = new("event-notices", "events");
    public static readonly TriggerKey SweepTrigger = new("event-notices-sweep", "events");
    public static readonly TriggerKey NextTrigger = new("event-notices-next", "events");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        var now = clock.GetUtcNow();
        var result = await events.SweepAsync(db, now, ct);
        if (result.Sent > 0) signal.Notify();
        if (result.Sent + result.Dropped + result.Postponed > 0)
            log.LogInformation("Event notices: {Sent} sent, {Dropped} dropped, {Postponed} postponed", result.Sent, result.Dropped, result.Postponed);
        await SweepSchedule.WakeAtAsync(context.Scheduler, Key, NextTrigger, result.NextDue, now, options.Value.SweepInterval, ct);
    }

    /// <summary>The durable job and its repeating sweep trigger, declared with the other jobs so the persistent store keeps them.</summary>
    public static void Configure(IQuartzBuilder quartz) =>
        SweepSchedule.AddSweepJob<EventNoticeJob, EventOptions>(quartz, Key, SweepTrigger, o => o.SweepInterval);
}
