using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Buurtkracht.Core.Scheduling;

/// <summary>Quartz with its persistent store in the service's own database (clustered on PostgreSQL); its tables are created on first start.</summary>
internal static class SchedulingSetup
{
    public static void AddScheduling(IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.AddQuartz(q =>
        {
            // On PostgreSQL the instances form one Quartz cluster: each firing is taken by one of them through row
            // locks in the store, and the jobs of an instance that stops checking in are recovered by another.
            // UseClustering also has each instance generate its id (quartz.scheduler.instanceId = AUTO).
            q.UsePersistentStore(store =>
            {
                if (provider == DatabaseProvider.PostgreSql)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(5);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                }
                else store.UseSqlite(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });

            q.ScheduleJob<ConversationMaintenanceJob>(
                trigger => trigger
                    .WithIdentity("conversation-maintenance-every-5-minutes", "conversations")
                    .WithCronSchedule("0 0/5 * * * ?", cron => cron.InTimeZone(Amsterdam.TimeZone)),
                job => job.WithIdentity(ConversationMaintenanceJob.Key));

            // Meldingen: forwarding every minute (and triggered right after a melding is sent), status polling every 5 minutes
            // (each melding itself at most every Meldingen:Open311:StatusPollInterval).
            q.ScheduleJob<MeldingForwardingJob>(
                trigger => trigger
                    .WithIdentity("melding-forwarding-every-minute", "meldingen")
                    .WithCronSchedule("0 * * * * ?", cron => cron.InTimeZone(Amsterdam.TimeZone)),
                job => job.WithIdentity(MeldingForwardingJob.Key).StoreDurably());
            q.ScheduleJob<MeldingStatusJob>(
                trigger => trigger
                    .WithIdentity("melding-status-every-5-minutes", "meldingen")
                    .WithCronSchedule("0 0/5 * * * ?", cron => cron.InTimeZone(Amsterdam.TimeZone)),
                job => job.WithIdentity(MeldingStatusJob.Key));

            MeldingResolvedJob.Configure(q);
            Open311CatalogJob.Configure(q);
            Events.EventNoticeJob.Configure(q);
            Broadcasts.BroadcastJob.Configure(q);
            Digests.CheckinJob.Configure(q);
            Digests.DigestJob.Configure(q);
            Questionnaires.QuestionnaireJob.Configure(q);
            Privacy.RetentionJob.Configure(q);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
