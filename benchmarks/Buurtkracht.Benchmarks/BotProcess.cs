using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Buurtkracht.Testing;

namespace Buurtkracht.Benchmarks;

/// <summary>
/// One run of the real service: <c>dotnet Buurtkracht.Bot.dll --urls http://127.0.0.1:PORT</c> (or, for a self-contained
/// publish folder, its own executable <c>Buurtkracht.Bot</c>) with a fresh SQLite
/// file (or, with a connection string, a PostgreSQL database it may share with other instances) and Telegram in Webhook
/// mode against the fake Bot API. Disposing kills it and removes its data folder.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    public const string WebhookSecret = "bench-webhook-secret";

    // Every live child, so a Ctrl+C or an unhandled failure in the harness still kills them.
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly Stopwatch _sinceLaunch;
    private StreamWriter? _log;

    private BotProcess(Process process, Stopwatch sinceLaunch, string dataFolder, int port)
    {
        _process = process;
        _sinceLaunch = sinceLaunch;
        DataFolder = dataFolder;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseUrl { get; }
    public Uri WebhookUrl => new(BaseUrl, "/telegram/webhook");
    public string DataFolder { get; }
    public string DatabasePath => Path.Combine(DataFolder, "bk.db");
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>How the child is launched, for the report.</summary>
    public static string CommandLine(string botDll, string shownFrom) =>
        $"{(SelfContainedHost(botDll) is { } host ? Path.GetRelativePath(shownFrom, host) : $"dotnet {Path.GetRelativePath(shownFrom, botDll)}")} --urls http://127.0.0.1:<port>  (cwd = its folder; env ConnectionStrings__Buurtkracht=\"Data Source=<tmp>/bk.db\", "
        + "Telegram__BotToken, Telegram__ApiBaseUrl=<fake>, Telegram__Mode=Webhook, Telegram__WebhookUrl, Telegram__WebhookSecret)";

    public static void KillAll()
    {
        foreach (var process in Live.Values)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

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

        var process = new Process { StartInfo = start };
        var clock = Stopwatch.StartNew();
        process.Start();
        Live[process.Id] = process;
        var bot = new BotProcess(process, clock, dataFolder, port)
        {
            _log = options.ServiceLog is { } log ? new StreamWriter(log, append: true) { AutoFlush = false } : null,
        };
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Polls GET /health until it answers 200; returns the time since launch.</summary>
    public async Task<TimeSpan> WaitUntilHealthyAsync(HttpClient http, TimeSpan limit)
    {
        var health = new Uri(BaseUrl, "/health");
        while (_sinceLaunch.Elapsed < limit)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The service exited with {_process.ExitCode} before it was healthy.{Tail()}");
            try
            {
                using var response = await http.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK) return _sinceLaunch.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(5);
        }
        throw new TimeoutException($"/health did not answer 200 within {limit.TotalSeconds:0} s.{Tail()}");
    }

    /// <summary>User plus system CPU the service has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>A field of /proc/PID/status in kB (VmRSS, VmHWM, ...).</summary>
    public long ReadStatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
        throw new InvalidOperationException($"/proc/{Pid}/status has no {field}");
    }

    /// <summary>The last lines the service wrote, for failure messages.</summary>
    public string Tail() => _tail.IsEmpty ? "" : Environment.NewLine + "  service output (last lines):" + Environment.NewLine + "    "
        + string.Join(Environment.NewLine + "    ", _tail);

    public int ErrorLines => _tail.Count(line => line.StartsWith("fail:", StringComparison.Ordinal));

    private void Keep(string? line)
    {
        if (line is null) return;
        if (_log is { } log)
            lock (log)
                if (_log is not null) log.WriteLine(line);
        _tail.Enqueue(line);
        while (_tail.Count > 40) _tail.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
        }
        Live.TryRemove(_process.Id, out _);
        if (_log is { } log)
            lock (log)
            {
                _log = null;
                log.Dispose();
            }
        _process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
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

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
