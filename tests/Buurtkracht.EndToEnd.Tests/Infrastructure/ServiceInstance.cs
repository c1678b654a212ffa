using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Buurtkracht.Testing;

namespace Buurtkracht.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The built service as a real OS process, one of several instances behind a load balancer (`dotnet Buurtkracht.Bot.dll`) on a loopback port, Telegram in Webhook mode
/// against a fake Bot API. Several of them on one PostgreSQL database are the instances behind a load balancer;
/// <see cref="Kill"/> is kill -9.
/// </summary>
internal sealed class ServiceInstance : IAsyncDisposable
{
    public const string WebhookSecret = "scale-out-webhook-secret";
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);

    private static long _lastUpdateId = 50_000;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private ServiceInstance(Process process, int port)
    {
        _process = process;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    /// <summary>Starts an instance on <paramref name="connectionString"/> and waits until /health answers 200.</summary>
    public static async Task<ServiceInstance> StartAsync(
        FakeTelegramServer telegram, string connectionString, string dataFolder, IDictionary<string, string?>? settings = null)
    {
        var port = FreeLoopbackPort();
        var app = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(ServiceProcess.DotnetHost())
        {
            WorkingDirectory = dataFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(app, "Buurtkracht.Bot.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_ENVIRONMENT", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT" })
            start.Environment.Remove(inherited);
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings:Buurtkracht"] = connectionString,
            ["Database:Provider"] = "PostgreSql",
            ["Database:Instances"] = "2",
            ["Meldingen:DataFolder"] = dataFolder,
            // Never PDOK itself: a loopback port nothing listens on.
            ["Meldingen:Geocoder:BaseUrl"] = "http://127.0.0.1:9/bzk/locatieserver/search/v3_1",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.test/telegram/webhook",
            ["Telegram:WebhookSecret"] = WebhookSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var service = new ServiceInstance(Process.Start(start)!, port);
        try
        {
            await service.WaitUntilHealthyAsync();
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    /// <summary>Delivers an update to this instance's webhook, as the load balancer would, and expects 200.</summary>
    public async Task PostUpdateAsync(JsonObject update)
    {
        // Telegram numbers every update; the service keeps the numbers it handled, so an unnumbered one would look like a redelivery.
        update["update_id"] ??= Interlocked.Increment(ref _lastUpdateId);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "/telegram/webhook"))
        {
            Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", WebhookSecret);
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new Xunit.Sdk.XunitException($"The webhook of {BaseUrl} answered {(int)response.StatusCode}.{Tail()}");
    }

    /// <summary>kill -9: no shutdown, no lease given back, no Quartz scheduler signing off.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>The last lines the service wrote, for failure messages.</summary>
    public string Tail() => Environment.NewLine + $"  {BaseUrl} output (last lines):" + Environment.NewLine + "    "
        + string.Join(Environment.NewLine + "    ", _tail);

    private async Task WaitUntilHealthyAsync()
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < StartPatience)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The service exited with {_process.ExitCode} before it was healthy.{Tail()}");
            try
            {
                using var response = await _http.GetAsync(new Uri(BaseUrl, "/health"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"/health of {BaseUrl} did not answer 200 within {StartPatience.TotalSeconds:0} s.{Tail()}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > 60) _tail.TryDequeue(out _);
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
        _process.Dispose();
        _http.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
