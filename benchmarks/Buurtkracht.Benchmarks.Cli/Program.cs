using System.Diagnostics;
using System.Globalization;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

// Usage: dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Cli -- [runs] [path/to/Buurtkracht.Bot.dll]
// Build the Bot first: dotnet build -c Release src/Buurtkracht.Bot
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var bot = args.Length > 1 ? Path.GetFullPath(args[1]) : DefaultBot();
if (!File.Exists(bot)) throw new FileNotFoundException("Build the Bot first: dotnet build -c Release src/Buurtkracht.Bot", bot);

// A database as the service leaves it, with 40 groups in the seven buurten and 400 members.
var folder = Path.Combine(Path.GetTempPath(), "buurtkracht-cli-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var connection = $"Data Source={Path.Combine(folder, "buurtkracht.db")}";
await using (var db = new BuurtkrachtDb(new DbContextOptionsBuilder<BuurtkrachtDb>().UseSqlite(connection).Options))
{
    await DatabaseInitializer.InitializeAsync(db, DatabaseProvider.Sqlite, CancellationToken.None);
    var buurten = await db.Buurten.Where(b => !b.IsDemo).ToListAsync();
    var now = DateTimeOffset.UtcNow;
    for (var g = 0; g < 40; g++)
    {
        var group = new StreetGroup { Channel = ChannelKind.Telegram, ChatId = $"-100{g}", Title = $"Straat {g}", Buurt = buurten[g % buurten.Count], CreatedAt = now, LinkedAt = now };
        db.StreetGroups.Add(group);
        for (var m = 0; m < 10; m++)
        {
            var member = new Member { Channel = ChannelKind.Telegram, ChannelUserId = $"{g * 10 + m}", DisplayName = $"Bewoner {g * 10 + m}", CreatedAt = now };
            db.GroupMemberships.Add(new GroupMembership { Group = group, Member = member, JoinedAt = now });
        }
    }
    await db.SaveChangesAsync();
}

string[][] verbs = [["--help"], ["groups", "list"], ["members", "list"], ["meldingen", "list"], ["events", "list"]];
Console.WriteLine($"{runs} runs each of `dotnet {Path.GetFileName(bot)} <verb> --connection ...`, load average before: {LoadAverage()}");
// On a shared machine wall time follows the load; the CPU time (user + sys, from /usr/bin/time) hardly does.
var timer = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
Console.WriteLine($"{"verb",-16} {"median",8} {"min",8} {"max",8} {"cpu median",11}");
foreach (var verb in verbs)
{
    await RunAsync(verb); // the first run of each verb warms the disk cache
    var samples = new List<(double Wall, double? Cpu)>();
    for (var i = 0; i < runs; i++) samples.Add(await RunAsync(verb));
    var wall = samples.Select(s => s.Wall).Order().ToList();
    var cpu = samples.Select(s => s.Cpu).OfType<double>().Order().ToList();
    Console.WriteLine($"{string.Join(' ', verb),-16} {Seconds(wall[wall.Count / 2]),8} {Seconds(wall[0]),8} {Seconds(wall[^1]),8} {(cpu.Count > 0 ? Seconds(cpu[cpu.Count / 2]) : "-"),11}");
}
Console.WriteLine($"load average after: {LoadAverage()}");
Directory.Delete(folder, recursive: true);
return 0;

async Task<(double Wall, double? Cpu)> RunAsync(string[] verb)
{
    var start = new ProcessStartInfo(timer ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
    if (timer is not null) { start.ArgumentList.Add("-f"); start.ArgumentList.Add("cpu %U %S"); start.ArgumentList.Add("dotnet"); }
    start.ArgumentList.Add(bot);
    foreach (var arg in verb) start.ArgumentList.Add(arg);
    if (verb[0] != "--help") { start.ArgumentList.Add("--connection"); start.ArgumentList.Add(connection); }
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var wall = clock.Elapsed.TotalSeconds;
    if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', verb)} exited {process.ExitCode}: {await stderr}");
    await stdout;
    var times = (await stderr).Split('\n').LastOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))?.Split(' ');
    return (wall, times is null ? null : double.Parse(times[1], CultureInfo.InvariantCulture) + double.Parse(times[2], CultureInfo.InvariantCulture));
}

static string Seconds(double value) => value.ToString("0.00 s", CultureInfo.InvariantCulture);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

static string DefaultBot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Buurtkracht.Bot.sln")))
            return Path.Combine(dir.FullName, "src", "Buurtkracht.Bot", "bin", "Release", "net10.0", "Buurtkracht.Bot.dll");
    throw new DirectoryNotFoundException("Run inside the repository or pass the path to Buurtkracht.Bot.dll.");
}
