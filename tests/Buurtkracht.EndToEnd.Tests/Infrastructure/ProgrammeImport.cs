using System.Globalization;
using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Scheduling;

namespace Buurtkracht.EndToEnd.Tests.Infrastructure;

/// <summary>The programme import the event end-to-end tests share, run with the CLI against the host's database.</summary>
internal static class ProgrammeImport
{
    /// <summary>
    /// A workshop for Souburgh that starts within a few minutes, with one reminder due 20 seconds from now: no sleeping,
    /// the service's job sends it when it is due and the test waits for the fake server to see it.
    /// </summary>
    public static async Task WorkshopStartingSoonAsync(BotHost host, string folder)
    {
        var now = DateTimeOffset.UtcNow;
        var localStart = Amsterdam.ToLocal(now).AddMinutes(3);
        localStart = localStart.AddTicks(-(localStart.Ticks % TimeSpan.TicksPerMinute));
        var offset = EventTime.ToInstant(localStart) - now - TimeSpan.FromSeconds(20);
        var file = Path.Combine(folder, "programma.yaml");
        await File.WriteAllTextAsync(file, $"""
            events:
              - id: vogelhuisjes
                title: Workshop vogelhuisjes
                kind: workshop
                location: Cultuurhuis
                organiser: SWA
                buurten: [Souburgh]
                dates:
                  - start: {localStart.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}
                    end: {localStart.AddHours(2).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}
            """);
        var stderr = new StringWriter();
        var settings = host.DatabaseSettings;
        settings["Events:QuietHoursStart"] = "00:00";
        settings["Events:QuietHoursEnd"] = "00:00";
        settings["Events:ReminderOffsets:0"] = offset.ToString("c", CultureInfo.InvariantCulture);
        var exit = await AdminCli.RunAsync(["events", "import", file], new StringWriter(), stderr, settings);
        Assert.True(exit == 0, stderr.ToString());
    }
}
