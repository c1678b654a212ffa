using System.Diagnostics;
using Buurtkracht.Testing;

namespace Buurtkracht.EndToEnd.Tests.Infrastructure;

/// <summary>The real executable as a separate process on a data folder, so a test can kill it without warning and start it again.</summary>
public static class ServiceProcess
{
    /// <summary>Starts Buurtkracht.Bot.dll against the fake Bot API; <paramref name="settings"/> are extra environment variables (Section__Key).</summary>
    public static Process Start(FakeTelegramServer telegram, string dataFolder, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "Buurtkracht.Bot.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = dataFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Buurtkracht"] = ConnectionString(dataFolder);
        start.Environment["Telegram__BotToken"] = telegram.Token;
        start.Environment["Telegram__ApiBaseUrl"] = telegram.BaseUrl;
        start.Environment["Telegram__PollingTimeoutSeconds"] = "1";
        start.Environment["Outbox__PollInterval"] = "00:00:00.200";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        // Drain the output so a full pipe never blocks the service.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The dotnet host running these tests, so a child process uses the same SDK as the test run.</summary>
    public static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    public static string ConnectionString(string dataFolder) => $"Data Source={Path.Combine(dataFolder, "buurtkracht.db")}";

    /// <summary>kill -9: no shutdown, nothing flushed, requests in flight cut off.</summary>
    public static async Task KillAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}
