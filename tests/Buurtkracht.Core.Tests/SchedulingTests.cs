using Buurtkracht.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Buurtkracht.Core.Tests;

public sealed class SchedulingTests
{
    [Fact]
    public async Task Quartz_runs_with_its_tables_in_the_service_database_and_an_Amsterdam_trigger()
    {
        using var database = new TempDatabase();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = database.ConnectionString });
        builder.Services.AddBuurtkrachtCore(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            // AwaitApplicationStarted (Quartz' default) starts the scheduler just after the host has started.
            var started = new StartedListener();
            scheduler.ListenerManager.AddSchedulerListener(started);
            if (await scheduler.GetStatus() != SchedulerStatus.Running)
                await started.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(SchedulerStatus.Running, await scheduler.GetStatus());
            var trigger = Assert.IsAssignableFrom<ICronTrigger>(
                await scheduler.GetTrigger(new TriggerKey("conversation-maintenance-every-5-minutes", "conversations")));
            Assert.Equal(ConversationMaintenanceJob.Key, trigger.JobKey);
            Assert.Equal("Europe/Amsterdam", trigger.TimeZone.Id);

            // The hosted DatabaseInitializer migrates in the background; the bound only keeps a broken start from hanging the run.
            await host.Services.GetRequiredService<ServiceReadiness>().WhenDatabaseReady.WaitAsync(TimeSpan.FromSeconds(30));
            using var connection = database.Open();
            var tables = SqliteSchema.Tables(connection);
            Assert.Contains("QRTZ_TRIGGERS", tables);
            Assert.Contains("QRTZ_JOB_DETAILS", tables);
            Assert.Contains("OutboxMessages", tables);
            Assert.Equal(["Europe/Amsterdam"], SqliteSchema.Rows(connection,
                "SELECT TIME_ZONE_ID FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = 'conversation-maintenance-every-5-minutes' AND TRIGGER_GROUP = 'conversations'",
                r => r.GetString(0)));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class StartedListener : ISchedulerListener
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask SchedulerStarted(IScheduler scheduler, CancellationToken ct = default)
        {
            Started.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
