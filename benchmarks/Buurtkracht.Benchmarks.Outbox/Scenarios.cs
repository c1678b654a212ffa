using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Buurtkracht.Testing;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.Benchmarks.Outbox;

public sealed record BacklogResult(int Sent, TimeSpan Window, TimeSpan Cpu, int Refused, int OutOfOrder, int ErrorLines, string LoadBefore, string LoadAfter)
{
    public TimeSpan CpuPerMessage => Sent == 0 ? TimeSpan.Zero : Cpu / Sent;
}

public sealed record IdleResult(TimeSpan Window, TimeSpan Cpu, int CallsWhileIdle, int ErrorLines, string LoadBefore, string LoadAfter, string BusiestThreads, string Slices);

/// <summary>
/// Each scenario starts a fresh service (its own SQLite file) against a fresh fake Bot API that enforces Telegram's limits,
/// warms it up with 300 messages, measures, and kills it. CPU is the service's user + system time from /proc/PID/stat.
/// </summary>
public static class Scenarios
{
    private const int WarmUp = 300;
    private const long Waker = 999;

    public static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>
    /// Keeps <paramref name="backlog"/> rows pending (topping up as they go out) while the dispatcher sends at Telegram's
    /// 30 per second, and measures the service's CPU per message over <paramref name="seconds"/>.
    /// </summary>
    public static async Task<BacklogResult> BacklogAsync(string botDll, IReadOnlyDictionary<string, string> environment, int backlog, int seconds)
    {
        await using var service = await StartAsync(botDll, environment);
        var (telegram, bot, seeding) = (service.Telegram, service.Bot, service.Seeding);
        await service.WarmUpAsync();

        await seeding.AddAsync(backlog);
        await service.WakeAsync();
        using var stop = new CancellationTokenSource();
        // The backlog stays at its size: every row that went out is replaced by a new one at the end of the queue.
        var topUp = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var pending = seeding.Written - BenchAccepted(telegram).Count;
                if (pending < backlog) await seeding.AddAsync((int)(backlog - pending));
                try
                {
                    await Task.Delay(200, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        try
        {
            await WaitUntilAsync(() => BenchAccepted(telegram).Count >= WarmUp + 30, TimeSpan.FromSeconds(60), bot);
            // Past the first burst (the bot's window starts empty): from here on it is rate-limited.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var loadBefore = Load();
            var sentBefore = BenchAccepted(telegram).Count;
            var cpuBefore = bot.CpuTime();
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var cpu = bot.CpuTime() - cpuBefore;
            var window = clock.Elapsed;
            var sent = BenchAccepted(telegram).Count - sentBefore;
            var loadAfter = Load();
            await stop.CancelAsync();
            await topUp;
            return new BacklogResult(sent, window, cpu, telegram.Limits!.Refused.Count, OutOfOrder(BenchAccepted(telegram)), bot.ErrorLines, loadBefore, loadAfter);
        }
        finally
        {
            await stop.CancelAsync();
            await topUp;
        }
    }

    /// <summary>After the warm-up has gone out and 10 s have passed: the service's CPU share with nothing to send.</summary>
    public static async Task<IdleResult> IdleAsync(string botDll, IReadOnlyDictionary<string, string> environment, int settle, int seconds)
    {
        await using var service = await StartAsync(botDll, environment);
        await service.WarmUpAsync();
        // Long enough by default for every once-a-minute job to have run once (JIT, EF Core query compilation): a
        // service that idles has long been running, and its first firings are start-up cost, not idle cost.
        await Task.Delay(TimeSpan.FromSeconds(settle));
        var loadBefore = Load();
        var callsBefore = service.Telegram.Calls.Count;
        var threadsBefore = ThreadCpu.Read(service.Bot.Pid);
        var cpuBefore = service.Bot.CpuTime();
        var clock = Stopwatch.StartNew();
        // CPU per 5 s slice: a steady floor (the timers that tick every second) and peaks (jobs firing) look different.
        var slices = new List<long>();
        var last = cpuBefore;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var left = TimeSpan.FromSeconds(seconds) - clock.Elapsed;
            await Task.Delay(left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5));
            var now = service.Bot.CpuTime();
            slices.Add((long)(now - last).TotalMilliseconds);
            last = now;
        }
        var cpu = service.Bot.CpuTime() - cpuBefore;
        var window = clock.Elapsed;
        var busiest = ThreadCpu.Busiest(threadsBefore, ThreadCpu.Read(service.Bot.Pid), 6)
            .Select(t => $"{t.Thread} {t.Cpu.TotalMilliseconds:0} ms");
        return new IdleResult(window, cpu, service.Telegram.Calls.Count - callsBefore, service.Bot.ErrorLines, loadBefore, Load(), string.Join("; ", busiest), string.Join(" ", slices));
    }

    private static async Task<RunningService> StartAsync(string botDll, IReadOnlyDictionary<string, string> environment)
    {
        var telegram = await FakeTelegramServer.StartAsync();
        telegram.Limits = FakeRateLimit.Telegram();
        var bot = BotProcess.Launch(botDll, telegram, new BenchOptions { ServiceEnvironment = environment });
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await bot.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(120));
        return new RunningService(telegram, bot, http, new Seeding(bot.DatabasePath));
    }

    private sealed class RunningService(FakeTelegramServer telegram, BotProcess bot, HttpClient http, Seeding seeding) : IAsyncDisposable
    {
        private long _updateId = 1;

        public FakeTelegramServer Telegram => telegram;
        public BotProcess Bot => bot;
        public Seeding Seeding => seeding;

        /// <summary>300 messages out and the wake-up's reply, so the JIT has compiled the sending path before anything is measured.</summary>
        public async Task WarmUpAsync()
        {
            await seeding.AddAsync(WarmUp);
            await WakeAsync();
            await WaitUntilAsync(() => BenchAccepted(telegram).Count >= WarmUp, TimeSpan.FromSeconds(60), bot);
            // Let the bot's one-second window empty again.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
        }

        /// <summary>
        /// Rows written by another process do not signal the dispatcher; a resident's /help through the webhook does (its
        /// reply is written by a turn), as it would in real use.
        /// </summary>
        public async Task WakeAsync()
        {
            var update = Command(Waker, Waker, "/help");
            update["update_id"] = _updateId++;
            using var request = new HttpRequestMessage(HttpMethod.Post, bot.WebhookUrl)
            {
                Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", BotProcess.WebhookSecret);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"webhook answered {response.StatusCode}{bot.Tail()}");
        }

        public async ValueTask DisposeAsync()
        {
            await bot.DisposeAsync();
            await seeding.DisposeAsync();
            http.Dispose();
            await telegram.DisposeAsync();
        }
    }

    private static List<AcceptedMessage> BenchAccepted(FakeTelegramServer telegram) =>
        telegram.Limits!.Accepted.Where(m => m.Content.StartsWith(Seeding.Prefix, StringComparison.Ordinal)).ToList();

    /// <summary>Chats that got a message after a newer one of theirs: must be zero (per-chat order).</summary>
    private static int OutOfOrder(List<AcceptedMessage> accepted)
    {
        var last = new Dictionary<string, long>();
        var wrong = 0;
        foreach (var m in accepted)
        {
            var n = long.Parse(m.Content[Seeding.Prefix.Length..], CultureInfo.InvariantCulture);
            if (last.TryGetValue(m.ChatId, out var previous) && previous > n) wrong++;
            last[m.ChatId] = n;
        }
        return wrong;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, BotProcess bot)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (bot.HasExited) throw new InvalidOperationException($"the service exited{bot.Tail()}");
            if (clock.Elapsed > limit) throw new TimeoutException($"not reached within {limit.TotalSeconds:0} s{bot.Tail()}");
            await Task.Delay(50);
        }
    }
}
