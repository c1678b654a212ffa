using System.Diagnostics;
using Buurtkracht.Testing;

namespace Buurtkracht.Benchmarks;

/// <summary>
/// One run of the real service: <c>dotnet Buurtkracht.Bot.dll --urls http://127.0.0.1:PORT</c> (or, for a self-contained
/// publish folder, its own executable <c>Buurtkracht.Bot</c>) with a fresh SQLite
/// file (or, with a connection string, a PostgreSQL database it may share with other instances) and Telegram in Webhook
/// mode against the fake Bot API. Disposing kills it and removes its data folder.
/// </summary>
public sealed class BotProcess : ChildProcess
{
    public const string WebhookSecret = "bench-webhook-secret";

    private StreamWriter? _log;

    private BotProcess(ProcessStartInfo start, string dataFolder, int port, StreamWriter? log) : base(start, "service", dataFolder, port) =>
        _log = log;

    public string DatabasePath => Path.Combine(DataFolder, "bk.db");

    /// <summary>How the child is launched, for the report.</summary>
    public static string CommandLine(string botDll, string shownFrom) =>
        $"{(SelfContainedHost(botDll) is { } host ? Path.GetRelativePath(shownFrom, host) : $"dotnet {Path.GetRelativePath(shownFrom, botDll)}")} --urls http://127.0.0.1:<port>  (cwd = its folder; env ConnectionStrings__Buurtkracht=\"Data Source=<tmp>/bk.db\", "
        + "Telegram__BotToken, Telegram__ApiBaseUrl=<fake>, Telegram__Mode=Webhook, Telegram__WebhookUrl, Telegram__WebhookSecret)";

    public static BotProcess Launch(string botDll, FakeTelegramServer telegram, BenchOptions options, string? postgres = null)
    {
        var port = FreeLoopbackPort();
        var dataFolder = Directory.CreateTempSubdirectory("bk-bench-").FullName;
        // A self-contained publish (`dotnet publish -c Release`: ReadyToRun, its own runtime) is started through its
        // executable, as deploy/buurtkracht.service does: `dotnet <dll>` would run it on the machine's shared runtime,
        // which is not what is deployed.
        var host = SelfContainedHost(botDll);
        var start = new ProcessStartInfo(host ?? "dotnet")
        {
            // appsettings.json (log levels: EF Core at Warning) is read from the content root, which is the working folder.
            WorkingDirectory = Path.GetDirectoryName(botDll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (host is null) start.ArgumentList.Add(botDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_ENVIRONMENT" })
            start.Environment.Remove(inherited);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Buurtkracht"] = $"Data Source={Path.Combine(dataFolder, "bk.db")}";
        start.Environment["Telegram__BotToken"] = telegram.Token;
        start.Environment["Telegram__ApiBaseUrl"] = telegram.BaseUrl;
        start.Environment["Telegram__Mode"] = "Webhook";
        start.Environment["Telegram__WebhookUrl"] = $"http://127.0.0.1:{port}/telegram/webhook";
        start.Environment["Telegram__WebhookSecret"] = WebhookSecret;
        if (postgres is not null)
        {
            start.Environment["ConnectionStrings__Buurtkracht"] = postgres;
            start.Environment["Database__Provider"] = "PostgreSql";
            start.Environment["Database__Instances"] = options.Instances.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in options.ServiceEnvironment) start.Environment[key] = value;

        var bot = new BotProcess(start, dataFolder, port, options.ServiceLog is { } log ? new StreamWriter(log, append: true) { AutoFlush = false } : null);
        bot.Start();
        return bot;
    }

    public int ErrorLines => TailLines.Count(line => line.StartsWith("fail:", StringComparison.Ordinal));

    protected override void OnLine(string line)
    {
        if (_log is { } log)
            lock (log)
                if (_log is not null) log.WriteLine(line);
    }

    protected override void OnExited()
    {
        if (_log is { } log)
            lock (log)
            {
                _log = null;
                log.Dispose();
            }
    }

    /// <summary>
    /// The executable beside <paramref name="botDll"/> when its folder is self-contained (the runtimeconfig.json names
    /// included frameworks instead of frameworks to look for, and the runtime's hostfxr is in the folder); null for a
    /// framework-dependent build, which runs with <c>dotnet</c>.
    /// </summary>
    public static string? SelfContainedHost(string botDll)
    {
        var config = Path.ChangeExtension(botDll, ".runtimeconfig.json");
        var folder = Path.GetDirectoryName(botDll)!;
        if (!File.Exists(config) || !File.Exists(Path.Combine(folder, "libhostfxr.so"))) return null;
        var included = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(config))?["runtimeOptions"]?["includedFrameworks"];
        var executable = Path.ChangeExtension(botDll, null);
        if (included is null) return null;
        return File.Exists(executable)
            ? executable
            : throw new FileNotFoundException($"{botDll} is from a self-contained folder, but its executable {executable} is missing.");
    }
}
