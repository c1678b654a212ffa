using System.Diagnostics;
using System.Globalization;
using Buurtkracht.Core.Meldingen.Suggestions;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Classifier [-- predictions]
// Prints a Markdown report: the memory the trained category classifier adds to the process (managed heap after a full
// collection, and the working set), how long training on the shipped examples takes, and the latency of one suggestion.
var predictions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var examples = CategoryClassifier.LoadExamples();
var process = Process.GetCurrentProcess();

static long Heap() => GC.GetTotalMemory(forceFullCollection: true);
process.Refresh();
var (heapBefore, setBefore) = (Heap(), process.WorkingSet64);

var watch = Stopwatch.StartNew();
var classifier = new CategoryClassifier(NullLogger<CategoryClassifier>.Instance);
await classifier.WhenReady;
var training = watch.Elapsed;
classifier.Suggest("warm-up: de lamp doet het niet");
process.Refresh();
var (heapAfter, setAfter) = (Heap(), process.WorkingSet64);

var times = new double[predictions];
for (var i = 0; i < predictions; i++)
{
    var text = examples[i % examples.Count].Text;
    var start = Stopwatch.GetTimestamp();
    classifier.Suggest(text);
    times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
}
Array.Sort(times);
double P(double q) => times[(int)Math.Min(times.Length - 1, Math.Ceiling(q * times.Length) - 1)];
process.Refresh();

static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
Console.WriteLine($"# Category classifier benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
Console.WriteLine();
Console.WriteLine($"`dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks.Classifier -- {predictions}`");
Console.WriteLine();
Console.WriteLine("| figure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| examples trained on | {examples.Count} ({examples.Select(e => e.Code).Distinct().Count()} categories) |");
Console.WriteLine($"| training time (in the background at start) | {training.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s |");
Console.WriteLine($"| managed heap added by the trained model | {Mb(heapAfter - heapBefore)} |");
Console.WriteLine($"| working set added (classifier code and model) | {Mb(setAfter - setBefore)} |");
Console.WriteLine($"| working set after {predictions} suggestions | {Mb(process.WorkingSet64)} |");
Console.WriteLine($"| suggestion latency p50 / p95 / p99 | {P(0.5):0} / {P(0.95):0} / {P(0.99):0} µs |");
