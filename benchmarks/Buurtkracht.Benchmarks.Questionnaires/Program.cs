using System.Diagnostics;
using System.Globalization;
using Buurtkracht.Core;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Questionnaires [-- respondents [concurrent] [responses]]
// Prints a Markdown report. Part 1: residents answer the buurtpeiling (open + 5 answers = 6 turns, 5 stored answers each)
// through IInboundHandler on a SQLite file; hosted services are not started. Part 2: 10,000 responses are written
// directly, then the results (counts, averages, distributions) are computed for them.
var respondents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var concurrent = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var responses = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
await using var bench = await InProcessEngine.StartAsync("questionnaires");
var provider = bench.Services;
var engine = bench.Engine;
var clock = TimeProvider.System;

long update = 0;
async Task TurnAsync(string user, ChatKind kind, string chat, InboundContent content)
{
    var message = new InboundMessage($"b-{Interlocked.Increment(ref update)}", new ChatAddress(ChannelKind.Telegram, chat), kind,
        kind == ChatKind.Group ? "Straatapp" : null, new Sender(user, $"Bewoner {user}"), content);
    var outcome = await engine.HandleAsync(message, CancellationToken.None);
    if (outcome != InboundOutcome.Processed) throw new InvalidOperationException($"Turn {outcome}");
}

// A group and a send of the buurtpeiling to it.
await TurnAsync("1", ChatKind.Group, "-100", new TextContent("Hallo"));
int sendId;
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
    var service = scope.ServiceProvider.GetRequiredService<QuestionnaireService>();
    var group = await db.StreetGroups.SingleAsync();
    var send = await service.CreateSendAsync(db, "buurtpeiling", QuestionnaireTarget.Group, group.Id, clock.GetUtcNow(), null, clock.GetUtcNow());
    await db.SaveChangesAsync();
    await service.SweepAsync(db, clock.GetUtcNow());
    sendId = send.Id;
}

async Task AnswerAsync(string user)
{
    await TurnAsync(user, ChatKind.Private, user, new ChoiceContent($"vl:{sendId}"));
    await TurnAsync(user, ChatKind.Private, user, new ChoiceContent("a:4"));
    await TurnAsync(user, ChatKind.Private, user, new ChoiceContent("a:3"));
    await TurnAsync(user, ChatKind.Private, user, new ChoiceContent("a:5"));
    await TurnAsync(user, ChatKind.Private, user, new ChoiceContent("a:ja"));
    await TurnAsync(user, ChatKind.Private, user, new ChoiceContent("a:nee"));
}

for (var i = 0; i < 5; i++) await AnswerAsync($"warm-{i}");
var next = -1;
var total = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrent).Select(async r =>
{
    while (Interlocked.Increment(ref next) < respondents) await AnswerAsync($"r{r}-{next}");
}));
total.Stop();
int storedAnswers;
await using (var scope = provider.CreateAsyncScope())
    storedAnswers = await scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>().Set<QuestionnaireAnswer>().CountAsync() - 25;

// Part 2: bulk responses (written directly, as finished responses look), then results over all of them.
var random = new Random(7);
await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
    var versionId = await db.Set<QuestionnaireSend>().Where(s => s.Id == sendId).Select(s => s.VersionId).SingleAsync();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    for (var i = 0; i < responses; i++)
    {
        var id = Guid.NewGuid().ToString("N");
        db.Add(new QuestionnaireResponse { Id = id, SendId = sendId, VersionId = versionId, Key = "buurtpeiling", SubmittedOn = new DateOnly(2027, 1, 1).AddDays(i % 300) });
        foreach (var q in new[] { "trots", "buren-kennen", "veilig" })
        {
            var v = random.Next(1, 6);
            db.Add(new QuestionnaireAnswer { ResponseId = id, QuestionId = q, Value = v.ToString(CultureInfo.InvariantCulture), Number = v });
        }
        db.Add(new QuestionnaireAnswer { ResponseId = id, QuestionId = "fixi", Value = random.Next(2) == 0 ? "ja" : "nee" });
        db.Add(new QuestionnaireAnswer { ResponseId = id, QuestionId = "buurtpreventie", Value = random.Next(2) == 0 ? "ja" : "nee" });
        if (i % 1000 == 999)
        {
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
    await db.SaveChangesAsync();
}
var timings = new List<double>();
QuestionnaireResult? result = null;
for (var run = 0; run < 6; run++)
{
    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
    var watch = Stopwatch.StartNew();
    result = await scope.ServiceProvider.GetRequiredService<QuestionnaireResults>().ComputeAsync(db, new ResultFilter("buurtpeiling"));
    if (run > 0) timings.Add(watch.Elapsed.TotalMilliseconds);
}
timings.Sort();

Console.WriteLine($"# Questionnaires benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, SQLite)");
Console.WriteLine();
Console.WriteLine("| figure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| respondents through the engine | {respondents} ({concurrent} at once, 6 turns and 5 answers each) |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| wall time | {total.Elapsed.TotalSeconds:F2} s |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **answers stored per second** | **{storedAnswers / total.Elapsed.TotalSeconds:F0}** ({storedAnswers} answers) |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| completed questionnaires per second | {respondents / total.Elapsed.TotalSeconds:F1} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **results for {result!.Respondents} responses** | **median {timings[timings.Count / 2]:F0} ms** (min {timings[0]:F0}, max {timings[^1]:F0}; 5 runs after a warm-up) |"));
return 0;

/// <summary>A platform that accepts every message; the dispatcher is not running anyway.</summary>
