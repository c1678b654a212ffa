using System.Globalization;
using System.Text;

namespace Buurtkracht.Benchmarks;

/// <summary>One line of the figures table; <see cref="Met"/> is null where there is no target.</summary>
public sealed record Figure(string Scenario, string Metric, string Value, string Target = "", bool? Met = null)
{
    public string Verdict => Met switch { true => "met", false => "MISSED", null => "" };
}

/// <summary>Collects figures and per-scenario detail, prints the table and writes the markdown report.</summary>
public sealed class Report
{
    private readonly List<Figure> _figures = [];
    private readonly List<(string Title, List<string> Lines)> _details = [];

    public IReadOnlyList<Figure> Figures => _figures;
    public List<string> Problems { get; } = [];

    /// <summary>The 1-minute load average before each scenario and at the end: other work on the machine skews every figure.</summary>
    public List<(string When, double Load)> LoadAverages { get; } = [];

    public void RecordLoad(string when)
    {
        var load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        LoadAverages.Add((when, load));
        if (load > Environment.ProcessorCount)
            Console.WriteLine($"  note: load average {load:0.0} on {Environment.ProcessorCount} cores {when}: other work competes with the service");
    }

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        Console.WriteLine($"  {figure.Scenario,-11} {figure.Metric,-44} {figure.Value,14} {figure.Target,10} {figure.Verdict}");
    }

    /// <summary>Markdown lines under a heading of their own in the report.</summary>
    public List<string> Details(string title)
    {
        var lines = new List<string>();
        _details.Add((title, lines));
        return lines;
    }

    public void PrintTable()
    {
        var widths = new[]
        {
            Math.Max(8, _figures.Max(f => f.Scenario.Length)), _figures.Max(f => f.Metric.Length),
            _figures.Max(f => f.Value.Length), Math.Max(6, _figures.Max(f => f.Target.Length)), 6,
        };
        string Row(params string[] cells) => string.Join("  ", cells.Select((c, i) => i == 2 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        Console.WriteLine();
        Console.WriteLine(Row("scenario", "metric", "value", "target", "verdict"));
        Console.WriteLine(new string('-', widths.Sum() + 8));
        foreach (var f in _figures) Console.WriteLine(Row(f.Scenario, f.Metric, f.Value, f.Target, f.Verdict));
        foreach (var problem in Problems) Console.WriteLine($"PROBLEM: {problem}");
    }

    public string Markdown(MachineInfo machine, string command, string childCommand, DateTimeOffset startedAt, TimeSpan took)
    {
        var md = new StringBuilder();
        md.AppendLine("# Buurtkracht.Bot benchmark results").AppendLine();
        md.AppendLine($"- date: {startedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} (harness ran {took.TotalSeconds:0} s)");
        md.AppendLine($"- machine: {machine.Cores} cores ({machine.CpuModel}), {machine.RamGiB:0.0} GiB RAM, {machine.Os}");
        md.AppendLine($"- dotnet: SDK {machine.SdkVersion}, runtime {machine.Runtime}; service GC: {machine.ServiceGc}");
        md.AppendLine($"- command: `{command}`");
        md.AppendLine($"- service measured: {machine.ServiceSource}, launched as `{childCommand}`");
        md.AppendLine("- load generator, fake Telegram Bot API and service share the same machine (loopback only), so the figures include the harness' own CPU use.");
        md.AppendLine($"- 1-minute load average (other processes included): {string.Join(", ", LoadAverages.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Load:0.0} {l.When}")))}");
        md.AppendLine();
        md.AppendLine("| scenario | metric | value | target | verdict |");
        md.AppendLine("|---|---|--:|--:|---|");
        foreach (var f in _figures) md.AppendLine($"| {f.Scenario} | {f.Metric} | {f.Value} | {f.Target} | {f.Verdict} |");
        md.AppendLine();
        if (Problems.Count > 0)
        {
            md.AppendLine("## Problems").AppendLine();
            foreach (var problem in Problems) md.AppendLine($"- {problem}");
            md.AppendLine();
        }
        foreach (var (title, lines) in _details)
        {
            md.AppendLine($"## {title}").AppendLine();
            foreach (var line in lines) md.AppendLine(line);
            md.AppendLine();
        }
        return md.ToString();
    }
}

public static class Stats
{
    /// <summary>Nearest-rank percentile of an already sorted array.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";
    public static string N(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
