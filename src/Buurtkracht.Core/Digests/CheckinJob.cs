using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Digests;

/// <summary>Section "Checkins".</summary>
public sealed class CheckinOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Quartz cron expression in Europe/Amsterdam; default the first Monday of the month at 10:00.</summary>
    public string Schedule { get; set; } = "0 0 10 ? * MON#1";

    /// <summary>The questionnaire every moderator gets privately; its reminder and support flags come from the questionnaire engine.</summary>
    public string Questionnaire { get; set; } = "beheerder-checkin";
}

/// <summary>The monthly moderator check-in: a questionnaire send to all moderators, at most one per local month.</summary>
public sealed class CheckinService(QuestionnaireService questionnaires, IOptions<CheckinOptions> options)
{
    /// <summary>Plans the check-in opening now, unless one was planned this month already; returns the send or null.</summary>
    public async Task<QuestionnaireSend?> PlanAsync(BuurtkrachtDb db, DateTimeOffset now, CancellationToken ct = default)
    {
        var key = options.Value.Questionnaire;
        var local = Amsterdam.ToLocal(now);
        var monthStart = Events.EventTime.ToInstant(new DateTime(local.Year, local.Month, 1));
        if (await db.Set<QuestionnaireSend>().AnyAsync(s => s.Key == key && s.Target == QuestionnaireTarget.Moderators && s.TargetId == null && s.OpensAt >= monthStart, ct))
            return null;
        var send = await questionnaires.CreateSendAsync(db, key, QuestionnaireTarget.Moderators, null, now, null, now, ct);
        await db.SaveChangesAsync(ct);
        return send;
    }
}

[DisallowConcurrentExecution]
public sealed class CheckinJob(
    BuurtkrachtDb db, CheckinService checkins, TimeProvider clock, ServiceReadiness readiness, IOptions<CheckinOptions> options,
    ILogger<CheckinJob> log) : IJob
{
    public static readonly JobKey Key = new("moderator-checkin", "digests");
    public static readonly TriggerKey TriggerKey = new("moderator-checkin-schedule", "digests");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        if (!options.Value.Enabled) return;
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        if (await checkins.PlanAsync(db, clock.GetUtcNow(), ct) is null) return;
        log.LogInformation("Moderator check-in planned");
        // The questionnaire job delivers sends whose opening passed; run it now rather than at its next sweep.
        var scheduler = context.Scheduler;
        if (await scheduler.GetJobDetail(QuestionnaireJob.Key, ct) is not null) await scheduler.TriggerJob(QuestionnaireJob.Key, ct);
    }

    public static void Configure(IQuartzBuilder quartz)
    {
        quartz.AddJob<CheckinJob>(job => job.WithIdentity(Key).StoreDurably());
        quartz.AddTrigger((services, trigger) =>
        {
            var schedule = services.GetRequiredService<IOptions<CheckinOptions>>().Value.Schedule;
            trigger.WithIdentity(TriggerKey).ForJob(Key).WithCronSchedule(schedule, cron => cron.InTimeZone(Amsterdam.TimeZone));
        });
    }
}
