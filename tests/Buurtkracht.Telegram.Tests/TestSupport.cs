using System.Collections.Concurrent;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Telegram.Tests;

internal sealed class StaticCommandCatalog : ICommandCatalog
{
    public IReadOnlyList<BotCommandInfo> Commands { get; } =
    [
        new("help", "Wat kan de bot?", "What can the bot do?", PrivateOnly: false),
        new("koppel", "Koppel deze groep aan je buurt", "Link this group to your neighbourhood", PrivateOnly: false, GroupOnly: true,
            Audience: CommandAudience.GroupAdmins),
        new("melding", "Meld iets in de buurt", "Report something in the neighbourhood", PrivateOnly: true),
        new("omroep", "Stuur een bericht naar de groepen", "Send a message to the groups", PrivateOnly: true, Audience: CommandAudience.Coordinators),
        new("beheer", "Open het beheer", "Open the dashboard", PrivateOnly: true, Audience: CommandAudience.RoleHolders),
    ];
}

/// <summary>Keeps every log entry, at every level, so tests can check what reaches the logs.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}

/// <summary>The Telegram adapter as AddTelegramChannel wires it, pointed at a <see cref="FakeTelegramServer"/>.</summary>
internal sealed class TelegramTestServices : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly List<IHostedService> _started = [];

    public TelegramTestServices(FakeTelegramServer server, IDictionary<string, string?>? settings = null)
    {
        Configuration = Configure(server, settings);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IInboundHandler>(Handler);
        services.AddSingleton<ICommandCatalog>(new StaticCommandCatalog());
        services.AddTelegramChannel(Configuration);
        Services = services.BuildServiceProvider();
    }

    public static IConfiguration Configure(FakeTelegramServer server, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = server.Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl,
            ["Telegram:PollingTimeoutSeconds"] = "5",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public IConfiguration Configuration { get; }
    public ServiceProvider Services { get; }
    public RecordingInboundHandler Handler { get; } = new();
    public InstantDelayTimeProvider Time { get; } = new();
    public ListLoggerProvider Logs { get; } = new();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Starts the hosted services (startup, and polling in Polling mode) as the host would.</summary>
    public async Task StartAsync()
    {
        foreach (var service in Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
            await service.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
    }
}

/// <summary>A fake Bot API per test, and the adapter wired against it.</summary>
public abstract class FakeTelegramTest : IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TelegramTestServices.Wait;

    private protected FakeTelegramServer Server { get; private set; } = null!;
    private protected TelegramTestServices Services { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Server = await FakeTelegramServer.StartAsync();
        Services = new TelegramTestServices(Server);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
