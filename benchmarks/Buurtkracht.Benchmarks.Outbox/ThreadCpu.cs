using System.Globalization;

namespace Buurtkracht.Benchmarks.Outbox;

/// <summary>
/// CPU time per thread of a process from /proc/PID/task/TID/stat (utime + stime, in clock ticks of 10 ms), so the idle
/// figure can say which threads used it: the thread names (.NET TP Worker, QuartzScheduler_..., .NET Timer) point at
/// the timer behind them.
/// </summary>
public static class ThreadCpu
{
    private const double TicksPerSecond = 100;

    public static Dictionary<string, TimeSpan> Read(int pid)
    {
        var byThread = new Dictionary<string, TimeSpan>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }
            // "tid (name) state ...": the name may hold spaces, so split after the last ')'.
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            var name = stat[(open + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            byThread[$"{name} [{Path.GetFileName(task)}]"] = TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        return byThread;
    }

    /// <summary>The threads that used CPU between two readings, busiest first.</summary>
    public static IEnumerable<(string Thread, TimeSpan Cpu)> Busiest(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after, int count) =>
        after.Select(a => (Thread: a.Key, Cpu: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(t => t.Cpu > TimeSpan.Zero)
            .OrderByDescending(t => t.Cpu)
            .Take(count);
}
