using System.Diagnostics;
using System.Globalization;
using Buurtkracht.Core;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Meldingen [-- dialogs [residents]]
// Prints a Markdown report. Each dialog is 9 turns (/melding, theme, category, typed address, description, skip photos,
// anonymous, send) through IInboundHandler on its own SQLite file; hosted services (dispatcher, Quartz) are not started,
// so the figure is the engine's and the database's, not a platform's rate limit.
var dialogs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var residents = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
await using var bench = await InProcessEngine.StartAsync("meldingen");
var provider = bench.Services;
var engine = bench.Engine;
int categoryId;
await using (var scope = provider.CreateAsyncScope())
    categoryId = await scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>().MeldingCategories.Where(c => c.Code == "verlichting").Select(c => c.Id).SingleAsync();

long update = 0;
var turnTimes = new List<double>();
var gate = new Lock();

async Task TurnAsync(string user, InboundContent content)
{
    var message = new InboundMessage($"b-{Interlocked.Increment(ref update)}", new ChatAddress(ChannelKind.Telegram, user), ChatKind.Private, null,
        new Sender(user, $"Bewoner {user}"), content);
    var watch = Stopwatch.StartNew();
    var outcome = await engine.HandleAsync(message, CancellationToken.None);
    var ms = watch.Elapsed.TotalMilliseconds;
    if (outcome != InboundOutcome.Processed) throw new InvalidOperationException($"Turn {outcome}");
    lock (gate) turnTimes.Add(ms);
}

async Task DialogAsync(string user)
{
    await TurnAsync(user, new CommandContent("melding", ""));
    await TurnAsync(user, new ChoiceContent("thema:Heel"));
    await TurnAsync(user, new ChoiceContent($"cat:{categoryId}"));
    await TurnAsync(user, new TextContent("Kerkstraat 12"));
    await TurnAsync(user, new TextContent("De lantaarnpaal voor de deur doet het al een week niet."));
    await TurnAsync(user, new ChoiceContent("fotos:klaar"));
    await TurnAsync(user, new ChoiceContent("contact:anoniem"));
    await TurnAsync(user, new ChoiceContent("samenvatting:versturen"));
}

// Warm-up: JIT and the first queries.
for (var i = 0; i < 5; i++) await DialogAsync($"warm-{i}");
turnTimes.Clear();

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
turnTimes.Sort();
double Percentile(double p) => turnTimes[(int)Math.Min(turnTimes.Count - 1, Math.Ceiling(p * turnTimes.Count) - 1)];

Console.WriteLine($"# Meldingen benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, SQLite)");
Console.WriteLine();
Console.WriteLine("| figure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| complete dialogs | {dialogs} ({residents} residents at once, 8 turns each) |");
Console.WriteLine($"| meldingen stored | {stored - 5} (+5 warm-up) |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| wall time | {total.Elapsed.TotalSeconds:F2} s |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **dialogs per second** | **{dialogs / total.Elapsed.TotalSeconds:F1}** |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| turns per second | {turnTimes.Count / total.Elapsed.TotalSeconds:F0} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| turn latency p50 / p95 / p99 | {Percentile(0.50):F1} / {Percentile(0.95):F1} / {Percentile(0.99):F1} ms (including waiting for the engine's single-writer gate) |"));
return 0;

/// <summary>A platform that accepts every message; the dispatcher is not running anyway.</summary>
