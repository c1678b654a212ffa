using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Buurtkracht.Benchmarks;

/// <summary>
/// A bot the harness runs as a child process on a loopback port with its own data folder: the service
/// (<see cref="BotProcess"/>) or the grammY peer (<see cref="PeerBot"/>). Disposing kills it and removes the folder.
/// </summary>
public abstract class ChildProcess : IAsyncDisposable
{
    // Every live child, so a Ctrl+C or an unhandled failure in the harness still kills them.
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    private readonly Process _process;
    private readonly Stopwatch _sinceLaunch = new();
    private readonly string _name;
    private readonly ConcurrentQueue<string> _tail = new();

    /// <param name="start">With its output redirected.</param>
    /// <param name="name">How failure messages call it ("service", "grammY peer").</param>
    protected ChildProcess(ProcessStartInfo start, string name, string dataFolder, int port)
    {
        _name = name;
        DataFolder = dataFolder;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _process = new Process { StartInfo = start };
    }

    /// <summary>Launches it (once the derived object is complete, so <see cref="OnLine"/> sees every line).</summary>
    protected void Start()
    {
        _sinceLaunch.Start();
        _process.Start();
        Live[_process.Id] = _process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }
    public Uri WebhookUrl => new(BaseUrl, "/telegram/webhook");
    public string DataFolder { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

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

    /// <summary>Polls GET /health until it answers 200; returns the time since launch.</summary>
    public async Task<TimeSpan> WaitUntilHealthyAsync(HttpClient http, TimeSpan limit)
    {
        var health = new Uri(BaseUrl, "/health");
        while (_sinceLaunch.Elapsed < limit)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The {_name} exited with {_process.ExitCode} before it was healthy.{Tail()}");
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
        throw new TimeoutException($"the {_name}'s /health did not answer 200 within {limit.TotalSeconds:0} s.{Tail()}");
    }

    /// <summary>User plus system CPU of the process (all its threads) so far.</summary>
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

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail() => _tail.IsEmpty ? "" : Environment.NewLine + $"  {_name} output (last lines):" + Environment.NewLine + "    "
        + string.Join(Environment.NewLine + "    ", _tail);

    protected IEnumerable<string> TailLines => _tail;

    /// <summary>Called for every line the process writes, before it is kept in the tail.</summary>
    protected virtual void OnLine(string line)
    {
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        OnLine(line);
        _tail.Enqueue(line);
        while (_tail.Count > 40) _tail.TryDequeue(out _);
    }

    /// <summary>Called once the process has exited, before its data folder is removed.</summary>
    protected virtual void OnExited()
    {
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
        OnExited();
        _process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        GC.SuppressFinalize(this);
    }

    protected static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
