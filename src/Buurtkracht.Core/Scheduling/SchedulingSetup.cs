using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Buurtkracht.Core.Scheduling;

/// <summary>Quartz with its persistent store in the service's own database; its tables are created on first start.</summary>
internal static class SchedulingSetup
{
    public static void AddScheduling(IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                if (provider == DatabaseProvider.PostgreSql) store.UsePostgres(connectionString);
                else store.UseSqlite(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });

            q.ScheduleJob<ConversationMaintenanceJob>(
                trigger => trigger
                    .WithIdentity("conversation-maintenance-every-5-minutes", "conversations")
                    .WithCronSchedule("0 0/5 * * * ?", cron => cron.InTimeZone(Amsterdam.TimeZone)),
                job => job.WithIdentity(ConversationMaintenanceJob.Key));

            Events.EventNoticeJob.Configure(q);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
