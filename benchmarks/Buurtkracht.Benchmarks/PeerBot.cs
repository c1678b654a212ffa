using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Buurtkracht.Testing;
using Microsoft.Data.Sqlite;

namespace Buurtkracht.Benchmarks;

/// <summary>
/// What the side-by-side runs need of either bot: where its webhook is, when it is ready, its CPU and memory from /proc,
/// and per answered update the row it stored and the reply it made. Disposing kills the process and removes its data.
/// </summary>
public interface IMeasuredBot : IAsyncDisposable
{
    Uri WebhookUrl { get; }
    Task<TimeSpan> WaitUntilHealthyAsync(HttpClient http, TimeSpan limit);
    TimeSpan CpuTime();
    long ReadStatusKb(string field);

    /// <summary>Processed-update rows, replies (the service: outbox rows; the peer: sendMessage calls the fake received) and dialogs started.</summary>
    (long Processed, long Replies, long Dialogs) Counts();

    string Tail();
}

/// <summary>The service under <see cref="IMeasuredBot"/>: one process on its own SQLite file, exactly as Scenarios runs it.</summary>
public sealed class MeasuredService(BotProcess bot) : IMeasuredBot
{
    public static IMeasuredBot Launch(string botDll, FakeTelegramServer telegram, BenchOptions options) =>
        new MeasuredService(BotProcess.Launch(botDll, telegram, options));

    public Uri WebhookUrl => bot.WebhookUrl;
    public Task<TimeSpan> WaitUntilHealthyAsync(HttpClient http, TimeSpan limit) => bot.WaitUntilHealthyAsync(http, limit);
    public TimeSpan CpuTime() => bot.CpuTime();
    public long ReadStatusKb(string field) => bot.ReadStatusKb(field);

    public (long Processed, long Replies, long Dialogs) Counts()
    {
        var counts = DbCounts.Read(bot.DatabasePath);
        return (counts.ProcessedUpdates, counts.Outbox, counts.DialogStates);
    }

    public string Tail() => bot.Tail();
    public ValueTask DisposeAsync() => bot.DisposeAsync();
}

/// <summary>
/// One run of the grammY peer (<c>benchmarks/peer-grammy/bot.js</c>): <c>node bot.js</c> with a fresh SQLite file, its
/// webhook on a free loopback port and its Bot API root at the fake. Its replies are sendMessage calls the fake records.
/// </summary>
public sealed class PeerBot : IMeasuredBot
{
    // Every live child, so a Ctrl+C or an unhandled failure in the harness still kills them.
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    private readonly Process _process;
    private readonly FakeTelegramServer _telegram;
    private readonly Stopwatch _sinceLaunch;
    private readonly ConcurrentQueue<string> _tail = new();

    private PeerBot(Process process, FakeTelegramServer telegram, Stopwatch sinceLaunch, string dataFolder, int port)
    {
        _process = process;
        _telegram = telegram;
        _sinceLaunch = sinceLaunch;
        DataFolder = dataFolder;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseUrl { get; }
    public Uri WebhookUrl => new(BaseUrl, "/telegram/webhook");
    public string DataFolder { get; }
    public string DatabasePath => Path.Combine(DataFolder, "peer.db");

    /// <summary>How the child is launched, for the report.</summary>
    public const string CommandLine = "node bot.js  (cwd = benchmarks/peer-grammy; env PEER_PORT, PEER_DB=<tmp>/peer.db, PEER_BOT_TOKEN, "
        + "PEER_API_ROOT=<fake>, PEER_WEBHOOK_URL, PEER_WEBHOOK_SECRET)";

    /// <summary>The peer's folder, or why it cannot run (not installed).</summary>
    public static string Folder(string root, out string? problem)
    {
        var folder = Path.Combine(root, "benchmarks", "peer-grammy");
        problem = File.Exists(Path.Combine(folder, "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node"))
                  && File.Exists(Path.Combine(folder, "node_modules", "grammy", "package.json"))
            ? null
            : $"the grammY peer is not installed: run `npm ci` in {folder} (see benchmarks/Buurtkracht.Benchmarks/README.md)";
        return folder;
    }

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

    public static PeerBot Launch(string folder, FakeTelegramServer telegram)
    {
        var port = FreeLoopbackPort();
        var dataFolder = Directory.CreateTempSubdirectory("bk-peer-").FullName;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("bot.js");
        start.Environment["NODE_ENV"] = "production";
        start.Environment["PEER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PEER_DB"] = Path.Combine(dataFolder, "peer.db");
        start.Environment["PEER_BOT_TOKEN"] = telegram.Token;
        start.Environment["PEER_API_ROOT"] = telegram.BaseUrl;
        start.Environment["PEER_WEBHOOK_URL"] = $"http://127.0.0.1:{port}/telegram/webhook";
        start.Environment["PEER_WEBHOOK_SECRET"] = BotProcess.WebhookSecret;

        var process = new Process { StartInfo = start };
        var clock = Stopwatch.StartNew();
        process.Start();
        Live[process.Id] = process;
        var peer = new PeerBot(process, telegram, clock, dataFolder, port);
        process.OutputDataReceived += (_, e) => peer.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>Polls GET /health until it answers 200; returns the time since launch.</summary>
    public async Task<TimeSpan> WaitUntilHealthyAsync(HttpClient http, TimeSpan limit)
    {
        var health = new Uri(BaseUrl, "/health");
        while (_sinceLaunch.Elapsed < limit)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The grammY peer exited with {_process.ExitCode} before it was healthy.{Tail()}");
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
        throw new TimeoutException($"the peer's /health did not answer 200 within {limit.TotalSeconds:0} s.{Tail()}");
    }

    /// <summary>User plus system CPU of the node process (all its threads: libuv's pool included) so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public long ReadStatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field}");
    }

    public (long Processed, long Replies, long Dialogs) Counts()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM processed_updates";
        var processed = Convert.ToInt64(command.ExecuteScalar());
        // The peer has no dialogs: the workload starts none in the service either (UpdateBodies).
        return (processed, _telegram.CallsTo("sendMessage").Count, 0);
    }

    public string Tail() => _tail.IsEmpty ? "" : Environment.NewLine + "  peer output (last lines):" + Environment.NewLine + "    "
        + string.Join(Environment.NewLine + "    ", _tail);

    private void Keep(string? line)
    {
        if (line is null) return;
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
        _process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
