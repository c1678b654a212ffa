using System.Globalization;
using System.Text;

namespace Buurtkracht.Benchmarks;

public sealed record StartupRow(int Round, Side Side, double Load, double LoadEnd, double MedianMs, double MaxMs, double CpuMs, double FirstUpdateMs, int WebhookSet, int Runs);

public sealed record ThroughputRow(int Round, Side Side, int Connections, double Load, double LoadEnd, double PerSecond, double BotUs, double HarnessUs,
    double BotShare, double P50Ms, double P99Ms, int Ok, long Processed, long Replies, double RssMb, bool Verified);

public sealed record LatencyRow(int Round, Side Side, double Load, double LoadEnd, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double BotUs,
    double HarnessUs, int Ok, int Total, bool Verified, int SlowSeconds);

public sealed record MemoryRow(int Round, Side Side, double Load, double LoadEnd, double AtReadyMb, double IdleMb, double AnonMb, double FileMb, double PeakMb);

/// <summary>The side-by-side report: the ratios service/peer over the medians of the rounds, then every run with its load average.</summary>
public sealed class PeerReport
{
    public List<StartupRow> Startups { get; } = [];
    public List<ThroughputRow> Throughputs { get; } = [];
    public List<LatencyRow> Latencies { get; } = [];
    public List<MemoryRow> Memories { get; } = [];
    public List<string> Problems { get; } = [];
    public (int Chats, int Same) RepliesChecked { get; set; }

    private static string Name(Side side) => side == Side.Service ? "service" : "grammY peer";
    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    private static string Ratio(double service, double peer) => peer == 0 || double.IsNaN(service) || double.IsNaN(peer) ? "" : F(service / peer, "0.00");

    private static double Median<T>(IEnumerable<T> rows, Side side, Func<T, Side> sideOf, Func<T, double> value) =>
        Stats.Median(rows.Where(r => sideOf(r) == side).Select(value));

    /// <summary>metric, service, peer, service/peer, what the ratio means.</summary>
    public List<string[]> Summary()
    {
        var lines = new List<string[]>();
        void Add<T>(string metric, List<T> rows, Func<T, Side> sideOf, Func<T, double> value, Func<double, string> show, string note)
        {
            if (rows.Count == 0) return;
            var service = Median(rows, Side.Service, sideOf, value);
            var peer = Median(rows, Side.Peer, sideOf, value);
            lines.Add([metric, show(service), show(peer), Ratio(service, peer), note]);
        }
        foreach (var connections in Throughputs.Select(t => t.Connections).Distinct())
        {
            var rows = Throughputs.Where(t => t.Connections == connections).ToList();
            Add($"updates/s, {connections} connections", rows, r => r.Side, r => r.PerSecond, Stats.N, "issue 18 goal: >= 1.5");
            Add($"bot CPU per update, {connections} connections", rows, r => r.Side, r => r.BotUs, v => $"{F(v, "0")} µs", "lower is better");
            Add($"harness CPU per update (load generator + fake Bot API), {connections} connections", rows, r => r.Side, r => r.HarnessUs,
                v => $"{F(v, "0")} µs", "");
        }
        Add("p50 at the fixed rate", Latencies, r => r.Side, r => r.P50Ms, Stats.Ms, "");
        Add("p99 at the fixed rate", Latencies, r => r.Side, r => r.P99Ms, Stats.Ms, "lower is better");
        Add("bot CPU per update at the fixed rate", Latencies, r => r.Side, r => r.BotUs, v => $"{F(v, "0")} µs", "");
        Add("start to /health 200 (median of the rounds' medians)", Startups, r => r.Side, r => r.MedianMs, Stats.Ms, "lower is better");
        Add("CPU to /health 200", Startups, r => r.Side, r => r.CpuMs, Stats.Ms, "");
        Add("VmRSS idle after warm-up", Memories, r => r.Side, r => r.IdleMb, v => $"{F(v, "0.0")} MB", "lower is better");
        return lines;
    }

    /// <summary>
    /// What the fake Bot API costs per reply: the harness CPU per update with the peer (which sends every reply during the
    /// run) minus with the service (whose outbox sends 30 a second), at the same connection count.
    /// </summary>
    public IEnumerable<string> FakeApiShare() =>
        Throughputs.Select(t => t.Connections).Distinct().Select(connections =>
        {
            var rows = Throughputs.Where(t => t.Connections == connections).ToList();
            var difference = Median(rows, Side.Peer, r => r.Side, r => r.HarnessUs) - Median(rows, Side.Service, r => r.Side, r => r.HarnessUs);
            return $"{connections} connections: ≈ {F(difference, "0")} µs per reply";
        });

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"{"metric",-72} {"service",12} {"grammY peer",12} {"ratio",6}");
        foreach (var line in Summary()) Console.WriteLine($"{line[0],-72} {line[1],12} {line[2],12} {line[3],6}");
        if (Throughputs.Count > 0) Console.WriteLine($"fake Bot API's share of the harness CPU: {string.Join("; ", FakeApiShare())}");
        foreach (var problem in Problems) Console.WriteLine($"PROBLEM: {problem}");
    }

    public string Markdown(MachineInfo machine, string command, DateTimeOffset startedAt, TimeSpan took, IReadOnlyList<(string When, double Load)> loads, int rounds)
    {
        var md = new StringBuilder();
        md.AppendLine("# Buurtkracht.Bot beside a grammY bot (issue 18)").AppendLine();
        md.AppendLine($"- date: {startedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} (harness ran {took.TotalSeconds:0} s), {rounds} round(s)");
        md.AppendLine($"- machine: {machine.Cores} cores ({machine.CpuModel}), {machine.RamGiB:0.0} GiB RAM, {machine.Os}");
        md.AppendLine($"- dotnet: SDK {machine.SdkVersion}; service GC: {machine.ServiceGc}; service measured: {machine.ServiceSource}");
        md.AppendLine($"- node: {NodeVersion()}; peer launched as `{PeerBot.CommandLine}`");
        md.AppendLine($"- command: `{command}`");
        md.AppendLine($"- 1-minute load average: {string.Join(", ", loads.Select(l => $"{F(l.Load, "0.00")} {l.When}"))}; each run's own, at its start and its end, is in its row");
        md.AppendLine("- both bots, the load generator and the fake Bot API share the machine's cores (loopback only); "
            + "every run starts a fresh bot process, database and fake; service and peer alternate run by run, their order swapped each round.");
        md.AppendLine($"- replies check: {RepliesChecked.Same} of {RepliesChecked.Chats} chats got exactly the same sendMessage (every parameter) from both bots.");
        md.AppendLine();
        md.AppendLine("Medians over the rounds; ratio = service / peer (updates/s: above 1 means the service is faster; "
            + "CPU, latency, start and memory: below 1 means the service uses less).");
        md.AppendLine();
        md.AppendLine("| metric | service | grammY peer | service / peer | |");
        md.AppendLine("|---|--:|--:|--:|---|");
        foreach (var line in Summary()) md.AppendLine($"| {string.Join(" | ", line)} |");
        md.AppendLine();
        if (Throughputs.Count > 0)
            md.AppendLine($"The fake Bot API's own CPU (peer's harness CPU per update minus the service's): {string.Join("; ", FakeApiShare())}. "
                + "It runs in the harness on the same two cores, so with the peer it takes that much from both bots' budget.").AppendLine();
        if (Problems.Count > 0)
        {
            md.AppendLine("## Problems").AppendLine();
            foreach (var problem in Problems) md.AppendLine($"- {problem.Replace(Environment.NewLine, "<br>")}");
            md.AppendLine();
        }
        AppendRuns(md);
        return md.ToString();
    }

    private void AppendRuns(StringBuilder md)
    {
        if (Throughputs.Count > 0)
        {
            md.AppendLine("## Throughput, every run").AppendLine();
            md.AppendLine("Closed loop after 1,000 warm-up updates; verified = every 200 matched one processed-update row and one reply "
                + "(service: its outbox row, sent later within 30/s; peer: the sendMessage the fake received before the 200) and no update failed. "
                + "CPU = user+sys from /proc of the bot process; harness = the load generator and the fake Bot API together.").AppendLine();
            md.AppendLine("| round | bot | connections | load, start → end | updates/s | bot CPU/update | bot CPU share | harness CPU/update | p50 | p99 | 200s | rows | replies | VmRSS after | verified |");
            md.AppendLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            foreach (var r in Throughputs)
                md.AppendLine($"| {r.Round} | {Name(r.Side)} | {r.Connections} | {F(r.Load, "0.00")} → {F(r.LoadEnd, "0.00")} | {Stats.N(r.PerSecond)} | {F(r.BotUs, "0")} µs "
                    + $"| {F(r.BotShare * 100, "0")}% | {F(r.HarnessUs, "0")} µs | {Stats.Ms(r.P50Ms)} | {Stats.Ms(r.P99Ms)} | {Stats.N(r.Ok)} "
                    + $"| {Stats.N(r.Processed)} | {Stats.N(r.Replies)} | {F(r.RssMb, "0")} MB | {(r.Verified ? "yes" : "NO")} |");
            md.AppendLine();
        }
        if (Latencies.Count > 0)
        {
            md.AppendLine("## Latency at a fixed rate, every run").AppendLine();
            md.AppendLine("Open loop (update i sent at i/rate s, up to 512 connections), timed from the planned send to the 200: for the service "
                + "that is received to reply stored in the outbox, for the peer received to sendMessage answered by the fake.").AppendLine();
            md.AppendLine("| round | bot | load, start → end | p50 | p95 | p99 | max | seconds of the schedule with p99 > 20 ms | bot CPU/update | harness CPU/update | answered | verified |");
            md.AppendLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            foreach (var r in Latencies)
                md.AppendLine($"| {r.Round} | {Name(r.Side)} | {F(r.Load, "0.00")} → {F(r.LoadEnd, "0.00")} | {Stats.Ms(r.P50Ms)} | {Stats.Ms(r.P95Ms)} | {Stats.Ms(r.P99Ms)} "
                    + $"| {Stats.Ms(r.MaxMs)} | {r.SlowSeconds} | {F(r.BotUs, "0")} µs | {F(r.HarnessUs, "0")} µs | {Stats.N(r.Ok)} of {Stats.N(r.Total)} | {(r.Verified ? "yes" : "NO")} |");
            md.AppendLine();
        }
        if (Startups.Count > 0)
        {
            md.AppendLine("## Start to ready, every round").AppendLine();
            md.AppendLine("Process start until `GET /health` first answers 200 (polled every 5 ms), on a fresh database each launch; "
                + "the service migrates and seeds it and starts Quartz, the peer creates its two tables; both have called getMe and "
                + "setWebhook on the fake by then or just after.").AppendLine();
            md.AppendLine("| round | bot | load, start → end | launches | to /health, median | max | CPU to /health, median | first update, median | setWebhook seen |");
            md.AppendLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var r in Startups)
                md.AppendLine($"| {r.Round} | {Name(r.Side)} | {F(r.Load, "0.00")} → {F(r.LoadEnd, "0.00")} | {r.Runs} | {Stats.Ms(r.MedianMs)} | {Stats.Ms(r.MaxMs)} "
                    + $"| {Stats.Ms(r.CpuMs)} | {Stats.Ms(r.FirstUpdateMs)} | {r.WebhookSet} of {r.Runs} |");
            md.AppendLine();
        }
        if (Memories.Count > 0)
        {
            md.AppendLine("## Idle memory, every round").AppendLine();
            md.AppendLine("From /proc/{pid}/status (MB = MiB), after 300 updates and the idle time.").AppendLine();
            md.AppendLine("| round | bot | load, start → end | VmRSS at ready | VmRSS idle | RssAnon | RssFile | VmHWM |");
            md.AppendLine("|--:|---|--:|--:|--:|--:|--:|--:|");
            foreach (var r in Memories)
                md.AppendLine($"| {r.Round} | {Name(r.Side)} | {F(r.Load, "0.00")} → {F(r.LoadEnd, "0.00")} | {F(r.AtReadyMb, "0.0")} MB | {F(r.IdleMb, "0.0")} MB "
                    + $"| {F(r.AnonMb, "0.0")} MB | {F(r.FileMb, "0.0")} MB | {F(r.PeakMb, "0.0")} MB |");
            md.AppendLine();
        }
    }

    private static string NodeVersion()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "--version")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5_000);
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }
}
