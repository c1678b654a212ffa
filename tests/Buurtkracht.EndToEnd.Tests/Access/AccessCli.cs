using Buurtkracht.Bot.Cli;
using Buurtkracht.EndToEnd.Tests.Infrastructure;

namespace Buurtkracht.EndToEnd.Tests.Access;

/// <summary>The admin CLI run in-process on a running host's database, as a coördinator beside the live service.</summary>
internal static class AccessCli
{
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(BotHost host, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await AdminCli.RunAsync(args, stdout, stderr,
            new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = $"Data Source={host.DatabasePath}" });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the CLI and fails the test with its output unless it exits 0; returns stdout.</summary>
    public static async Task<string> OkAsync(BotHost host, params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(host, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}\n{stdout}\n{stderr}");
        return stdout;
    }
}
