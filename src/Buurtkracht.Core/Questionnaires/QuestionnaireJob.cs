using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.Extensions.Options;
using Buurtkracht.Core.Scheduling;
using Quartz;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>
/// One persistent repeating trigger sweeps the questionnaire rows: after-event sends are planned as rows, sends are
/// delivered once their opening time passed, and the one reminder goes out. The rows, not Quartz, say what is done.
/// </summary>
[DisallowConcurrentExecution]
public sealed class QuestionnaireJob(
    BuurtkrachtDb db, QuestionnaireService questionnaires, TimeProvider clock, OutboxSignal signal, ServiceReadiness readiness) : IJob
{
    public static readonly JobKey Key = new("questionnaires", "questionnaires");
    public static readonly TriggerKey SweepTrigger = new("questionnaires-sweep", "questionnaires");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        var result = await questionnaires.SweepAsync(db, clock.GetUtcNow(), ct);
        if (result.Delivered + result.Reminded > 0) signal.Notify();
    }

    public static void Configure(IQuartzBuilder quartz) =>
        SweepSchedule.AddSweepJob<QuestionnaireJob, QuestionnaireOptions>(quartz, Key, SweepTrigger, o => o.SweepInterval);
}
