using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Buurtkracht.Benchmarks;
using Buurtkracht.Benchmarks.Broadcast;
using Buurtkracht.Testing;
using static Buurtkracht.Testing.TelegramUpdates;

// dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Broadcast [-- telegramGroups teamsConversations]
//   [--postgres "Host=...;Database=postgres" [--instances N]]: N service processes on one fresh PostgreSQL database
const string Usage = "usage: [telegramGroups 1..20000] [teamsConversations 0..5000] [--postgres CONNECTION-STRING [--instances 1..8]]";
var positional = new List<int>();
string? postgres = null;
var instances = 1;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--postgres" && i + 1 < args.Length) postgres = args[++i];
    else if (args[i] == "--instances" && i + 1 < args.Length && int.TryParse(args[++i], out var n) && n is >= 1 and <= 8) instances = n;
    else if (int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var number)) positional.Add(number);
    else
    {
        Console.Error.WriteLine(Usage);
        return 64;
    }
}
var telegramGroups = positional.Count > 0 ? positional[0] : 1000;
var teamsConversations = positional.Count > 1 ? positional[1] : 200;
if (telegramGroups is < 1 or > 20_000 || teamsConversations is < 0 or > 5_000 || positional.Count > 2 || (instances > 1 && postgres is null))
{
    Console.Error.WriteLine(Usage + (instances > 1 && postgres is null ? " (more than one instance needs --postgres)" : ""));
    return 64;
}

var root = RepositoryRoot();
var configuration = typeof(Seeding).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
var botDll = Path.Combine(root, "src", "Buurtkracht.Bot", "bin", configuration, "net10.0", "Buurtkracht.Bot.dll");
if (!File.Exists(botDll))
{
    Console.Error.WriteLine($"{botDll} is missing: build with `dotnet build -c Release benchmarks/Buurtkracht.Benchmarks.Broadcast`.");
    return 66;
}
if (configuration != "Release") Console.Error.WriteLine($"warning: measuring a {configuration} build; use `dotnet run -c Release` for real figures.");
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
Console.CancelKeyPress += (_, _) => ChildProcess.KillAll();

var machine = MachineInfo.Read(botDll);
Console.WriteLine($"Broadcast benchmark: {telegramGroups} Telegram groups, {teamsConversations} Teams conversations, service {machine.ServiceSource}, "
    + (postgres is null ? "SQLite" : $"PostgreSQL, {instances} instance(s)"));
Console.WriteLine($"{machine.Cores} cores, {machine.CpuModel}, .NET {machine.Runtime}, load {Load()}");

// The fakes enforce the platforms' published limits at arrival; nothing about them is tuned to the dispatcher.
await using var telegram = await FakeTelegramServer.StartAsync();
await using var connector = await FakeBotConnector.StartAsync();
telegram.Limits = FakeRateLimit.Telegram();
connector.Limits = FakeRateLimit.Teams();

var environment = connector.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value ?? "");
// The delivery report comes from the broadcast sweep; every 2 s instead of every minute, so "done" is seen soon after the
// last message. It reads outbox rows and does not send broadcast messages itself, so it does not change the figure.
environment["Broadcasts__SweepInterval"] = "00:00:02";
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var startClock = Stopwatch.StartNew();
// With several instances each dispatcher competes for the outbox lease and each Quartz joins the cluster; the fakes count
// for the bot as a whole, whichever instance sends.
await using var bot = await ServiceUnderTest.StartHealthyAsync(botDll, telegram,
    new BenchOptions { ServiceEnvironment = environment, Postgres = postgres, Instances = instances }, http, TimeSpan.FromSeconds(90));
Console.WriteLine($"service healthy after {startClock.Elapsed.TotalSeconds:0.0} s ({bot.Description})");

var seedClock = Stopwatch.StartNew();
var targets = await Seeding.SeedAsync(bot.DatabaseSettings, telegramGroups, teamsConversations, connector.ServiceUrl);
Console.WriteLine($"seeded {targets.Telegram.Count} Telegram groups, {targets.Teams.Count} Teams conversations and a coördinator in {seedClock.ElapsedMilliseconds} ms");

// The coördinator's /omroep in her private Telegram chat, through the webhook, as a person types it; with several
// instances each step goes to the next one, as a round-robin load balancer sends them.
const string Text = "Zaterdag 6 december is de buurtschoonmaak in heel Alblasserdam. Doe je mee? Verzamelen om 10:00 bij de Havenkerk.";
var total = targets.Telegram.Count + targets.Teams.Count;
long updateId = 1;
async Task SayAsync(string text, string expect)
{
    var update = text.StartsWith('/') ? Command(Seeding.Coordinator, Seeding.Coordinator, text) : PrivateText(Seeding.Coordinator, text);
    update["update_id"] = updateId++;
    var webhook = bot.Webhooks[(int)(updateId % bot.Webhooks.Count)];
    using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
    request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", BotProcess.WebhookSecret);
    using var response = await http.SendAsync(request);
    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"webhook answered {response.StatusCode}{bot.Tail()}");
    await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Seeding.CoordinatorChat
        && (c.Text("text") ?? "").Contains(expect, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
}
await SayAsync("/omroep", "Naar wie stuur je het bericht?");
await SayAsync("Alle groepen", "Typ het bericht");
await SayAsync(Text, "Wil je er een foto bij?");
await SayAsync("Geen foto", "Wil je er een link bij?");
await SayAsync("Geen link", "Wanneer wil je het versturen?");
await SayAsync("Nu versturen", $"naar {total} chats. Klopt dat?");
// Let the dialog's replies leave every window (3 s per chat), so the broadcast starts on a quiet channel.
await Task.Delay(TimeSpan.FromSeconds(3.5));

var cpuBefore = bot.CpuTime();
var databaseCpuBefore = bot.DatabaseCpuTime();
var t0 = DateTimeOffset.UtcNow;
var answerTask = SayAsync("Ja, versturen", $"gaat nu naar {total} chats");
var limit = TimeSpan.FromSeconds(60 + total / 10.0);
// The coördinator's preview carries the same text in her private chat: only group chats count.
bool Complete() =>
    telegram.Limits.Accepted.Count(m => m.Content == Text && m.ChatId != Seeding.CoordinatorChat) >= targets.Telegram.Count
    && connector.Limits.Accepted.Count(m => m.Content == Text) >= targets.Teams.Count;
while (!Complete() && DateTimeOffset.UtcNow - t0 < limit) await Task.Delay(20);
var completeAt = DateTimeOffset.UtcNow;
await answerTask;
var cpu = bot.CpuTime() - cpuBefore;
var databaseCpu = bot.DatabaseCpuTime() - databaseCpuBefore;
var holder = bot.OutboxLeaseHolder();

// The delivery report: the Broadcasts row says done, and the coördinator gets the overview privately.
var report = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Seeding.CoordinatorChat
    && (c.Text("text") ?? "").StartsWith("Overzicht van je bericht", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
var reportAt = report.At;
var status = Seeding.ReadBroadcast(bot.DatabaseSettings);
// A moment for anything sent twice to show up.
await Task.Delay(TimeSpan.FromSeconds(2));

var result = Results.Compute(t0, completeAt, Text, targets, telegram.Limits, connector.Limits);
var lines = new List<string>
{
    $"| measure | Telegram | Teams | broadcast |",
    $"|---|--:|--:|--:|",
    $"| messages | {result.Telegram.Expected:N0} | {result.Teams.Expected:N0} | {total:N0} |",
    $"| theoretical minimum (from the confirming press) | {result.Telegram.Minimum.TotalSeconds:0.00} s | {result.Teams.Minimum.TotalSeconds:0.00} s | {result.Minimum.TotalSeconds:0.00} s |",
    $"| measured: confirming press to last message accepted | {result.Telegram.Last.TotalSeconds:0.00} s | {result.Teams.Last.TotalSeconds:0.00} s | {result.Measured.TotalSeconds:0.00} s |",
    $"| over the minimum | {Over(result.Telegram.Last, result.Telegram.Minimum)} | {Over(result.Teams.Last, result.Teams.Minimum)} | {Over(result.Measured, result.Minimum)} |",
    $"| first message accepted | {result.Telegram.First.TotalSeconds:0.00} s | {result.Teams.First.TotalSeconds:0.00} s | |",
    $"| 429 answers (whole run) | {result.Telegram.Refused} | {result.Teams.Refused} | {result.Telegram.Refused + result.Teams.Refused} |",
    $"| lost (target without the message) | {result.Telegram.Lost} | {result.Teams.Lost} | {result.Telegram.Lost + result.Teams.Lost} |",
    $"| sent twice (chats with it more than once) | {result.Telegram.Duplicated} | {result.Teams.Duplicated} | {result.Telegram.Duplicated + result.Teams.Duplicated} |",
    $"| busiest 1 s window at the fake (limit) | {result.Telegram.PeakPerSecond} (30) | {result.Teams.PeakPerSecond} (50) | |",
};
Console.WriteLine();
foreach (var line in lines) Console.WriteLine(line);
Console.WriteLine();
Console.WriteLine($"delivery report: broadcast {status.Id} {status.Status}, delivered {status.Delivered}, failed {status.Failed}, unreachable {status.Unreachable}; "
    + $"overview to the coördinator at {(reportAt - t0).TotalSeconds:0.0} s (sweep every 2 s)");
Console.WriteLine($"service CPU during the broadcast: {cpu.TotalSeconds:0.0} s"
    + (postgres is null ? "" : $" over {bot.Instances.Count} instance(s) (outbox lease held by {holder}), PostgreSQL backends {databaseCpu.TotalSeconds:0.0} s")
    + $"; load {Load()}");

var problems = new List<string>();
if (result.Telegram.Refused + result.Teams.Refused > 0) problems.Add("429 answers");
if (result.Telegram.Lost + result.Teams.Lost > 0) problems.Add("lost messages");
if (result.Telegram.Duplicated + result.Teams.Duplicated > 0) problems.Add("duplicates");
if (status.Status != "Done" || status.Delivered != total) problems.Add($"report: {status.Status}, delivered {status.Delivered} of {total}");
var withinTarget = result.Measured <= result.Minimum * 1.05;
Console.WriteLine(problems.Count > 0 ? "FAILED: " + string.Join(", ", problems)
    : withinTarget ? "OK: within 5% of the minimum, no 429, nothing lost, nothing sent twice" : "TIME TARGET MISSED: more than 5% over the minimum");
return problems.Count > 0 ? 1 : withinTarget ? 0 : 2;

static string Over(TimeSpan measured, TimeSpan minimum) =>
    minimum <= TimeSpan.Zero ? "" : $"{(measured / minimum - 1) * 100:+0.0;-0.0}%";

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Buurtkracht.Bot.sln"))) return dir.FullName;
    throw new InvalidOperationException("Buurtkracht.Bot.sln not found above the harness");
}
