using System.Diagnostics;
using System.Globalization;
using Buurtkracht.Testing;

namespace Buurtkracht.Benchmarks;

public enum Side
{
    Service,
    Peer,
}

/// <summary>
/// The service and the grammY peer side by side (issue 18): the same bodies, load generator and fake Bot API for both,
/// each run on a fresh process, database and fake, the two sides alternated run by run (and their order swapped every
/// round, so a drift in the machine's load does not favour one). Every run's counts are verified.
/// </summary>
public sealed class PeerScenarios(BenchOptions options, string botDll, string peerFolder, HttpClient health, PeerReport report)
{
    private readonly Workload _workload = new();

    private byte[][] Bodies(int count) => _workload.Bodies(count);

    /// <summary>The whole `--peer grammy` run: checks, rounds, report; returns the exit code.</summary>
    public static async Task<int> MainAsync(BenchOptions options, string root, string botDll, MachineInfo machine, string command)
    {
        var peerFolder = PeerBot.Folder(root, out var notInstalled);
        if (notInstalled is not null)
        {
            Console.Error.WriteLine(notInstalled);
            return 69;
        }
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var report = new PeerReport();
        var loads = new List<(string When, double Load)> { ("at the start", LoadAverage()) };
        Console.WriteLine($"service beside the grammY peer: {options.Scenario}, {options.Rounds} round(s), service {botDll}, peer {peerFolder}");
        try
        {
            using var health = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await new PeerScenarios(options, botDll, peerFolder, health, report).RunAsync();
        }
        catch (Exception ex)
        {
            report.Problems.Add($"the run stopped: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            ChildProcess.KillAll();
            loads.Add(("at the end", LoadAverage()));
        }
        report.Print();
        var output = options.Output ?? Path.Combine(root, "benchmarks", "results", "latest-peer-grammy.md");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report.Markdown(machine, command, startedAt, clock.Elapsed, loads, options.Rounds));
        Console.WriteLine($"report: {Path.GetRelativePath(Environment.CurrentDirectory, output)} ({clock.Elapsed.TotalSeconds:0} s)");
        return report.Problems.Count == 0 ? 0 : 1;
    }

    public async Task RunAsync()
    {
        await RepliesCheckAsync();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // ABBA: the side that went second in one round goes first in the next.
            Side[] order = round % 2 == 1 ? [Side.Service, Side.Peer] : [Side.Peer, Side.Service];
            Console.WriteLine($"round {round} of {options.Rounds}: {string.Join(", then ", order)} in each pair");
            if (options.Runs(Scenario.Startup))
                foreach (var side in order) await StartupAsync(side, round);
            if (options.Runs(Scenario.Throughput))
                foreach (var connections in options.Concurrency)
                    foreach (var side in order) await ThroughputAsync(side, connections, round);
            if (options.Runs(Scenario.Latency))
                foreach (var side in order) await LatencyAsync(side, round);
            if (options.Runs(Scenario.Memory))
                foreach (var side in order) await MemoryAsync(side, round);
        }
    }

    /// <summary>A bot process with a fake Bot API of its own, so the fake's record of calls is this run's alone and stays small.</summary>
    private sealed class Session(FakeTelegramServer telegram, IMeasuredBot bot, TimeSpan ready, TimeSpan cpuAtReady) : IAsyncDisposable
    {
        public FakeTelegramServer Telegram => telegram;
        public IMeasuredBot Bot => bot;
        public TimeSpan Ready => ready;
        public TimeSpan CpuAtReady => cpuAtReady;

        public async ValueTask DisposeAsync()
        {
            await bot.DisposeAsync();
            await telegram.DisposeAsync();
        }
    }

    private async Task<Session> StartAsync(Side side)
    {
        var telegram = await FakeTelegramServer.StartAsync();
        IMeasuredBot? bot = null;
        try
        {
            bot = side == Side.Service ? MeasuredService.Launch(botDll, telegram, options) : PeerBot.Launch(peerFolder, telegram);
            var ready = await bot.WaitUntilHealthyAsync(health, Workload.HealthLimit);
            return new Session(telegram, bot, ready, bot.CpuTime());
        }
        catch
        {
            if (bot is not null) await bot.DisposeAsync();
            await telegram.DisposeAsync();
            throw;
        }
    }

    private async Task WarmUpAsync(Session session, int updates, string what)
    {
        using var load = new LoadGenerator(session.Bot.WebhookUrl, 8);
        var result = await load.ClosedLoopAsync(Bodies(updates), 8, TimeSpan.FromSeconds(60));
        if (result.Ok != updates) report.Problems.Add($"{what}: warm-up {result.StatusSummary}{session.Bot.Tail()}");
    }

    /// <summary>
    /// Both bots get the same 15 updates (each of the three kinds with each of the five texts); every reply the fake
    /// received must be the same method with the same parameters, chat by chat. Otherwise the peer does other work.
    /// One of them is then delivered again, as Telegram does after a lost 200, and must change nothing.
    /// </summary>
    private async Task RepliesCheckAsync()
    {
        const int count = 15;
        var bodies = UpdateBodies.Build(1_000_000_000, count, Workload.People);
        var seen = new Dictionary<Side, Dictionary<string, string>>();
        foreach (var side in new[] { Side.Service, Side.Peer })
        {
            await using var session = await StartAsync(side);
            using var load = new LoadGenerator(session.Bot.WebhookUrl, 1);
            foreach (var body in bodies)
            {
                var status = await load.PostAsync(body, CancellationToken.None);
                if (status != 200) report.Problems.Add($"replies check, {side}: an update got {status}{session.Bot.Tail()}");
            }
            // Telegram's redelivery of an update: answered 200, neither stored nor answered a second time.
            var again = await load.PostAsync(bodies[0], CancellationToken.None);
            // The service's outbox sends its replies afterwards, within Telegram's 30 messages/s.
            var clock = Stopwatch.StartNew();
            while (session.Telegram.CallsTo("sendMessage").Count < count && clock.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(50);
            var counts = session.Bot.Counts();
            if (again != 200 || counts.Processed != count || counts.Replies != count)
                report.Problems.Add($"replies check, {side}: the redelivered update got {again}, then {counts.Processed} processed-update rows "
                    + $"and {counts.Replies} replies for {count} updates{session.Bot.Tail()}");
            seen[side] = session.Telegram.Calls.Where(c => c.Method.StartsWith("send", StringComparison.Ordinal))
                .GroupBy(c => c.ChatId ?? "")
                .ToDictionary(g => g.Key, g => string.Join(" / ", g.Select(Describe)));
        }
        var chats = seen[Side.Service].Keys.Union(seen[Side.Peer].Keys).Order().ToList();
        var differing = chats.Where(chat => seen[Side.Service].GetValueOrDefault(chat) != seen[Side.Peer].GetValueOrDefault(chat)).ToList();
        foreach (var chat in differing)
            report.Problems.Add($"replies check: chat {chat} got{Environment.NewLine}    service: {seen[Side.Service].GetValueOrDefault(chat) ?? "nothing"}"
                + $"{Environment.NewLine}    peer:    {seen[Side.Peer].GetValueOrDefault(chat) ?? "nothing"}");
        report.RepliesChecked = (chats.Count, chats.Count - differing.Count);
        Console.WriteLine($"replies check: {chats.Count - differing.Count} of {chats.Count} chats got the same reply from both");
    }

    // Method and every parameter, sorted by name, as the fake parsed them. The Bot API reads parse_mode in any case
    // (the service sends "Html", grammY code is written with "HTML"), so that one is compared in lower case.
    private static string Describe(RecordedCall call) =>
        call.Method + " " + string.Join(", ", call.Parameters.Select(p => p.Key).Order(StringComparer.Ordinal)
            .Select(k => $"{k}={(k == "parse_mode" ? call.Text(k)?.ToLowerInvariant() : call.Text(k))}"));

    private static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private async Task StartupAsync(Side side, int round)
    {
        var load = LoadAverage();
        var ready = new List<double>();
        var cpu = new List<double>();
        var first = new List<double>();
        var webhookSet = 0;
        for (var run = 1; run <= options.StartupRuns; run++)
        {
            await using var session = await StartAsync(side);
            ready.Add(session.Ready.TotalMilliseconds);
            cpu.Add(session.CpuAtReady.TotalMilliseconds);
            using var client = new LoadGenerator(session.Bot.WebhookUrl, 1);
            var clock = Stopwatch.StartNew();
            var status = await client.PostAsync(Bodies(1)[0], CancellationToken.None);
            first.Add(clock.Elapsed.TotalMilliseconds);
            if (status != 200) report.Problems.Add($"startup {side} round {round} run {run}: the first update got {status}{session.Bot.Tail()}");
            var url = session.Bot.WebhookUrl.ToString();
            if (await session.Telegram.WaitForCallAsync(c => c.Method == "setWebhook" && c.Text("url") == url, TimeSpan.FromSeconds(10))
                    .ContinueWith(t => t.IsCompletedSuccessfully))
                webhookSet++;
            else report.Problems.Add($"startup {side} round {round} run {run}: no setWebhook for {url}");
        }
        var row = new StartupRow(round, side, load, LoadAverage(), Stats.Median(ready), ready.Max(), Stats.Median(cpu), Stats.Median(first), webhookSet, options.StartupRuns);
        report.Startups.Add(row);
        Console.WriteLine($"  startup {side,-7} round {round}: to /health {Stats.Ms(row.MedianMs)} (max {Stats.Ms(row.MaxMs)}), "
            + $"CPU {Stats.Ms(row.CpuMs)}, first update {Stats.Ms(row.FirstUpdateMs)}, load {load:0.00} → {row.LoadEnd:0.00}");
    }

    private async Task ThroughputAsync(Side side, int connections, int round)
    {
        await using var session = await StartAsync(side);
        var bot = session.Bot;
        await WarmUpAsync(session, Workload.WarmUpUpdates, $"throughput {side} x{connections} round {round}");
        var load = LoadAverage();
        var before = bot.Counts();
        using var generator = new LoadGenerator(bot.WebhookUrl, connections);
        var limit = TimeSpan.FromSeconds(30);
        var meter = Meter.Start(bot);
        var result = await generator.ClosedLoopAsync(Bodies(options.Updates), connections, limit);
        var used = meter.Stop(result.Ok);
        var after = bot.Counts();
        var rssMb = bot.ReadStatusKb("VmRSS") / 1024.0;
        var stored = after.Processed - before.Processed;
        var replies = after.Replies - before.Replies;
        var verified = result.NotOk == result.OtherStatuses.GetValueOrDefault(LoadGenerator.NotSent)
            && stored == result.Ok && replies == result.Ok && after.Dialogs == before.Dialogs && result.Ok == options.Updates;
        if (!verified)
            report.Problems.Add($"throughput {side} x{connections} round {round}: {result.Ok} of {options.Updates} answered 200 ({result.StatusSummary}), "
                + $"{stored} processed-update rows, {replies} replies, {after.Dialogs - before.Dialogs} dialogs{bot.Tail()}");
        var latencies = result.LatenciesMs.Order().ToArray();
        var row = new ThroughputRow(round, side, connections, load, LoadAverage(), result.PerSecond, used.BotUs, used.HarnessUs, used.BotShare,
            Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), result.Ok, stored, replies, rssMb, verified);
        report.Throughputs.Add(row);
        Console.WriteLine($"  throughput {side,-7} x{connections,-2} round {round}: {Stats.N(row.PerSecond)} updates/s, {row.BotUs:0} µs CPU/update "
            + $"(harness {row.HarnessUs:0}), p99 {Stats.Ms(row.P99Ms)}, {(verified ? "verified" : "NOT verified")}, load {load:0.00} → {row.LoadEnd:0.00}");
    }

    private async Task LatencyAsync(Side side, int round)
    {
        var total = options.Rate * options.Seconds;
        await using var session = await StartAsync(side);
        var bot = session.Bot;
        await WarmUpAsync(session, Workload.WarmUpUpdates, $"latency {side} round {round}");
        var load = LoadAverage();
        var before = bot.Counts();
        using var generator = new LoadGenerator(bot.WebhookUrl, 512);
        var meter = Meter.Start(bot);
        var result = await generator.OpenLoopAsync(Bodies(total), options.Rate, TimeSpan.FromSeconds(30));
        var used = meter.Stop(result.Ok);
        var after = bot.Counts();
        var stored = after.Processed - before.Processed;
        var replies = after.Replies - before.Replies;
        var verified = result.Ok == total && stored == total && replies == total && after.Dialogs == before.Dialogs;
        if (!verified)
            report.Problems.Add($"latency {side} round {round}: {result.Ok} of {total} answered 200 ({result.StatusSummary}), "
                + $"{stored} processed-update rows, {replies} replies{bot.Tail()}");
        var sorted = result.LatenciesMs.Order().ToArray();
        // A stall (of the bot, or of another process taking the cores) shows as a few bad seconds, a slow bot as many.
        var slowSeconds = Enumerable.Range(0, result.IntendedAtMs.Length).GroupBy(i => (int)(result.IntendedAtMs[i] / 1000))
            .Count(second => Stats.Percentile(second.Select(i => result.LatenciesMs[i]).Order().ToArray(), 99) > 20);
        var row = new LatencyRow(round, side, load, LoadAverage(), Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 95), Stats.Percentile(sorted, 99),
            sorted.LastOrDefault(), used.BotUs, used.HarnessUs, result.Ok, total, verified, slowSeconds);
        report.Latencies.Add(row);
        Console.WriteLine($"  latency {side,-7} round {round}: p50 {Stats.Ms(row.P50Ms)}, p99 {Stats.Ms(row.P99Ms)}, max {Stats.Ms(row.MaxMs)}, "
            + $"{row.SlowSeconds} s with p99 > 20 ms, {row.BotUs:0} µs CPU/update, {(verified ? "verified" : "NOT verified")}, load {load:0.00} → {row.LoadEnd:0.00}");
    }

    private async Task MemoryAsync(Side side, int round)
    {
        const int warmUp = 300;
        var loadBefore = LoadAverage();
        await using var session = await StartAsync(side);
        var bot = session.Bot;
        var atReadyMb = bot.ReadStatusKb("VmRSS") / 1024.0;
        await WarmUpAsync(session, warmUp, $"memory {side} round {round}");
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
        var row = new MemoryRow(round, side, loadBefore, LoadAverage(), atReadyMb, bot.ReadStatusKb("VmRSS") / 1024.0, bot.ReadStatusKb("RssAnon") / 1024.0,
            bot.ReadStatusKb("RssFile") / 1024.0, bot.ReadStatusKb("VmHWM") / 1024.0);
        report.Memories.Add(row);
        Console.WriteLine($"  memory {side,-7} round {round}: VmRSS idle {row.IdleMb:0.0} MB (at ready {atReadyMb:0.0}, peak {row.PeakMb:0.0}), load {loadBefore:0.00} → {row.LoadEnd:0.00}");
    }

    /// <summary>CPU of the bot process and of the harness (load generator plus fake Bot API) over a run, per answered update.</summary>
    private sealed class Meter
    {
        private readonly IMeasuredBot _bot;
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private readonly TimeSpan _botStart;
        private readonly TimeSpan _harnessStart = Process.GetCurrentProcess().TotalProcessorTime;

        private Meter(IMeasuredBot bot)
        {
            _bot = bot;
            _botStart = bot.CpuTime();
        }

        public static Meter Start(IMeasuredBot bot) => new(bot);

        public (double BotUs, double HarnessUs, double BotShare) Stop(int updates)
        {
            var bot = (_bot.CpuTime() - _botStart).TotalMilliseconds;
            var harness = (Process.GetCurrentProcess().TotalProcessorTime - _harnessStart).TotalMilliseconds;
            var perUpdate = 1000.0 / Math.Max(1, updates);
            return (bot * perUpdate, harness * perUpdate, bot / _wall.Elapsed.TotalMilliseconds);
        }
    }
}
