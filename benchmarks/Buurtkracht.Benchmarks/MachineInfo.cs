using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Buurtkracht.Benchmarks;

public sealed record MachineInfo(int Cores, string CpuModel, double RamGiB, string Os, string SdkVersion, string Runtime, string ServiceGc, string ServiceSource)
{
    public static MachineInfo Read(string botDll)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).FirstOrDefault();
        return new MachineInfo(Environment.ProcessorCount, cpu, memKb / 1024.0 / 1024.0, RuntimeInformation.OSDescription, Sdk(),
            RuntimeInformation.FrameworkDescription, ServiceGcMode(botDll), SourceOf(botDll));
    }

    private static string Sdk() => Run("dotnet", null, "--version") ?? "unknown";

    // Figures belong to a version of the service: the commit its checkout stands on, and whether it had edits on top.
    private static string SourceOf(string botDll)
    {
        var folder = Path.GetDirectoryName(botDll)!;
        var commit = Run("git", folder, "rev-parse", "--short", "HEAD");
        if (commit is null) return "unknown (not in a git checkout)";
        var edits = Run("git", folder, "status", "--porcelain", "--", "src");
        return $"commit {commit}{(string.IsNullOrEmpty(edits) ? "" : ", with uncommitted changes in src/")}";
    }

    private static string? Run(string file, string? folder, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (folder is not null) start.WorkingDirectory = folder;
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(10_000);
            return process.ExitCode == 0 ? output : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    // The Web SDK turns server GC on by default; it shapes both throughput and idle memory, so the report names it.
    private static string ServiceGcMode(string botDll)
    {
        var config = Path.ChangeExtension(botDll, ".runtimeconfig.json");
        if (!File.Exists(config)) return "unknown";
        var options = JsonNode.Parse(File.ReadAllText(config))?["runtimeOptions"]?["configProperties"];
        var server = options?["System.GC.Server"]?.GetValue<bool>() == true;
        var concurrent = options?["System.GC.Concurrent"]?.GetValue<bool>() != false;
        return $"{(server ? "server" : "workstation")}{(concurrent ? ", concurrent" : "")}";
    }
}
