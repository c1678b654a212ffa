using System.Diagnostics;
using System.Globalization;
using Buurtkracht.Core;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

// Usage: dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Events [-- reminders [late]]
// Prints a Markdown report on stdout. Uses its own SQLite file in a temp folder and the system clock.
var reminders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var late = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var folder = Path.Combine(Path.GetTempPath(), "buurtkracht-bench-events", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var connection = $"Data Source={Path.Combine(folder, "buurtkracht.db")}";
var offsets = EventOptions.DefaultReminderOffsets.Count;
var eventCount = (reminders + offsets - 1) / offsets;

IHost NewHost() {
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Buurtkracht"] = connection,
        // Quiet hours off, so the lateness figure does not depend on the time of day the benchmark runs.
        ["Events:QuietHoursStart"] = "00:00",
        ["Events:QuietHoursEnd"] = "00:00",
        ["Events:AnnounceAhead"] = "00:00:01",
    });
    builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning).AddConsole();
    builder.Services.AddBuurtkrachtCore(builder.Configuration);
    return builder.Build();
}

var report = new List<string> { $"# Events benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, SQLite)", "" };

// 1. Scheduling: events far ahead (2028), three reminders each, planned one by one as the CLI import does.
using (var host = NewHost())
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
    await DatabaseInitializer.InitializeAsync(db, DatabaseProvider.Sqlite, CancellationToken.None);
    db.StreetGroups.Add(new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-1", Title = "Bench", CreatedAt = DateTimeOffset.UtcNow });
    await db.SaveChangesAsync();
    var events = scope.ServiceProvider.GetRequiredService<EventService>();
    var watch = Stopwatch.StartNew();
    await using (var tx = await db.Database.BeginTransactionAsync())
    {
        for (var i = 0; i < eventCount; i++)
        {
            var start = new DateTime(2028, 1, 1, 10, 0, 0).AddHours(i * 5);
            await events.CreateAsync(db, new EventDraft { Title = $"Event {i}", Dates = [new OccurrenceDraft(start, start.AddHours(2))] }, DateTimeOffset.UtcNow);
            // CreateAsync leaves the reminder rows to the caller's SaveChanges, as in a turn or a CLI import.
            if (i % 200 == 199)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }
    watch.Stop();
    var pending = await db.EventNotices.CountAsync(n => n.Kind == ScheduledNoticeKind.Reminder && n.Status == ScheduledNoticeStatus.Pending);
    report.Add($"| measure | value |");
    report.Add($"|---|---|");
    report.Add($"| events planned (3 reminders each) | {eventCount:N0} |");
    report.Add($"| pending reminders | {pending:N0} |");
    report.Add($"| time to schedule them | {watch.Elapsed.TotalSeconds:F1} s ({watch.Elapsed.TotalMilliseconds / pending:F2} ms per reminder) |");

    var sweep = Stopwatch.StartNew();
    var result = await events.SweepAsync(db, DateTimeOffset.UtcNow);
    sweep.Stop();
    report.Add($"| one sweep with {pending:N0} pending, none due | {sweep.Elapsed.TotalMilliseconds:F1} ms (next due {result.NextDue:yyyy-MM-dd}) |");

    // Near-term reminders for the lateness measure: one occurrence each, due spread over 10 s starting 4 s from now.
    var now = DateTimeOffset.UtcNow;
    for (var i = 0; i < late; i++)
    {
        var start = EventTime.ToLocal(now.AddHours(3));
        var ev = await events.CreateAsync(db, new EventDraft { Title = $"Soon {i}", Dates = [new OccurrenceDraft(start, start.AddHours(1))] }, now);
        db.EventNotices.Add(new ScheduledNotice
        {
            OccurrenceId = ev.Occurrences[0].Id, Kind = ScheduledNoticeKind.Reminder, OffsetMinutes = 1,
            DueAt = now.AddSeconds(12 + 10.0 * i / late), Status = ScheduledNoticeStatus.Pending,
        });
    }
    await db.SaveChangesAsync();
}
SqliteConnection.ClearAllPools();

// 2. Start-up with everything persisted: until the database is ready and the scheduler runs.
using (var host = NewHost())
{
    var watch = Stopwatch.StartNew();
    await host.StartAsync();
    await host.Services.GetRequiredService<ServiceReadiness>().WhenDatabaseReady;
    var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
    while (await scheduler.GetStatus() != SchedulerStatus.Running) await Task.Delay(5);
    watch.Stop();
    report.Add($"| start-up with them persisted (host start to scheduler running) | {watch.Elapsed.TotalMilliseconds:F0} ms |");

    // 3. Lateness: the sweep trigger runs at start; the one-shot trigger wakes the job at each next due time.
    var last = DateTimeOffset.UtcNow.AddSeconds(40);
    List<double> lateness;
    while (true)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var sent = await db.EventNotices.AsNoTracking().Where(n => n.OffsetMinutes == 1 && n.Status == ScheduledNoticeStatus.Sent)
            .Select(n => new { n.DueAt, n.SentAt }).ToListAsync();
        if (sent.Count == late || DateTimeOffset.UtcNow > last)
        {
            lateness = sent.Select(n => (n.SentAt!.Value - n.DueAt).TotalMilliseconds).Order().ToList();
            break;
        }
        await Task.Delay(200);
    }
    double P(double q) => lateness.Count == 0 ? double.NaN : lateness[(int)Math.Min(lateness.Count - 1, Math.Floor(q * lateness.Count))];
    report.Add($"| reminders due within the run, sent | {lateness.Count} of {late} |");
    report.Add($"| lateness (sent minus due) p50 / p95 / max | {P(0.5):F0} / {P(0.95):F0} / {lateness.LastOrDefault():F0} ms |");
    await host.StopAsync();
}

foreach (var line in report) Console.WriteLine(line);
SqliteConnection.ClearAllPools();
try { Directory.Delete(folder, true); } catch (IOException) { }
