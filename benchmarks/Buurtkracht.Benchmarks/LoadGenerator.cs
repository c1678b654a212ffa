using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Buurtkracht.Benchmarks;

/// <summary>What happened to the requests of one load run; latencies in milliseconds.</summary>
public sealed record LoadResult(int Sent, int Ok, IReadOnlyDictionary<int, int> OtherStatuses, TimeSpan Wall, double[] LatenciesMs, double[] IntendedAtMs)
{
    public int NotOk => OtherStatuses.Values.Sum();
    public double PerSecond => Ok / Wall.TotalSeconds;

    public string StatusSummary => OtherStatuses.Count == 0
        ? "all 200"
        : string.Join(", ", OtherStatuses.OrderBy(s => s.Key).Select(s => $"{StatusName(s.Key)}: {s.Value}"));

    private static string StatusName(int code) => code switch
    {
        LoadGenerator.NetworkError => "network error",
        LoadGenerator.TimedOut => "timed out",
        LoadGenerator.NotSent => "not sent (time limit)",
        _ => code.ToString(),
    };
}

/// <summary>
/// Posts webhook bodies to the service on loopback, closed-loop (fixed connections) or open-loop (fixed rate). With several
/// instances, request i goes to instance i mod N, as a round-robin load balancer in front of them would send it.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    public const int NetworkError = -1;
    public const int TimedOut = -2;
    public const int NotSent = -3;

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri[] _webhooks;
    private int _next = -1;

    public LoadGenerator(Uri webhook, int maxConnections) : this([webhook], maxConnections)
    {
    }

    public LoadGenerator(IReadOnlyList<Uri> webhooks, int maxConnections)
    {
        // The only target this harness ever loads is the service it started itself.
        foreach (var webhook in webhooks)
            if (!IPAddress.TryParse(webhook.Host, out var address) || !IPAddress.IsLoopback(address))
                throw new ArgumentException($"refusing to load a non-loopback address: {webhook}");
        if (webhooks.Count == 0) throw new ArgumentException("no webhook to load");
        _webhooks = [.. webhooks];
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// <paramref name="connections"/> workers each send the next body as soon as their previous one was answered,
    /// until all are sent or <paramref name="limit"/> passes (requests under way then still finish).
    /// </summary>
    public async Task<LoadResult> ClosedLoopAsync(byte[][] bodies, int connections, TimeSpan limit)
    {
        var statuses = new int[bodies.Length];
        Array.Fill(statuses, NotSent);
        var latencies = new double[bodies.Length];
        var next = -1;
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(limit);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                var sentAt = clock.Elapsed;
                // The limit stops new requests only: one cut off mid-flight may still commit, and then the counts would not add up.
                statuses[i] = await PostAsync(bodies[i], CancellationToken.None);
                latencies[i] = (clock.Elapsed - sentAt).TotalMilliseconds;
            }
        })));
        clock.Stop();
        return Summarise(statuses, latencies, new double[bodies.Length], clock.Elapsed);
    }

    /// <summary>
    /// Sends body i at i / rate seconds after the start, whether or not earlier ones were answered; a latency counts
    /// from that planned moment, so a stalled service cannot hide its stall by slowing the sender down.
    /// </summary>
    public async Task<LoadResult> OpenLoopAsync(byte[][] bodies, int rate, TimeSpan drainLimit)
    {
        var statuses = new int[bodies.Length];
        Array.Fill(statuses, NotSent);
        var latencies = new double[bodies.Length];
        var planned = new double[bodies.Length];
        var inFlight = new List<Task>(bodies.Length);
        var clock = Stopwatch.StartNew();
        var runLimit = TimeSpan.FromSeconds((double)bodies.Length / rate) + drainLimit;
        using var stop = new CancellationTokenSource(runLimit);

        // A dedicated thread keeps the schedule even while the thread pool is busy with responses.
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < bodies.Length && !stop.IsCancellationRequested; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1)) Thread.Sleep(wait);
                planned[i] = due.TotalMilliseconds;
                var index = i;
                inFlight.Add(Task.Run(async () =>
                {
                    statuses[index] = await PostAsync(bodies[index], stop.Token);
                    latencies[index] = clock.Elapsed.TotalMilliseconds - planned[index];
                }));
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "open-loop schedule" };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(inFlight);
        clock.Stop();
        return Summarise(statuses, latencies, planned, clock.Elapsed);
    }

    public async Task<int> PostAsync(byte[] body, CancellationToken ct)
    {
        var webhook = _webhooks.Length == 1 ? _webhooks[0] : _webhooks[(int)((uint)Interlocked.Increment(ref _next) % (uint)_webhooks.Length)];
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", BotProcess.WebhookSecret);
        try
        {
            using var response = await _http.SendAsync(request, ct);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return NetworkError;
        }
        catch (TaskCanceledException)
        {
            return ct.IsCancellationRequested ? NotSent : TimedOut;
        }
    }

    private static LoadResult Summarise(int[] statuses, double[] latencies, double[] planned, TimeSpan wall)
    {
        var ok = statuses.Count(s => s == 200);
        var others = statuses.Where(s => s != 200).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var answered = Enumerable.Range(0, statuses.Length).Where(i => statuses[i] == 200).ToArray();
        return new LoadResult(statuses.Length - others.GetValueOrDefault(NotSent), ok, others, wall,
            answered.Select(i => latencies[i]).ToArray(), answered.Select(i => planned[i]).ToArray());
    }

    public void Dispose() => _http.Dispose();
}
