using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Privacy;

/// <summary>
/// Keeps personal data only as long as the Privacy settings say: members who left every group and went quiet are
/// forgotten, delivered message texts are cleared, /mijngegevens files deleted. (Name, e-mail and photos of closed
/// meldingen are the forwarding job's, after Meldingen:PersonalDataRetentionDays.)
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(
    BuurtkrachtDb db, TimeProvider clock, ServiceReadiness readiness, IServiceProvider services,
    IOptions<PrivacyOptions> options, ILogger<RetentionJob> log) : IJob
{
    public static readonly JobKey Key = new("retention", "privacy");
    public static readonly TriggerKey SweepTrigger = new("retention-sweep", "privacy");
    private const int BatchSize = 200;
    private const int MaxBatches = 20;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        await RunAsync(ct);
    }

    public static void Configure(IQuartzBuilder quartz) =>
        SweepSchedule.AddSweepJob<RetentionJob, PrivacyOptions>(quartz, Key, SweepTrigger, o => o.SweepInterval);

    /// <summary>One sweep; returns (members forgotten, outbox texts cleared).</summary>
    public async Task<(int Members, int Texts)> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var members = await ForgetQuietMembersAsync(now, ct);
        var texts = await ClearDeliveredTextsAsync(now, ct);
        DeleteOldExports(now);
        if (members + texts > 0) log.LogInformation("Retention: {Members} quiet members forgotten, {Texts} message texts cleared", members, texts);
        return (members, texts);
    }

    private async Task<int> ForgetQuietMembersAsync(DateTimeOffset now, CancellationToken ct)
    {
        var before = now - options.Value.InactiveMemberAfter;
        // In no group, no role (an SWA coördinator often is in no group; a role is taken away by a person, not by time),
        // and nothing written since the cut-off (never written: first seen before it).
        var quiet = await db.Members
            .Where(m => m.ForgottenAt == null)
            .Where(m => (m.LastActiveAt ?? m.CreatedAt) < before)
            .Where(m => !db.GroupMemberships.Any(g => g.MemberId == m.Id && g.LeftAt == null))
            .Where(m => !db.RoleAssignments.Any(r => r.MemberId == m.Id))
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var member in quiet)
        {
            await ForgetMember.ForgetAsync(db, member, now, "retention", ct);
            await db.SaveChangesAsync(ct);
        }
        return quiet.Count;
    }

    private async Task<int> ClearDeliveredTextsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var before = now - options.Value.OutboxTextAfter;
        var cleared = 0;
        for (var batch = 0; batch < MaxBatches; batch++)
        {
            var ids = await db.OutboxMessages
                .Where(o => o.Status == OutboxStatus.Sent && o.SentAt < before && o.PayloadJson != ForgetMember.ClearedPayload)
                .OrderBy(o => o.Id).Select(o => o.Id).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0) break;
            // Batches keep each write short, so turns and the dispatcher are not held up behind one big update.
            cleared += await db.OutboxMessages.Where(o => ids.Contains(o.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.PayloadJson, ForgetMember.ClearedPayload), ct);
        }
        return cleared;
    }

    private void DeleteOldExports(DateTimeOffset now)
    {
        var folder = PrivacyCommands.ExportFolder(services);
        if (!Directory.Exists(folder)) return;
        var before = (now - options.Value.ExportFilesAfter).UtcDateTime;
        foreach (var file in Directory.GetFiles(folder).Where(f => File.GetLastWriteTimeUtc(f) < before))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }
}
