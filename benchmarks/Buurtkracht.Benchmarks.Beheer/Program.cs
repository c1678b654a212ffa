using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Buurtkracht.Benchmarks;
using Buurtkracht.Benchmarks.Beheer;
using Buurtkracht.Testing;
using static Buurtkracht.Testing.TelegramUpdates;

// dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Beheer [-- requestsPerPage [only pages whose name contains this]] [--bot <Buurtkracht.Bot.dll>]
// --bot measures another build (an A/B against the commit before a change, runs alternated).
string? otherBot = null;
if (Array.IndexOf(args, "--bot") is var botArg and >= 0 && botArg + 1 < args.Length)
{
    otherBot = Path.GetFullPath(args[botArg + 1]);
    args = [.. args[..botArg], .. args[(botArg + 2)..]];
}
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var only = args.Length > 1 ? args[1] : null;
if (requests is < 20 or > 10_000)
{
    Console.Error.WriteLine("usage: [requestsPerPage 20..10000]");
    return 64;
}
const double TargetMs = 200;

var root = RepositoryRoot();
var configuration = typeof(Seeding).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
var botDll = otherBot ?? Path.Combine(root, "src", "Buurtkracht.Bot", "bin", configuration, "net10.0", "Buurtkracht.Bot.dll");
if (!File.Exists(botDll))
{
    Console.Error.WriteLine($"{botDll} is missing: build with `dotnet build -c Release benchmarks/Buurtkracht.Benchmarks.Beheer`.");
    return 66;
}
if (configuration != "Release") Console.Error.WriteLine($"warning: measuring a {configuration} build; use `dotnet run -c Release` for real figures.");
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
Console.CancelKeyPress += (_, _) => ChildProcess.KillAll();

var machine = MachineInfo.Read(botDll);
Console.WriteLine($"# Dashboard benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
Console.WriteLine();
Console.WriteLine($"{machine.Cores} cores, {machine.CpuModel}, .NET {machine.Runtime}, service {machine.ServiceSource}, SQLite, load {Load()}");

await using var telegram = await FakeTelegramServer.StartAsync();
await using var bot = BotProcess.Launch(botDll, telegram, new BenchOptions());
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
await bot.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(60));

var seedClock = Stopwatch.StartNew();
var seeded = await Seeding.SeedAsync(bot.DatabasePath);
Console.WriteLine();
Console.WriteLine($"Seeded in {seedClock.Elapsed.TotalSeconds:0} s: {seeded.Meldingen:N0} meldingen (with status history and forwards), {seeded.Activities} activities "
    + $"({seeded.Rsvps:N0} RSVPs), {seeded.Answers:N0} questionnaire answers, {seeded.Groups} groups, {seeded.Members:N0} members, "
    + $"{seeded.AuditEntries:N0} audit entries, over the 24 months up to now.");

// The coördinator and a moderator type /beheer in their private chat and follow the button, as a person would.
long updateId = 1;
async Task<HttpClient> LoginAsync(long user)
{
    var update = Command(user, user, "/beheer");
    update["update_id"] = updateId++;
    using var request = new HttpRequestMessage(HttpMethod.Post, bot.WebhookUrl) { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
    request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", BotProcess.WebhookSecret);
    using (var response = await http.SendAsync(request))
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"webhook answered {response.StatusCode}{bot.Tail()}");
    var chat = user.ToString(CultureInfo.InvariantCulture);
    var reply = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == chat && c.Parameters["reply_markup"] is not null, TimeSpan.FromSeconds(60));
    var markup = reply.Parameters["reply_markup"] is JsonValue text ? JsonNode.Parse(text.GetValue<string>())! : reply.Parameters["reply_markup"]!;
    var link = new Uri(markup["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).Single(b => b!["url"] is not null)!["url"]!.GetValue<string>());
    var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = bot.BaseUrl, Timeout = TimeSpan.FromSeconds(60),
    };
    using var login = await client.GetAsync(link.PathAndQuery);
    if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"the login link answered {login.StatusCode}{bot.Tail()}");
    return client;
}
using var coordinator = await LoginAsync(Seeding.Coordinator);
using var moderator = await LoginAsync(seeded.ModeratorUserId);

var today = DateTime.UtcNow;
var lastMonth = today.AddMonths(-1);
var (from, until) = ($"{lastMonth:yyyy-MM}-01", $"{lastMonth:yyyy-MM}-{DateTime.DaysInMonth(lastMonth.Year, lastMonth.Month):00}");
var pages = new List<(string Who, string Page, string Path, HttpClient Client)>
{
    ("coördinator", "Overzicht", "/beheer", coordinator),
    ("coördinator", "Overzicht, last month", $"/beheer?maand={lastMonth:yyyy-MM}", coordinator),
    ("coördinator", "Overzicht, one buurt, a year ago", $"/beheer?maand={today.AddMonths(-12):yyyy-MM}&buurt=Staatsliedenbuurt", coordinator),
    ("coördinator", "Meldingen", "/beheer/meldingen", coordinator),
    ("coördinator", "Meldingen, buurt", $"/beheer/meldingen?buurt={seeded.BuurtId}", coordinator),
    ("coördinator", "Meldingen, thema + status", "/beheer/meldingen?thema=Schoon&status=InBehandeling", coordinator),
    ("coördinator", "Meldingen, categorie + period", $"/beheer/meldingen?categorie={seeded.CategoryId}&van={from}&tot={until}", coordinator),
    ("coördinator", "Meldingen, forwarding failed", "/beheer/meldingen?doorsturen=Failed", coordinator),
    ("coördinator", "Meldingen, page 200", "/beheer/meldingen?pagina=200", coordinator),
    ("coördinator", "Meldingen map markers (all)", "/beheer/meldingen?handler=Kaart", coordinator),
    ("coördinator", "Meldingen map markers, buurt", $"/beheer/meldingen?handler=Kaart&buurt={seeded.BuurtId}", coordinator),
    ("coördinator", "Melding detail", $"/beheer/meldingen/{seeded.MeldingId}", coordinator),
    ("coördinator", "Export CSV, last month", $"/beheer/meldingen?handler=Csv&van={from}&tot={until}", coordinator),
    ("coördinator", "Export .xlsx, last month", $"/beheer/meldingen?handler=Xlsx&van={from}&tot={until}", coordinator),
    ("coördinator", "Export CSV, all 10,000", "/beheer/meldingen?handler=Csv", coordinator),
    ("coördinator", "Export .xlsx, all 10,000", "/beheer/meldingen?handler=Xlsx", coordinator),
    ("coördinator", "Activiteiten (coming)", "/beheer/activiteiten", coordinator),
    ("coördinator", "Activiteiten (past)", "/beheer/activiteiten?periode=voorbij", coordinator),
    ("coördinator", "Activiteit detail", $"/beheer/activiteiten/activiteit/{seeded.EventId}", coordinator),
    ("coördinator", "Activiteit: change a date", $"/beheer/activiteiten/datum/{seeded.OccurrenceId}", coordinator),
    ("coördinator", "Activiteit plannen (form)", "/beheer/activiteiten/plannen", coordinator),
    ("coördinator", "Programma (upload form)", "/beheer/activiteiten/programma", coordinator),
    ("coördinator", "Vragenlijsten", "/beheer/vragenlijsten", coordinator),
    ("coördinator", "Vragenlijst results", $"/beheer/vragenlijsten/resultaten?send={seeded.SendId}", coordinator),
    ("coördinator", "Omroep", "/beheer/omroep", coordinator),
    ("coördinator", "Omroep report", $"/beheer/omroep/rapport/{seeded.BroadcastId}", coordinator),
    ("coördinator", "Omroep report counts (polled)", $"/beheer/omroep/rapport/{seeded.BroadcastId}?handler=Counts", coordinator),
    ("coördinator", "Groepen", "/beheer/groepen", coordinator),
    ("coördinator", "Groep detail", $"/beheer/groepen/{seeded.GroupId}", coordinator),
    ("coördinator", "Logboek", "/beheer/logboek", coordinator),
    ("coördinator", "Logboek, action + period", $"/beheer/logboek?action=melding-status-changed&from={from}&until={until}", coordinator),
    ("coördinator", "Logboek, page 50", "/beheer/logboek?pageNumber=50", coordinator),
    ("coördinator", "Berichten (given up)", "/beheer/berichten", coordinator),
    ("moderator", "Overzicht (own group)", "/beheer", moderator),
    ("moderator", "Meldingen (own streets)", "/beheer/meldingen", moderator),
    ("moderator", "Vragenlijsten", "/beheer/vragenlijsten", moderator),
    ("moderator", "Groepen", "/beheer/groepen", moderator),
    ("moderator", "Groep detail", $"/beheer/groepen/{seeded.GroupId}", moderator),
};

Console.WriteLine();
Console.WriteLine($"Each page: 5 warm-up requests, then {requests} one after the other; time from sending the request to the last byte of the body, on loopback,");
Console.WriteLine("and the service process's CPU time (user + system, all threads) over those requests divided by their number.");
Console.WriteLine();
Console.WriteLine("| who | page | path | size | p50 | p95 | max | service CPU per request |");
Console.WriteLine("|---|---|---|--:|--:|--:|--:|--:|");
var slow = new List<string>();
foreach (var (who, name, path, client) in pages.Where(p => only is null || p.Page.Contains(only, StringComparison.OrdinalIgnoreCase)))
{
    var times = new List<double>();
    long size = 0;
    var cpu = TimeSpan.Zero;
    for (var i = 0; i < requests + 5; i++)
    {
        if (i == 5) cpu = bot.CpuTime();
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}{bot.Tail()}");
        size = body.Length;
        if (i >= 5) times.Add(watch.Elapsed.TotalMilliseconds);
    }
    // The service's own CPU per request: on this shared machine other work stretches the wall time, not this.
    var cpuPerRequest = (bot.CpuTime() - cpu).TotalMilliseconds / requests;
    times.Sort();
    var (p50, p95) = (Percentile(times, 0.50), Percentile(times, 0.95));
    if (p95 >= TargetMs) slow.Add($"{name} ({p95:0} ms)");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {who} | {name} | `{path}` | {Size(size)} | {p50:0.0} ms | {(p95 >= TargetMs ? $"**{p95:0.0} ms**" : $"{p95:0.0} ms")} | {times[^1]:0.0} ms | {cpuPerRequest:0.0} ms |"));
}
Console.WriteLine();
Console.WriteLine($"load after the run {Load()}; service errors logged: {bot.ErrorLines}");
Console.WriteLine(slow.Count == 0 ? $"OK: every page's p95 is under {TargetMs:0} ms" : $"TOO SLOW (p95 ≥ {TargetMs:0} ms): {string.Join(", ", slow)}");
return slow.Count == 0 ? 0 : 2;

// The nearest-rank percentile of sorted times.
static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:0.0} MB" : $"{bytes / 1024.0:0} kB";

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Buurtkracht.Bot.sln"))) return dir.FullName;
    throw new InvalidOperationException("Buurtkracht.Bot.sln not found above the harness");
}
