using System.Diagnostics;
using System.Globalization;
using Buurtkracht.Core;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Meldingen [-- dialogs [residents [latency-ms]]]
// Prints a Markdown report. Each dialog is 9 turns (/melding, theme, category, typed address, "Bedoel je: …?" confirmed,
// description, skip photos, anonymous, send) through IInboundHandler on its own SQLite file, with the fake PDOK
// Locatieserver on loopback answering after the given latency (20 ms). The typed address asks the geocoder twice at once
// (suggest here, free anywhere) and the confirmation once (lookup), outside the engine's writer loop; the answer cache is
// off, so every dialog pays. Hosted services (dispatcher, Quartz) are not started, so the figure is the engine's, the
// database's and the geocoder's, not a platform's rate limit.
var dialogs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var residents = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var latency = TimeSpan.FromMilliseconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
await using var pdok = await FakeLocatieserver.StartAsync();
pdok.Latency = latency;
await using var bench = await InProcessEngine.StartAsync("meldingen", new Dictionary<string, string?>
{
    ["Meldingen:Geocoder:BaseUrl"] = pdok.BaseUrl,
    ["Conversations:PlatformCacheFor"] = "00:00:00",
});
var provider = bench.Services;
var engine = bench.Engine;
int categoryId;
await using (var scope = provider.CreateAsyncScope())
    categoryId = await scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>().MeldingCategories.Where(c => c.Code == "verlichting").Select(c => c.Id).SingleAsync();

long update = 0;
var turnTimes = new List<double>();
var placeTimes = new List<double>();
var gate = new Lock();

async Task TurnAsync(string user, InboundContent content, bool placeStep = false)
{
    var message = new InboundMessage($"b-{Interlocked.Increment(ref update)}", new ChatAddress(ChannelKind.Telegram, user), ChatKind.Private, null,
        new Sender(user, $"Bewoner {user}"), content);
    var watch = Stopwatch.StartNew();
    var outcome = await engine.HandleAsync(message, CancellationToken.None);
    var ms = watch.Elapsed.TotalMilliseconds;
    if (outcome != InboundOutcome.Processed) throw new InvalidOperationException($"Turn {outcome}");
    lock (gate)
    {
        turnTimes.Add(ms);
        if (placeStep) placeTimes.Add(ms);
    }
}

async Task DialogAsync(string user)
{
    await TurnAsync(user, new CommandContent("melding", ""));
    await TurnAsync(user, new ChoiceContent("thema:Heel"));
    await TurnAsync(user, new ChoiceContent($"cat:{categoryId}"));
    await TurnAsync(user, new TextContent("Kerkstraat 12"), placeStep: true);
    await TurnAsync(user, new ChoiceContent("adres:0"), placeStep: true);
    await TurnAsync(user, new TextContent("De lantaarnpaal voor de deur doet het al een week niet."));
    await TurnAsync(user, new ChoiceContent("fotos:klaar"));
    await TurnAsync(user, new ChoiceContent("contact:anoniem"));
    await TurnAsync(user, new ChoiceContent("samenvatting:versturen"));
}

// Warm-up: JIT and the first queries.
for (var i = 0; i < 5; i++) await DialogAsync($"warm-{i}");
turnTimes.Clear();
placeTimes.Clear();
var requestsBefore = pdok.RequestCount;

var next = -1;
var total = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, residents).Select(async r =>
{
    while (Interlocked.Increment(ref next) < dialogs) await DialogAsync($"r{r}-{next}");
}));
total.Stop();

int stored;
await using (var scope = provider.CreateAsyncScope())
    stored = await scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>().Meldingen.CountAsync();
var geocoderRequests = pdok.RequestCount - requestsBefore;
turnTimes.Sort();
placeTimes.Sort();
double Percentile(List<double> times, double p) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(p * times.Count) - 1)];

Console.WriteLine($"# Meldingen benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, SQLite)");
Console.WriteLine();
Console.WriteLine("| figure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| complete dialogs | {dialogs} ({residents} residents at once, 9 turns each) |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| geocoder | fake PDOK Locatieserver, {latency.TotalMilliseconds:F0} ms per request, {geocoderRequests} requests ({(double)geocoderRequests / dialogs:F1} a dialog) |"));
Console.WriteLine($"| meldingen stored | {stored - 5} (+5 warm-up) |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| wall time | {total.Elapsed.TotalSeconds:F2} s |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **dialogs per second** | **{dialogs / total.Elapsed.TotalSeconds:F1}** |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| turns per second | {turnTimes.Count / total.Elapsed.TotalSeconds:F0} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| turn latency p50 / p95 / p99 | {Percentile(turnTimes, 0.50):F1} / {Percentile(turnTimes, 0.95):F1} / {Percentile(turnTimes, 0.99):F1} ms (including waiting for the engine's single-writer gate) |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **place step** (typed address, then the confirmation) p50 / **p95** / p99 | {Percentile(placeTimes, 0.50):F1} / **{Percentile(placeTimes, 0.95):F1}** / {Percentile(placeTimes, 0.99):F1} ms |"));
return 0;

/// <summary>A platform that accepts every message; the dispatcher is not running anyway.</summary>
