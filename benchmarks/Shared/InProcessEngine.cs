using Buurtkracht.Core;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// The real engine on a fresh SQLite file in a temporary folder, with a channel that accepts everything and without the
/// hosted services (dispatcher, Quartz): figures are the engine's and the database's, not a platform's rate limit.
/// Compiled into the feature benchmarks that drive <see cref="IInboundHandler"/> directly.
/// </summary>
internal sealed class InProcessEngine : IAsyncDisposable
{
    private readonly string _folder;

    private InProcessEngine(ServiceProvider provider, string folder)
    {
        Services = provider;
        _folder = folder;
    }

    public ServiceProvider Services { get; }
    public IInboundHandler Engine => Services.GetRequiredService<IInboundHandler>();

    /// <param name="settings">Configuration on top of the database, such as the geocoder's address.</param>
    public static async Task<InProcessEngine> StartAsync(string name, IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"buurtkracht-bench-{name}", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:Buurtkracht"] = $"Data Source={Path.Combine(folder, "buurtkracht.db")}",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddFilter((_, level) => level >= LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBuurtkrachtCore(configuration);
        services.AddSingleton<IChannel>(new AcceptingChannel());
        var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await DatabaseInitializer.InitializeAsync(scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>(), DatabaseProvider.Sqlite, CancellationToken.None);
        provider.GetRequiredService<ServiceReadiness>().MarkDatabaseReady();
        return new InProcessEngine(provider, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        // Pooled connections keep the file open; release them so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private sealed class AcceptingChannel : IChannel
    {
        public ChannelKind Kind => ChannelKind.Telegram;
        public Task<SendResult> SendAsync(string chatId, OutgoingMessage message, string? editPlatformMessageId, CancellationToken ct) =>
            Task.FromResult<SendResult>(new SendResult.Sent("1"));
        public Task<bool> IsGroupAdminAsync(string chatId, string userId, CancellationToken ct) => Task.FromResult(false);
        public Task<IReadOnlyList<Sender>> GetGroupAdminsAsync(string chatId, CancellationToken ct) => Task.FromResult<IReadOnlyList<Sender>>([]);
        public Task<bool> IsGroupMemberAsync(string chatId, string userId, CancellationToken ct) => Task.FromResult(true);
        public string PrivateChatLink(string payload) => $"https://t.me/bench_bot?start={payload}";
    }
}
