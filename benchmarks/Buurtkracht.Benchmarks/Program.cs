using System.Diagnostics;
using System.Reflection;
using Buurtkracht.Benchmarks;
using Buurtkracht.Testing;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 64;
}

var root = RepositoryRoot();
var configuration = typeof(Report).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
var botDll = options.BotDll ?? Path.Combine(root, "src", "Buurtkracht.Bot", "bin", configuration, "net10.0", "Buurtkracht.Bot.dll");
if (!File.Exists(botDll))
{
    Console.Error.WriteLine($"{botDll} is missing: build with `dotnet build -c Release benchmarks/Buurtkracht.Benchmarks` or pass --bot.");
    return 66;
}
if (configuration != "Release" && options.BotDll is null)
    Console.Error.WriteLine($"warning: measuring a {configuration} build; use `dotnet run -c Release` for real figures.");

// Whatever ends the harness, no service process outlives it.
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
Console.CancelKeyPress += (_, _) => ChildProcess.KillAll();

var command = "dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks --" + (args.Length == 0 ? " all" : " " + string.Join(' ', args));
var machine = MachineInfo.Read(botDll);
// Issue 18's yardstick: the same runs against the service and a grammY bot in turn, with a report of their own (PeerScenarios.cs).
if (options.Peer is not null) return await PeerScenarios.MainAsync(options, root, botDll, machine, command);
var startedAt = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
Console.WriteLine($"Buurtkracht benchmarks: {options.Scenario} against {botDll}");
Console.WriteLine($"{machine.Cores} cores, {machine.RamGiB:0.0} GiB, dotnet SDK {machine.SdkVersion}, service GC {machine.ServiceGc}");

var report = new Report();
try
{
    await using var telegram = await FakeTelegramServer.StartAsync();
    using var health = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    var scenarios = new Scenarios(options, botDll, telegram, report, health);
    foreach (var (scenario, run) in new (Scenario, Func<Task>)[]
             {
                 (Scenario.Startup, scenarios.StartupAsync), (Scenario.Throughput, scenarios.ThroughputAsync),
                 (Scenario.Latency, scenarios.LatencyAsync), (Scenario.Memory, scenarios.MemoryAsync),
             })
    {
        if (!options.Runs(scenario)) continue;
        report.RecordLoad($"before {scenario.ToString().ToLowerInvariant()}");
        await run();
    }
}
catch (Exception ex)
{
    report.Problems.Add($"the run stopped: {ex.GetType().Name}: {ex.Message}");
}
finally
{
    ChildProcess.KillAll();
    report.RecordLoad("at the end");
}

if (report.Figures.Count > 0) report.PrintTable();
else foreach (var problem in report.Problems) Console.WriteLine($"PROBLEM: {problem}");
var output = options.Output ?? Path.Combine(root, "benchmarks", "results", "latest.md");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report.Markdown(machine, command, BotProcess.CommandLine(botDll, root), startedAt, clock.Elapsed));
Console.WriteLine($"report: {Path.GetRelativePath(Environment.CurrentDirectory, output)} ({clock.Elapsed.TotalSeconds:0} s)");
return report.Problems.Count == 0 ? 0 : 1;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Buurtkracht.Bot.sln"))) return dir.FullName;
    throw new InvalidOperationException("Buurtkracht.Bot.sln not found above the harness");
}
