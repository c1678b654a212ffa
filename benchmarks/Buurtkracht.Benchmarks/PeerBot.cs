using System.Diagnostics;
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
public sealed class PeerBot : ChildProcess, IMeasuredBot
{
    private readonly FakeTelegramServer _telegram;

    private PeerBot(ProcessStartInfo start, FakeTelegramServer telegram, string dataFolder, int port) : base(start, "grammY peer", dataFolder, port) =>
        _telegram = telegram;

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

        var peer = new PeerBot(start, telegram, dataFolder, port);
        peer.Start();
        return peer;
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
}
