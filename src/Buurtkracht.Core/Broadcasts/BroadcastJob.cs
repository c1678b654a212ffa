using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Broadcasts;

/// <summary>Section "Broadcasts".</summary>
public sealed class BroadcastOptions
{
    /// <summary>How often the broadcast job starts due broadcasts and reports finished ones, besides waking exactly at the next scheduled one.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// While a broadcast is going out, how often the job looks whether it is done, so the report follows within this time
    /// (after a restart too) instead of at the next sweep.
    /// </summary>
    public TimeSpan SendingCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The row-based sweep of <see cref="Events.EventNoticeJob"/>: a persistent repeating trigger plus a one-shot trigger at the
/// next scheduled broadcast. Which broadcasts are due, started and reported lives in the Broadcasts table.
/// </summary>
[DisallowConcurrentExecution]
public sealed class BroadcastJob(
    BuurtkrachtDb db, BroadcastService broadcasts, TimeProvider clock, OutboxSignal signal, ServiceReadiness readiness,
    IOptions<BroadcastOptions> options, ILogger<BroadcastJob> log) : IJob
{
    public static readonly JobKey Key = new("broadcasts", "broadcasts");
    public static readonly TriggerKey SweepTrigger = new("broadcasts-sweep", "broadcasts");
    public static readonly TriggerKey NextTrigger = new("broadcasts-next", "broadcasts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        var now = clock.GetUtcNow();
        var result = await broadcasts.SweepAsync(db, now, ct);
        if (result.Started + result.Reported > 0)
        {
            signal.Notify();
            log.LogInformation("Broadcasts: {Started} started, {Reported} reported", result.Started, result.Reported);
        }
        var next = result.NextDue;
        if (result.StillSending && now + options.Value.SendingCheckInterval is var check && (next is null || check < next)) next = check;
        await SweepSchedule.WakeAtAsync(context.Scheduler, Key, NextTrigger, next, now, options.Value.SweepInterval, ct);
    }

    public static void Configure(IQuartzBuilder quartz) =>
        SweepSchedule.AddSweepJob<BroadcastJob, BroadcastOptions>(quartz, Key, SweepTrigger, o => o.SweepInterval);
}
