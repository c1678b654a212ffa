using Buurtkracht.Core.Events;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Buurtkracht.Core.Tests.Events;

/// <summary>The event job in a started host with Quartz' persistent SQLite store and the system clock.</summary>
public sealed class EventJobSchedulingTests
{
    [Fact]
    public async Task The_sweep_trigger_is_persistent_and_a_one_shot_trigger_wakes_the_job_when_the_next_reminder_is_due()
    {
        using var database = new TempDatabase();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Buurtkracht"] = database.ConnectionString,
            ["Events:SweepInterval"] = "00:10:00",
            ["Events:QuietHoursStart"] = "00:00",
            ["Events:QuietHoursEnd"] = "00:00",
            ["Events:CalendarFolder"] = Path.Combine(database.Folder, "agenda"),
        });
        builder.Services.AddBuurtkrachtCore(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<ServiceReadiness>().WhenDatabaseReady.WaitAsync(TimeSpan.FromSeconds(30));
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var sweep = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(EventNoticeJob.SweepTrigger));
            Assert.Equal(TimeSpan.FromMinutes(10), sweep.RepeatInterval);
            Assert.True((await scheduler.GetJobDetail(EventNoticeJob.Key))!.Durable);

            // A group, and an event whose one reminder is due in two seconds.
            var services = host.Services;
            var due = DateTimeOffset.UtcNow.AddSeconds(2);
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
                db.StreetGroups.Add(new Groups.StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-42", Title = "Dam", CreatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
                var start = EventTime.ToLocal(due.AddHours(1));
                var ev = await scope.ServiceProvider.GetRequiredService<EventService>().CreateAsync(db, new EventDraft
                {
                    Title = "Snelle test", Dates = [new OccurrenceDraft(start, start.AddHours(1))],
                }, DateTimeOffset.UtcNow);
                var reminder = new ScheduledNotice
                {
                    OccurrenceId = ev.Occurrences[0].Id, Kind = ScheduledNoticeKind.Reminder, OffsetMinutes = 1, DueAt = due, Status = ScheduledNoticeStatus.Pending,
                };
                await db.EventNotices.Where(n => n.Kind == ScheduledNoticeKind.Reminder).ExecuteDeleteAsync();
                db.EventNotices.Add(reminder);
                await db.SaveChangesAsync();
            }

            // One run now (as after planning): it announces and sets the one-shot trigger for the reminder.
            await scheduler.TriggerJob(EventNoticeJob.Key);
            var sentAt = await WaitForAsync(services, "Herinnering: Snelle test", TimeSpan.FromSeconds(30));
            Assert.True(sentAt >= due, $"sent {sentAt:O}, due {due:O}");
            Assert.True(sentAt - due < TimeSpan.FromSeconds(5), $"{(sentAt - due).TotalMilliseconds} ms late");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Polls the outbox (no fixed sleep: returns as soon as the row is there) and returns when it was written.</summary>
    private static async Task<DateTimeOffset> WaitForAsync(IServiceProvider services, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var rows = await scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>().OutboxMessages.AsNoTracking().ToListAsync();
                if (rows.FirstOrDefault(r => Outbox.ReadPayload(r).Text.StartsWith(text)) is { } row) return row.CreatedAt;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No outbox row '{text}'");
            await Task.Delay(50);
        }
    }
}
