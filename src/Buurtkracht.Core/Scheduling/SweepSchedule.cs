using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Scheduling;

/// <summary>
/// The schedule of a job that sweeps due rows (event notices, broadcasts, questionnaire sends): a persistent trigger
/// repeating every sweep interval (misfire: fire now, so it runs right after a restart), plus, where rows have exact
/// due times, a one-shot trigger that wakes the job at the next due row when that comes before the next sweep.
/// </summary>
public static class SweepSchedule
{
    public static void AddSweepJob<TJob, TOptions>(IQuartzBuilder quartz, JobKey job, TriggerKey sweep, Func<TOptions, TimeSpan> interval)
        where TJob : IJob
        where TOptions : class
    {
        quartz.AddJob<TJob>(j => j.WithIdentity(job).StoreDurably());
        quartz.AddTrigger((services, trigger) => trigger.WithIdentity(sweep).ForJob(job).StartNow()
            .WithSimpleSchedule(s => s
                .WithInterval(interval(services.GetRequiredService<IOptions<TOptions>>().Value))
                .RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
    }

    /// <summary>Sets the one-shot trigger to <paramref name="next"/> when that comes before the next sweep; removes it otherwise.</summary>
    public static async Task WakeAtAsync(
        IScheduler scheduler, JobKey job, TriggerKey wake, DateTimeOffset? next, DateTimeOffset now, TimeSpan interval, CancellationToken ct)
    {
        if (next is not { } due || due > now + interval)
        {
            await scheduler.UnscheduleJob(wake, ct);
            return;
        }
        var trigger = TriggerBuilder.Create().WithIdentity(wake).ForJob(job)
            .StartAt(due < now ? now : due)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, ct);
    }
}
