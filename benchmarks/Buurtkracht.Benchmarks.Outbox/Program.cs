using System.Globalization;
using System.Reflection;
using Buurtkracht.Benchmarks;
using Buurtkracht.Benchmarks.Outbox;
using Buurtkracht.Testing;

// dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Outbox [-- --rows 100,2000,20000 --seconds 20 --idle 60 --runs 1 --bot A.dll --bot B.dll]
var settings = OutboxBenchSettings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine(OutboxBenchSettings.Usage);
    return 64;
}

var root = RepositoryRoot();
var configuration = typeof(Seeding).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
var bots = settings.Bots.Count > 0 ? settings.Bots : [Path.Combine(root, "src", "Buurtkracht.Bot", "bin", configuration, "net10.0", "Buurtkracht.Bot.dll")];
foreach (var dll in bots.Where(dll => !File.Exists(dll)))
{
    Console.Error.WriteLine($"{dll} is missing: build with `dotnet build -c Release benchmarks/Buurtkracht.Benchmarks.Outbox`.");
    return 66;
}
if (configuration != "Release") Console.Error.WriteLine($"warning: a {configuration} harness; use `dotnet run -c Release` for real figures.");
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
Console.CancelKeyPress += (_, _) => ChildProcess.KillAll();

var machine = MachineInfo.Read(bots[0]);
if (settings.Environment.Count > 0) Console.WriteLine("service settings: " + string.Join(", ", settings.Environment.Select(e => $"{e.Key}={e.Value}")));
Console.WriteLine($"Outbox benchmark: backlogs {string.Join(", ", settings.Rows)} rows, {settings.Seconds} s windows, idle {settings.IdleSeconds} s, {settings.Runs} run(s)");
Console.WriteLine($"{machine.Cores} cores, {machine.CpuModel}, .NET {machine.Runtime}, load {Scenarios.Load()}");
for (var b = 0; b < bots.Count; b++) Console.WriteLine($"service {(char)('A' + b)}: {bots[b]} ({MachineInfo.Read(bots[b]).ServiceSource})");

var results = new List<string>();
var failures = 0;
// Runs alternate between the builds (A B A B ...), so a change in the machine's load hits both alike.
for (var run = 1; run <= settings.Runs; run++)
{
    for (var b = 0; b < bots.Count; b++)
    {
        var label = $"{(char)('A' + b)}{run}";
        foreach (var rows in settings.Rows)
        {
            var r = await Scenarios.BacklogAsync(bots[b], settings.Environment, rows, settings.Seconds);
            var line = $"| {label} | {rows:N0} pending | {r.Sent} sent in {r.Window.TotalSeconds:0.0} s ({r.Sent / r.Window.TotalSeconds:0.0}/s) "
                + $"| {r.CpuPerMessage.TotalMilliseconds:0.00} ms CPU/message | {r.Cpu.TotalSeconds / r.Window.TotalSeconds * 100:0.0}% of a core "
                + $"| 429: {r.Refused}, out of order: {r.OutOfOrder}, errors: {r.ErrorLines} | load {r.LoadBefore} → {r.LoadAfter} |";
            Console.WriteLine(line);
            results.Add(line);
            if (r.Refused > 0 || r.OutOfOrder > 0 || r.Sent == 0) failures++;
        }
        if (settings.IdleSeconds > 0)
        {
            var idle = await Scenarios.IdleAsync(bots[b], settings.Environment, settings.SettleSeconds, settings.IdleSeconds);
            var line = $"| {label} | idle, empty outbox | {idle.Window.TotalSeconds:0} s after warm-up | {idle.Cpu.TotalMilliseconds:0} ms CPU "
                + $"| {idle.Cpu.TotalSeconds / idle.Window.TotalSeconds * 100:0.00}% of a core | platform calls while idle: {idle.CallsWhileIdle}, errors: {idle.ErrorLines} "
                + $"| load {idle.LoadBefore} → {idle.LoadAfter} |";
            Console.WriteLine(line);
            Console.WriteLine($"    CPU ms per 5 s: {idle.Slices}");
            Console.WriteLine($"    busiest threads while idle: {idle.BusiestThreads}");
            results.Add(line);
        }
    }
}

Console.WriteLine();
Console.WriteLine("| run | backlog | sent | CPU per message | CPU share | checks | load |");
Console.WriteLine("|---|---|---|--:|--:|---|---|");
foreach (var line in results) Console.WriteLine(line);
Console.WriteLine(failures == 0 ? "OK: no 429, every chat in order" : $"FAILED: {failures} run(s) with 429 answers, messages out of order or nothing sent");
return failures == 0 ? 0 : 1;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Buurtkracht.Bot.sln"))) return dir.FullName;
    throw new InvalidOperationException("Buurtkracht.Bot.sln not found above the harness");
}

/// <summary>The command line.</summary>
internal sealed record OutboxBenchSettings(IReadOnlyList<int> Rows, int Seconds, int IdleSeconds, int Runs, IReadOnlyList<string> Bots)
{
    /// <summary>Extra settings for the service (--env KEY=VALUE), e.g. to see what one timer costs.</summary>
    public Dictionary<string, string> Environment { get; init; } = [];

    /// <summary>Seconds between the warm-up and the idle window.</summary>
    public int SettleSeconds { get; init; } = 65;

    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Outbox -- 
                 [--rows 100,2000,20000]  pending rows kept in the outbox during a measured window (each 1..50000)
                 [--seconds S]            length of each measured window (default 20, 5..120)
                 [--idle S]               idle window with an empty outbox (default 60, 0 = skip, at most 300)
                 [--settle S]             seconds from the warm-up to the idle window (default 65: every minute job ran once)
                 [--runs K]               repetitions (default 1, at most 5)
                 [--bot PATH]             Buurtkracht.Bot.dll to measure; give it twice for an A/B run, alternated
                 [--env KEY=VALUE]        extra setting for the service (repeatable), e.g. Outbox__PollInterval=00:00:30
                 [--rows none]            no backlog runs, only the idle one
        """;

    public static OutboxBenchSettings? Parse(string[] args)
    {
        var settings = new OutboxBenchSettings([100, 2_000, 20_000], 20, 60, 1, []);
        var bots = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length) return null;
            var value = args[++i];
            int Number() => int.Parse(value, CultureInfo.InvariantCulture);
            settings = args[i - 1] switch
            {
                "--rows" => settings with
                {
                    Rows = value == "none" ? [] : value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList(),
                },
                "--env" when value.IndexOf('=') is var at and > 0 => Set(settings, value[..at], value[(at + 1)..]),
                "--seconds" => settings with { Seconds = Number() },
                "--idle" => settings with { IdleSeconds = Number() },
                "--runs" => settings with { Runs = Number() },
                "--settle" => settings with { SettleSeconds = Number() },
                "--bot" => Add(settings, bots, Path.GetFullPath(value)),
                _ => null!,
            };
            if (settings is null) return null;
        }
        settings = settings with { Bots = bots };
        // Bounds keep every run finite on a shared two-core machine.
        var valid = (settings.Rows.Count > 0 || settings.IdleSeconds > 0) && settings.Rows.All(r => r is >= 1 and <= 50_000) && settings.Seconds is >= 5 and <= 120
            && settings.IdleSeconds is >= 0 and <= 300 && settings.Runs is >= 1 and <= 5 && settings.SettleSeconds is >= 0 and <= 600 && bots.Count <= 4;
        return valid ? settings : null;
    }

    private static OutboxBenchSettings Set(OutboxBenchSettings settings, string key, string value)
    {
        settings.Environment[key] = value;
        return settings;
    }

    private static OutboxBenchSettings Add(OutboxBenchSettings settings, List<string> bots, string bot)
    {
        bots.Add(bot);
        return settings;
    }
}
